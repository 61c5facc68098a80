import FakePortal
import Foundation
import LeadCore
import Testing

@testable import Bitrix24

/// Certificates made with `openssl` in a temp folder: a test root, a leaf for 127.0.0.1 it
/// signed, one for another name, and one that ran out a month ago (signed under `faketime`).
struct TestCertificates {
    let folder: String
    var root: String { folder + "/root.pem" }

    static func make() throws -> TestCertificates {
        let folder = NSTemporaryDirectory() + "tls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let certificates = TestCertificates(folder: folder)
        try certificates.run([
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "root.key", "-out", "root.pem", "-days", "3650", "-subj", "/CN=leadbox test root",
        ])
        try certificates.leaf("good", names: "IP:127.0.0.1,DNS:localhost")
        try certificates.leaf("other", names: "DNS:portal.other.example")
        try certificates.leaf("expired", names: "IP:127.0.0.1", before: ["faketime", "-f", "-60d"], days: 30)
        return certificates
    }

    func leaf(_ name: String, names: String, before: [String] = [], days: Int = 365) throws {
        try "subjectAltName=\(names)\n".write(toFile: folder + "/\(name).ext", atomically: true, encoding: .utf8)
        try run([
            "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", "/CN=\(name)",
        ])
        try run(
            before + [
                "openssl", "x509", "-req", "-in", "\(name).csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial",
                "-out", "\(name).pem", "-days", "\(days)", "-extfile", "\(name).ext",
            ])
    }

    func tls(_ name: String) -> FakePortalTLS {
        FakePortalTLS(certificatePath: folder + "/\(name).pem", keyPath: folder + "/\(name).key")
    }

    private func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw EndpointError("\(arguments.joined(separator: " ")) failed") }
    }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

/// A refused certificate is said in one plain sentence naming what a person can do; roots
/// named by `ca_file`, `SSL_CERT_FILE` or `SSL_CERT_DIR` are trusted besides the system store.
@Suite(.serialized) struct TLSTests {
    static let hasTools = ["/usr/bin/openssl", "/usr/bin/faketime"].allSatisfy(FileManager.default.fileExists(atPath:))

    /// Calls `user.current` on an HTTPS stand-in presenting `certificate`; returns the failure.
    func failure(presenting certificate: String, trust: TrustRoots, _ certificates: TestCertificates) async throws -> CallFailure? {
        var configuration = FakePortalConfiguration()
        configuration.rate = 0
        configuration.tls = certificates.tls(certificate)
        let portal = try await FakePortal.start(configuration)
        defer { Task { await portal.stop() } }
        #expect(portal.webhookURL.hasPrefix("https://"))
        var client = Bitrix24Client.Configuration()
        client.trust = trust
        let endpoint = try PortalEndpoint.webhook(portal.webhookURL)
        let lines = await PortalCheck.run(Bitrix24Client(endpoint: endpoint, configuration: client))
        do {
            _ = try await Bitrix24Client(endpoint: endpoint, configuration: client).leadFields()
            #expect(lines.first?.status == .passed)
            return nil
        } catch {
            #expect(error.kind == .offline, "leads are kept and sync retries, as for any outage")
            #expect(lines.first?.status == .failed)
            return error
        }
    }

    @Test(.enabled(if: hasTools)) func eachRefusedCertificateHasItsOwnSentence() async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        let trusted = TrustRoots(files: [certificates.root])

        let untrusted = try #require(try await failure(presenting: "good", trust: TrustRoots(), certificates))
        #expect(untrusted.code == "TLS_UNTRUSTED")
        #expect(untrusted.message.contains("intercepting secure connections") && untrusted.message.contains("login page"))

        let otherName = try #require(try await failure(presenting: "other", trust: trusted, certificates))
        #expect(otherName.code == "TLS_WRONG_NAME")
        #expect(otherName.message.contains("issued for another name"))

        let expired = try #require(try await failure(presenting: "expired", trust: trusted, certificates))
        #expect(expired.code == "TLS_EXPIRED")
        #expect(expired.message.contains("the clock says"))

        for failure in [untrusted, otherName, expired] {
            #expect(
                !failure.message.contains("NIOSSL") && !failure.message.contains("BoringSSL") && !failure.message.contains(".cc")
                    && !failure.message.contains(".build") && !failure.message.contains(certificates.folder), "\(failure.message)")
        }
    }

    @Test(.enabled(if: hasTools)) func aRootFromAFileOrAFolderIsTrusted() async throws {
        let certificates = try TestCertificates.make()
        defer { certificates.remove() }
        #expect(try await failure(presenting: "good", trust: TrustRoots(files: [certificates.root]), certificates) == nil)
        let folder = certificates.folder + "/roots"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: certificates.root, toPath: folder + "/company.pem")
        try "not a certificate".write(toFile: folder + "/README", atomically: true, encoding: .utf8)
        #expect(try await failure(presenting: "good", trust: TrustRoots(folders: [folder]), certificates) == nil)
    }

    /// The date probe sends SNI for every name, digits first or not, and none for address literals.
    @Test func theDateProbeNamesEveryHostButAnAddress() {
        #expect(TLSFailure.serverName(for: "1c-shop.bitrix24.ru") == "1c-shop.bitrix24.ru")
        #expect(TLSFailure.serverName(for: "24.example.com") == "24.example.com")
        #expect(TLSFailure.serverName(for: "portal.example.com") == "portal.example.com")
        #expect(TLSFailure.serverName(for: "127.0.0.1") == nil)
        #expect(TLSFailure.serverName(for: "::1") == nil)
        #expect(TLSFailure.serverName(for: "2001:db8::7") == nil)
    }

    @Test func rootsComeFromTheSettingsAndTheEnvironmentAsCurlReadsThem() throws {
        let roots = TrustRoots(
            caFile: "/etc/company/root.pem",
            environment: ["SSL_CERT_FILE": "/home/a/bundle.pem", "SSL_CERT_DIR": "/etc/a:/etc/b", "HOME": "/home/a"])
        #expect(roots.files == ["/etc/company/root.pem", "/home/a/bundle.pem"])
        #expect(roots.folders == ["/etc/a", "/etc/b"])
        #expect(TrustRoots(caFile: nil, environment: ["SSL_CERT_FILE": ""]).isEmpty)
        #expect(throws: EndpointError.self) { try TrustRoots(files: ["/nonexistent/root.pem"]).check() }
        #expect(throws: Never.self) { try TrustRoots().check() }
    }

    struct DateCase: Sendable, CustomTestStringConvertible {
        var name: String
        var clock: TimeInterval
        var expected: String
        var testDescription: String { name }
    }

    /// A certificate valid for 30 days from day 0, judged by clocks on either side.
    @Test(arguments: [
        DateCase(name: "clock inside the validity: an issuer nobody here trusts", clock: 15 * 86_400, expected: "TLS_UNTRUSTED"),
        DateCase(name: "clock past the end: expired, or the clock is ahead", clock: 31 * 86_400, expected: "TLS_EXPIRED"),
        DateCase(name: "clock before the start: the clock is behind", clock: -86_400, expected: "TLS_NOT_YET_VALID"),
    ])
    func aRefusedCertificateIsJudgedByItsDates(_ row: DateCase) {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let judged = TLSFailure.verification(leaf: (start, start.addingTimeInterval(30 * 86_400)), clock: start.addingTimeInterval(row.clock))
        #expect(judged.code == row.expected)
        #expect(TLSFailure.verification(leaf: nil, clock: start) == .untrusted)
    }
}
