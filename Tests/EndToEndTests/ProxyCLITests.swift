import Foundation
import Testing

/// Leads through an HTTP CONNECT proxy, as on a company network whose only way out is one:
/// the proxy named by `HTTPS_PROXY`, one that asks for a login, one named by `proxy =` in the
/// settings (the daemon under systemd has no login shell), `no_proxy`, and proxies that refuse.
/// The portal is the stand-in serving HTTPS with a certificate from a test root (`ca_file`).
@Suite(.serialized) struct ProxyCLITests {
    let cli = CLIHarness()

    /// The proxy: a small Python CONNECT proxy that prints its port, then one line per tunnel.
    static let proxySource = #"""
        import base64, signal, socket, sys, threading

        # A test runner may start this with SIGTERM blocked: take it back, so it stops when told.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
        signal.signal(signal.SIGTERM, signal.SIG_DFL)

        # A small HTTP CONNECT proxy for the tests: prints its port, then one line per tunnel asked for.
        # --user U:P asks for that Basic login (407 otherwise); --refuse answers every CONNECT with 502.
        args = sys.argv[1:]
        login = args[args.index("--user") + 1] if "--user" in args else None
        refuse = "--refuse" in args

        def pipe(source, target):
            try:
                while True:
                    data = source.recv(65536)
                    if not data:
                        break
                    target.sendall(data)
            except OSError:
                pass
            finally:
                for s in (source, target):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass

