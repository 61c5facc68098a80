import Glibc

/// Holds a TCP port on 127.0.0.1 during an outage without listening on it: a client's connect
/// is still refused, as when the portal is down, but the kernel cannot hand the port to anything
/// else meanwhile. Without it, an outgoing connection of a busy test run now and then took the
/// freed port as its own local one, and the portal could not bind it again ("address already
/// in use") when the outage ended.
final class PortReservation {
    private var descriptor: Int32

    /// Binds a socket to `port`; nil when it cannot be had within about two seconds (the old
    /// listener may still be closing). The outage works without it, only less surely.
    init?(port: Int) {
        for _ in 0..<200 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { return nil }
            var yes: Int32 = 1
            _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if bound == 0 {
                descriptor = fd
                return
            }
            close(fd)
            usleep(10_000)  // the old listener is still closing: a bounded wait, not a synchronisation
        }
        return nil
    }

    /// Gives the port back, just before the server binds it again.
    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
