import Foundation

/// systemd's readiness protocol (`Type=notify`) without libsystemd: one datagram such as
/// `READY=1` to the unix socket named in NOTIFY_SOCKET. Does nothing when not started by
/// systemd (no NOTIFY_SOCKET), and never fails the daemon: readiness is a courtesy.
public enum ServiceNotifier {
    public static func notify(_ state: String) {
        guard var path = ProcessInfo.processInfo.environment["NOTIFY_SOCKET"], !path.isEmpty else { return }
        // A leading "@" names a socket in the abstract namespace, spelled with a NUL byte.
        if path.hasPrefix("@") { path = "\0" + path.dropFirst() }
        let socketFD = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socketFD >= 0 else { return }
        defer { close(socketFD) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + bytes.count)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                Array(state.utf8).withUnsafeBytes { sendto(socketFD, $0.baseAddress, $0.count, 0, socketAddress, length) }
            }
        }
    }

    /// The daemon is up: systemd may consider the start finished.
    public static func ready(status: String) { notify("READY=1\nSTATUS=\(status)") }

    /// A new one-line status for `systemctl --user status leadbox`.
    public static func status(_ status: String) { notify("STATUS=\(status)") }
}
