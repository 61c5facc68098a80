/// A local stand-in for a Bitrix24 portal, for tests and chaos runs of leadbox.
///
/// It speaks the REST dialect the sync engine relies on — webhook and OAuth auth, JSON and
/// PHP-style form bodies, `crm.lead.add/get/list/fields`, `crm.status.list`,
/// `crm.duplicate.findbycomm` and `batch` with the portal's `[]` quirks — and misbehaves on
/// purpose: a leaky-bucket limiter (503 `QUERY_LIMIT_EXCEEDED`), an optional per-method
/// operating budget (429 `OPERATION_TIME_LIMIT`), seeded fault injection (500, HTML 502/503,
/// connection reset, answer dropped after the lead was created, slow and truncated answers) and
/// real outages (the port stops listening). It shares no code with the `Bitrix24` client module,
/// so a decoding bug in one cannot hide the same bug in the other.
///
/// ```swift
/// var config = FakePortalConfiguration()
/// config.faults = [.drop: 0.1]
/// let portal = try await FakePortal.start(config)
/// // point the client at portal.webhookURL: "http://127.0.0.1:PORT/rest/1/CODE/"
/// let stats = await portal.stats()   // stats.extraCopies == 0 means exactly-once held
/// await portal.stop()
/// ```
///
/// Control endpoints under `http://127.0.0.1:PORT/_control/` (no auth, never faulted) mirror
/// this API for scripts: `GET stats`, `GET leads`, `POST reset`, `POST config`, `POST outage`,
/// `POST tokens`, `POST expire-tokens`.
public final class FakePortal: Sendable {
    /// The port it listens on (stays the same across outages).
    public let port: Int
    let state: PortalState
    let server: ServerRunner

    /// `http://127.0.0.1:PORT` (`https://` when it serves TLS)
    public let baseURL: String
    /// The webhook URL for the code the portal was started with: `http://127.0.0.1:PORT/rest/1/CODE/`.
    public let webhookURL: String
    /// The OAuth REST base (`client_endpoint`): `http://127.0.0.1:PORT/rest/`.
    public var restURL: String { baseURL + "/rest/" }
    /// The OAuth token endpoint: `http://127.0.0.1:PORT/oauth/token/`.
    public var tokenURL: String { baseURL + "/oauth/token/" }

    private init(port: Int, baseURL: String, state: PortalState, server: ServerRunner, webhookURL: String) {
        self.port = port
        self.baseURL = baseURL
        self.state = state
        self.server = server
        self.webhookURL = webhookURL
    }

    /// Starts listening on 127.0.0.1 and returns once connections are accepted.
    public static func start(_ configuration: FakePortalConfiguration = .init()) async throws -> FakePortal {
        let state = try PortalState(configuration: configuration)
        let server = try ServerRunner(state: state, tls: configuration.tls)
        let port = try await server.start(port: configuration.port)
        let baseURL = "\(configuration.tls == nil ? "http" : "https")://127.0.0.1:\(port)"
        await state.setBaseURL(baseURL)
        let webhookURL = "\(baseURL)/rest/\(configuration.webhookUser)/\(configuration.webhookCode)/"
        return FakePortal(port: port, baseURL: baseURL, state: state, server: server, webhookURL: webhookURL)
    }

    /// Stops listening and closes every connection.
    public func stop() async {
        await server.stop()
    }

    /// Counters since start or the last `reset()`.
    public func stats() async -> FakePortalStats { await state.stats() }

    /// Every stored lead, in ID order.
    public func leads() async -> [FakeLead] { await state.allLeads() }

    /// Every timeline comment, oldest first.
    public func comments() async -> [FakeComment] { await state.allComments() }

    /// The files lead file fields hold now (written by `crm.lead.update` with `fileData`).
    public func fieldFiles() async -> [FakeFieldFile] { await state.allFieldFiles() }

    /// Forgets leads, counters, tokens and limiter state; the configuration and the fault
    /// generator's seed position are kept.
    public func reset() async { await state.reset() }

    /// Changes the live configuration (faults, rate, burst, webhook code, redirect, …).
    /// `port` and `storePath` are fixed at start and ignored here.
    public func configure(_ change: @Sendable (inout FakePortalConfiguration) -> Void) async {
        await state.configure(change)
    }

    /// Issues a fresh OAuth access/refresh token pair, as if the app had just been authorised.
    public func issueOAuthTokens() async -> OAuthTokens { await state.issueTokens() }

    /// Makes every access token issued so far answer 401 `expired_token`.
    public func expireAccessTokens() async { await state.expireAccessTokens() }

    /// Stops listening (connections are refused) for `duration`, then listens again on the
    /// same port. Returns once the port is closed.
    public func startOutage(for duration: Duration) async {
        await server.beginOutage(for: duration)
    }

    /// Ends an outage now; returns once the port accepts connections again.
    public func endOutage() async throws {
        try await server.endOutage()
    }
}
