import Foundation
import NIOSSL

/// Certificates trusted besides the system store, found as the platform's tools find them:
/// `ca_file` from the settings (for the daemon under systemd, where a login shell's variables
/// are absent), and `SSL_CERT_FILE` and `SSL_CERT_DIR` as curl, git and Python read them. A
/// company network that inspects HTTPS gives its root certificate this way.
///
/// They are added to the system store rather than replacing it: the portal's own certificate
/// stays trusted when the laptop leaves the company network.
public struct TrustRoots: Sendable, Hashable {
    /// PEM files of root certificates.
    public var files: [String] = []
    /// Folders of PEM root certificates (every readable certificate in them counts).
    public var folders: [String] = []

    public init(files: [String] = [], folders: [String] = []) {
        self.files = files
        self.folders = folders
    }

    /// `caFile` from the settings plus `SSL_CERT_FILE` and `SSL_CERT_DIR` (a colon-separated
    /// list, as OpenSSL reads it) from `environment`.
    public init(caFile: String?, environment: [String: String]) {
        files = [caFile, environment["SSL_CERT_FILE"]].compactMap { $0 }.filter { !$0.isEmpty }
        folders = (environment["SSL_CERT_DIR"] ?? "").split(separator: ":").map(String.init)
    }

    public var isEmpty: Bool { files.isEmpty && folders.isEmpty }

    /// Throws `EndpointError` naming a file that cannot be read as certificates: a client
    /// built from these roots would otherwise trust only the system store, silently.
    public func check() throws(EndpointError) {
        _ = try tlsConfiguration()
    }

    /// The client TLS configuration trusting these roots too; nil for the system store alone.
    func tlsConfiguration() throws(EndpointError) -> TLSConfiguration? {
        guard !isEmpty else { return nil }
        var roots: [NIOSSLCertificate] = []
        for file in files {
            guard let certificates = try? NIOSSLCertificate.fromPEMFile(file), !certificates.isEmpty else {
                throw EndpointError(
                    "The root certificate file \(file) (ca_file or SSL_CERT_FILE) cannot be read as PEM certificates: fix the path or the file.")
            }
            roots += certificates
        }
        for folder in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for name in names.sorted() {
                roots += (try? NIOSSLCertificate.fromPEMFile(folder + "/" + name)) ?? []
            }
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.additionalTrustRoots = [.certificates(roots)]
        return configuration
    }
}