        def serve(client):
            head = b""
            while b"\r\n\r\n" not in head:
                chunk = client.recv(4096)
                if not chunk:
                    client.close()
                    return
                head += chunk
            lines = head.split(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
            method, target = lines[0].split(" ")[:2]
            headers = {l.split(":", 1)[0].strip().lower(): l.split(":", 1)[1].strip() for l in lines[1:] if ":" in l}
            print(f"{method} {target}", flush=True)
            if method != "CONNECT":
                client.sendall(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
                client.close()
                return
            if login is not None and headers.get("proxy-authorization") != "Basic " + base64.b64encode(login.encode()).decode():
                client.sendall(b'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="booth"\r\nContent-Length: 0\r\n\r\n')
                client.close()
                return
            if refuse:
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                client.close()
                return
            host, port = target.rsplit(":", 1)
            try:
                upstream = socket.create_connection((host, int(port)), timeout=10)
                upstream.settimeout(None)
            except OSError:
                client.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                client.close()
                return
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
            pipe(upstream, client)

        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        print(listener.getsockname()[1], flush=True)
        while True:
            connection, _ = listener.accept()
            threading.Thread(target=serve, args=(connection,), daemon=True).start()
        """#

    /// A running proxy process and the tunnels it was asked for.
    final class ProxyProcess: @unchecked Sendable {
        let process = Process()
        let log: ReadAll
        let port: Int

        init(folder: String, _ arguments: [String] = []) throws {
            let script = folder + "/proxy.py"
            try ProxyCLITests.proxySource.write(toFile: script, atomically: true, encoding: .utf8)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script] + arguments
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
            let log = ReadAll(out.fileHandleForReading)
            _ = eventually(10) { log.current().contains("\n") }
            self.log = log
            port = Int(log.current().split(separator: "\n").first ?? "") ?? 0
            guard port > 0 else { throw HarnessError("the test proxy did not print its port") }
        }

        var tunnels: [String] { log.current().split(separator: "\n").dropFirst().map(String.init) }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    /// An HTTPS stand-in with a certificate for 127.0.0.1 from a fresh test root, trusted
    /// through `ca_file`.
    func httpsPortal() throws -> PortalProcess {
        for step in [
            [
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "root.key", "-out",
                "root.pem",
                "-days", "30", "-subj", "/CN=leadbox proxy test root",
            ],
            [
                "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "portal.key", "-out", "portal.csr",
                "-subj", "/CN=127.0.0.1",
            ],
            [
                "openssl", "x509", "-req", "-in", "portal.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial", "-out", "portal.pem",
                "-days", "30", "-extfile", "san.ext",
            ],
        ] {
            try "subjectAltName=IP:127.0.0.1\n".write(toFile: cli.folder + "/san.ext", atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = step
            process.currentDirectoryURL = URL(fileURLWithPath: cli.folder)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw HarnessError("\(step.joined(separator: " ")) failed") }
        }
        let portal = try PortalProcess(["--rate", "0", "--tls-cert", cli.folder + "/portal.pem", "--tls-key", cli.folder + "/portal.key"])
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        #expect(try cli.run(["config", "set", "ca_file", cli.folder + "/root.pem"]).status == 0)
        return portal
    }

    /// The proxy variables as a test sets them: every one present, so none leaks in from the
    /// machine running the tests.
    static func proxies(https: String = "", all: String = "", noProxy: String = "") -> [String: String] {
        ["https_proxy": https, "HTTPS_PROXY": https, "http_proxy": "", "all_proxy": all, "ALL_PROXY": all, "no_proxy": noProxy, "NO_PROXY": noProxy]
    }

    func synced() throws -> Int { try cli.statusCounts()["synced"] as? Int ?? -1 }

    static let tools = ["/usr/bin/openssl"].allSatisfy(FileManager.default.fileExists(atPath:))

    @Test(.enabled(if: tools)) func leadsGoThroughTheProxyNamedByHTTPS_PROXY() throws {
        let portal = try httpsPortal()
        defer { portal.stop() }
        let proxy = try ProxyProcess(folder: cli.folder)
        defer { proxy.stop() }
        let via = Self.proxies(https: "http://127.0.0.1:\(proxy.port)")
        let check = try cli.run(["portal", "check"], extraEnvironment: via)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("through the proxy 127.0.0.1:\(proxy.port)"))
        for i in 1...3 { #expect(try cli.run(["add", "--name", "Через прокси \(i)"]).status == 0) }
        let sync = try cli.run(["sync"], extraEnvironment: via)
        #expect(sync.status == 0, "\(sync.stdout)\(sync.stderr)")
        #expect(try synced() == 3)
        #expect(proxy.tunnels.allSatisfy { $0 == "CONNECT 127.0.0.1:\(portal.port)" } && !proxy.tunnels.isEmpty, "\(proxy.tunnels)")
    }

    @Test(.enabled(if: tools)) func aProxyLoginIsSentAndNeverPrinted() throws {
        let portal = try httpsPortal()
        defer { portal.stop() }
        let proxy = try ProxyProcess(folder: cli.folder, ["--user", "booth:s3cret-pass"])
        defer { proxy.stop() }
        #expect(try cli.run(["add", "--name", "С паролем"]).status == 0)

        // A wrong password: the proxy's refusal is an offline state with its own sentence; the lead stays.
        let refused = try cli.run(["sync"], extraEnvironment: Self.proxies(https: "http://booth:wrong-pass@127.0.0.1:\(proxy.port)"))
        #expect(refused.status == 75)
        #expect((refused.stdout + refused.stderr).contains("wants a login it was not given or did not accept"), "\(refused.stdout)\(refused.stderr)")
        #expect(try cli.statusCounts()["pending"] as? Int == 1)

        let via = Self.proxies(https: "http://booth:s3cret-pass@127.0.0.1:\(proxy.port)")
        let check = try cli.run(["portal", "check"], extraEnvironment: via)
        let sync = try cli.run(["sync"], extraEnvironment: via)
        #expect(sync.status == 0, "\(sync.stdout)\(sync.stderr)")
        #expect(try synced() == 1)
        for output in [refused.stdout, refused.stderr, check.stdout, check.stderr, sync.stdout, sync.stderr] {
            #expect(!output.contains("s3cret-pass") && !output.contains("wrong-pass"))
        }
    }

    @Test(.enabled(if: tools)) func theSettingsProxyServesTheDaemonWithoutALoginShell() throws {
        let portal = try httpsPortal()
        defer { portal.stop() }
        let proxy = try ProxyProcess(folder: cli.folder, ["--user", "booth:s3cret-pass"])
        defer { proxy.stop() }
        #expect(try cli.run(["config", "set", "proxy", "http://booth:s3cret-pass@127.0.0.1:\(proxy.port)"]).status == 0)
        let shown = try cli.run(["config", "show"])
        #expect(shown.stdout.contains("proxy") && !shown.stdout.contains("s3cret-pass"), "\(shown.stdout)")
        #expect(try cli.run(["add", "--name", "Из настроек"]).status == 0)
        let (daemon, _, err) = try cli.start(["daemon"], extraEnvironment: Self.proxies())
        let log = ReadAll(err.fileHandleForReading)
        defer {
            if daemon.isRunning {
                kill(daemon.processIdentifier, SIGKILL)
                daemon.waitUntilExit()
            }
        }
        #expect(try eventually(20) { try synced() == 1 }, "\(log.current())")
        #expect(!proxy.tunnels.isEmpty)
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(!log.text().contains("s3cret-pass"))
    }

    @Test(.enabled(if: tools)) func anUntrustedCertificateIsAnOutageInPlainWordsUntilSSL_CERT_FILENamesItsRoot() throws {
        let portal = try httpsPortal()
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "ca_file", ""]).status == 0)
        #expect(try cli.run(["add", "--name", "За перехватом"]).status == 0)
        let refused = try cli.run(["sync"], extraEnvironment: Self.proxies())
        #expect(refused.status == 75)
        let said = refused.stdout + refused.stderr
        #expect(said.contains("not one this laptop trusts") && said.contains("login page"), "\(said)")
        #expect(!said.contains("NIOSSL") && !said.contains("handshake.cc") && !said.contains(".build/"), "\(said)")
        #expect(try cli.statusCounts()["pending"] as? Int == 1)
        let status = try cli.run(["status"])
        #expect(status.stdout.contains("not one this laptop trusts") && !status.stdout.contains("NIOSSL"), "\(status.stdout)")

        var trusted = Self.proxies()
        trusted["SSL_CERT_FILE"] = cli.folder + "/root.pem"
        let sync = try cli.run(["sync"], extraEnvironment: trusted)
        #expect(sync.status == 0, "\(sync.stdout)\(sync.stderr)")
        #expect(try synced() == 1)
    }

    @Test(.enabled(if: tools)) func noProxyGoesDirectlyAndARefusingProxyIsAnOutage() throws {
        let portal = try httpsPortal()
        defer { portal.stop() }
        let proxy = try ProxyProcess(folder: cli.folder, ["--refuse"])
        defer { proxy.stop() }
        #expect(try cli.run(["add", "--name", "Мимо прокси"]).status == 0)

        let refused = try cli.run(["sync"], extraEnvironment: Self.proxies(all: "127.0.0.1:\(proxy.port)"))
        #expect(refused.status == 75)
        #expect((refused.stdout + refused.stderr).contains("would not open a connection to the portal"), "\(refused.stdout)\(refused.stderr)")
        #expect(try cli.statusCounts()["pending"] as? Int == 1)
        let tunnelsAsked = proxy.tunnels.count
        #expect(tunnelsAsked > 0)

        for exemption in ["127.0.0.1", "*", ".0.0.1,example.com"] {
            let direct = try cli.run(
                ["portal", "check"], extraEnvironment: Self.proxies(https: "http://127.0.0.1:\(proxy.port)", noProxy: exemption))
            #expect(direct.status == 0 && direct.stdout.contains("(directly)"), "no_proxy=\(exemption): \(direct.stdout)\(direct.stderr)")
        }
        let sync = try cli.run(["sync"], extraEnvironment: Self.proxies(https: "http://127.0.0.1:\(proxy.port)", noProxy: "localhost,127.0.0.1"))
        #expect(sync.status == 0, "\(sync.stdout)\(sync.stderr)")
        #expect(try synced() == 1)
        #expect(proxy.tunnels.count == tunnelsAsked, "no_proxy sends nothing through the proxy")
    }
}
