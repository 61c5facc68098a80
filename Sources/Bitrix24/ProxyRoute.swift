import AsyncHTTPClient
import Foundation
import LeadCore
import Synchronization

/// The HTTP proxy calls to the portal go through (a CONNECT tunnel), chosen as curl, git, pip
/// and apt choose it: `proxy` in the settings (the daemon under systemd has no login shell's
/// variables), else `https_proxy`/`HTTPS_PROXY` for an https portal, `http_proxy` for an http
/// one (lower case only, as curl: a CGI's `HTTP_PROXY` may come from a request header), else
/// `all_proxy`/`ALL_PROXY`; none for a host `no_proxy`/`NO_PROXY` names.
public struct ProxyRoute: Sendable, Hashable, CustomStringConvertible {
    public let host: String
    public let port: Int
    let user: String?
    let password: String?

    /// `host:port`, never the credentials: what messages and `portal check` say.
    public var description: String { "\(host):\(port)" }

    /// Reads `http://[USER:PASSWORD@]HOST[:PORT]` (the scheme may be left out; the port defaults
    /// to 1080 as curl's does). Percent-escapes in the credentials are decoded.
    public init(_ text: String) throws(EndpointError) {
        let full = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: full), let host = components.host, !host.isEmpty else {
            throw EndpointError("The proxy address \(Redaction.url(text)) is not an address such as http://proxy.example:3128.")
        }
        guard components.scheme?.lowercased() == "http" else {
            throw EndpointError(
                "The proxy \(host) is given as \(components.scheme ?? "?")://; leadbox speaks to HTTP proxies only (http://HOST:PORT).")
        }
        self.host = host
        port = components.port ?? 1080
        user = components.percentEncodedUser.map { $0.removingPercentEncoding ?? $0 }
        password = components.percentEncodedPassword.map { $0.removingPercentEncoding ?? $0 }
    }

    /// The proxy a call to `url` takes, or nil to go directly. A proxy that cannot be used is an
    /// error naming where it was given (the setting, or which variable), so the sentence says
    /// what to fix: a shell's `https_proxy` is easy to forget.
    public static func choose(for url: URL, setting: String?, environment: [String: String]) throws(EndpointError) -> ProxyRoute? {
        let host = (url.host ?? "").lowercased()
        if bypasses(host: host, noProxy: environment["no_proxy"] ?? environment["NO_PROXY"] ?? "") { return nil }
        let https = url.scheme?.lowercased() == "https"
        // As curl reads them: an empty variable counts as unset (curl's getenv gives NULL for "").
        let variables = https ? ["https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] : ["http_proxy", "all_proxy", "ALL_PROXY"]
        let candidates: [(source: String, text: String?)] = [("proxy", setting)] + variables.map { ($0, environment[$0]) }
        guard let chosen = candidates.first(where: { !($0.text ?? "").isEmpty }), let text = chosen.text else { return nil }
        do {
            return try ProxyRoute(text)
        } catch {
            let fix =
                chosen.source == "proxy"
                ? "fix it with `leadbox config set proxy http://HOST:PORT` (or clear it with `leadbox config set proxy \"\"`)"
                : "fix or unset \(chosen.source) in the environment leadbox runs in, or set `leadbox config set proxy`, which comes first"
            throw EndpointError("\(error.description) It comes from \(chosen.source == "proxy" ? "the proxy setting" : chosen.source); \(fix).")
        }
    }

    /// Whether `no_proxy` exempts `host`: `*` exempts every host; an entry names a host and,
    /// with or without a leading dot, every host under it (`example.com` covers
    /// `portal.example.com`). A port after an entry is ignored, as curl ignores it.
    static func bypasses(host: String, noProxy: String) -> Bool {
        for raw in noProxy.split(separator: ",") {
            var entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry == "*" { return true }
            if entry.hasPrefix("[") {
                entry = String(entry.dropFirst().prefix { $0 != "]" })
            } else if entry.filter({ $0 == ":" }).count == 1 {
                entry = String(entry.prefix { $0 != ":" })
            }
            while entry.hasPrefix(".") { entry.removeFirst() }
            guard !entry.isEmpty else { continue }
            if host == entry || host.hasSuffix("." + entry) { return true }
        }
        return false
    }

    var configuration: HTTPClient.Configuration.Proxy {
        .server(host: host, port: port, authorization: user.map { .basic(username: $0, password: password ?? "") })
    }
}

/// One HTTP client per way out (direct, or each proxy) and set of trusted roots, kept for the
/// life of the process: AsyncHTTPClient aborts the process when a client that was never shut
/// down is released, and a process meets only the few its settings and environment name.
///
/// The trusted roots are the client's TLS configuration, not each request's: AsyncHTTPClient
/// hashes a request's TLS configuration, every certificate in it, to pick a connection, and
/// with `SSL_CERT_DIR` and `SSL_CERT_FILE` naming the system store (as many images set them)
/// that was 290 certificates serialised per request, a sixth of a sync's CPU (perf).
enum HTTPClients {
    private struct Way: Hashable {
        let proxy: ProxyRoute?
        let trust: TrustRoots
    }

    private static let clients = Mutex<[Way: HTTPClient]>([:])

    static func client(through proxy: ProxyRoute?, trusting trust: TrustRoots) -> HTTPClient {
        clients.withLock { clients in
            let way = Way(proxy: proxy, trust: trust)
            if let client = clients[way] { return client }
            // No redirects, and a refused connection fails at once (as `offline`) instead of
            // being retried until the deadline. One event loop of the shared group: the engine
            // has one call in flight at a time, and with two loops each answer could be handled
            // on the other thread from the request.
            var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(10)))
            configuration.connectionPool.retryConnectionEstablishment = false
            configuration.proxy = proxy?.configuration
            // No tracing: by default every request would open (and describe) a span for the
            // global tracer, a no-op one here, at about 4 % of the HTTP work of a sync (perf).
            configuration.tracing.tracer = nil
            // Roots that cannot be read leave the system store alone; `TrustRoots.check()` has
            // already said which file is wrong.
            if let tls = try? trust.tlsConfiguration() { configuration.tlsConfiguration = tls }
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup.next(), configuration: configuration)
            clients[way] = client
            return client
        }
    }
}
