import AsyncHTTPClient
import Foundation
import LeadCore
import Logging
import NIOCore

/// The Bitrix24 REST client: one portal, one HTTP connection pool, every answer classified.
///
/// ## API overview
///
/// ```swift
/// let endpoint = try PortalEndpoint.webhook("https://portal.example/rest/1/CODE/")   // throws EndpointError
/// let client = Bitrix24Client(endpoint: endpoint, configuration: .init(originatorID: "leadbox"))
///
/// let id = try await client.addLead(submission)                   // throws(CallFailure) -> Int
/// switch await client.addLeads(submissions) {                     // ≤ 50, one HTTP request
/// case .callFailed(let failure): …                                // same CallFailure for every lead
/// case .completed(let outcomes): …                                // [localID: .created(remoteID:) | .failed(CallFailure)]
/// }
/// let found = try await client.findLeads(originIDs: uuids)        // ≤ 50, [ORIGIN_ID: remote ID]
/// let schema = try await client.schema()                          // crm.lead.fields + SOURCE/STATUS/HONORIFIC
/// let lines = await PortalCheck.run(client)                       // `leadbox portal check`
/// ```
///
/// Every failure is a `CallFailure` whose `kind` is one of five classes (see there), with `code`,
/// `httpStatus` and `retryAt` (OPERATION_TIME_LIMIT) for the attempt log. A 302 gives
/// `.portalUnusable` with `movedTo`; `follow(_:)` switches this client to the new address once the
/// caller has decided to (and persisted it). `operatingResetAt(method:)` is the last
/// `time.operating_reset_at` seen per method. OAuth endpoints renew an expired access token once per
/// call through the token server, hand the new pair to the `TokenStore`, and repeat the call.
///
/// Nothing is followed automatically: no redirects, no retries, no sleeping. Pacing, backoff and
/// reconciliation belong to the sync engine, which sees every outcome.
public actor Bitrix24Client {
    /// The most commands one `batch` may carry (the portal's `BATCH_MAX_LENGTH`).
    public static let batchLimit = 50
    /// The most ORIGIN_IDs one lookup may carry (one page of `crm.lead.list`).
    public static let lookupLimit = 50

    /// Where calls go now; changes only through `follow(_:)`.
    public private(set) var endpoint: PortalEndpoint
    let configuration: Configuration

    private let transport: Transport
    private var tokens: OAuthTokens?
    private let tokenStore: TokenStore?
    /// A renewed pair the store failed to save; saved again before the next call.
    private var unsavedTokens: OAuthTokens?
    private var renewal: Task<Result<Void, CallFailure>, Never>?
    private var operatingResetAt: [String: Date] = [:]
    /// Old tokens stay secret after a renewal, for scrubbing late messages.
    private var retiredSecrets: [String] = []

    /// A client for a webhook endpoint (or an OAuth endpoint whose calls will report missing tokens).
    public init(endpoint: PortalEndpoint, configuration: Configuration = Configuration()) {
        self.init(endpoint: endpoint, tokens: nil, tokenStore: nil, configuration: configuration)
    }

    /// A client for an OAuth endpoint: `tokens` is the stored pair, `tokenStore` saves renewed ones.
    public init(endpoint: PortalEndpoint, tokens: OAuthTokens?, tokenStore: TokenStore?, configuration: Configuration = Configuration()) {
        self.endpoint = endpoint
        self.tokens = tokens
        self.tokenStore = tokenStore
        self.configuration = configuration
        let components = configuration.timeout.components
        transport = Transport(
            proxySetting: configuration.proxy, environment: configuration.environment, userAgent: configuration.userAgent,
            timeout: .nanoseconds(components.seconds * 1_000_000_000 + components.attoseconds / 1_000_000_000),
            trust: configuration.trust
        )
    }

    /// Switches to the address a 302 named (`failure.movedTo`); returns false if there is none.
    /// The caller persists the new address and resends: a redirected call did not run.
    @discardableResult
    public func follow(_ failure: CallFailure) -> Bool {
        guard let target = failure.movedTo else { return false }
        follow(target)
        return true
    }

    /// Switches to `target` (a `CallFailure.movedTo`), keeping the OAuth tokens.
    public func follow(_ target: PortalEndpoint) {
        configuration.logger.notice("Following the portal's move", metadata: ["to": "\(target)"])
        endpoint = target
    }

    /// How calls reach the portal now: "through the proxy HOST:PORT" or "directly" (for
    /// `portal check`; never the proxy's credentials).
    public func route() -> String {
        guard let url = URL(string: endpoint.baseURL),
            let proxy = try? ProxyRoute.choose(for: url, setting: configuration.proxy, environment: configuration.environment)
        else { return "directly" }
        return "through the proxy \(proxy)"
    }

    /// When `method` (e.g. "crm.lead.add") frees up after an OPERATION_TIME_LIMIT, from the last
    /// `time.operating_reset_at` the portal reported for it.
    public func operatingResetAt(method: String) -> Date? {
        operatingResetAt[method]
    }

    // MARK: - Calling

    /// Calls `method` with a JSON body, renewing an expired OAuth token once.
    func call(_ method: String, _ params: [String: JSONValue]) async -> Result<Envelope, CallFailure> {
        await call(method, body: .params(params))
    }

    /// `call` with a body already written (`RequestBody`), decoding the answer without the
    /// members named in `skipping`, at any depth.
    func call(_ method: String, body: RequestBody, skipping: Set<String> = []) async -> Result<Envelope, CallFailure> {
        if let failure = await saveUnsavedTokens() { return .failure(failure) }
        let usedTokens = tokens
        let first = await attempt(method, body, skipping: skipping)
        guard case .failure(let failure) = first, failure.code == "expired_token",
            case .oauth(let app) = endpoint.kind, let usedTokens
        else { return first }
        if let failure = await renewTokens(replacing: usedTokens, app: app) { return .failure(failure) }
        return await attempt(method, body, skipping: skipping)
    }

    private func attempt(_ method: String, _ body: RequestBody, skipping: Set<String>) async -> Result<Envelope, CallFailure> {
        var auth: String?
        if case .oauth = endpoint.kind {
            guard let tokens else {
                return .failure(
                    CallFailure(
                        .portalUnusable, code: "NO_TOKENS",
                        message: "leadbox has no OAuth tokens for the portal: authorize the app in Bitrix24 again."))
            }
            auth = tokens.accessToken
        }
        let bytes = body.json(auth: auth)
        let started = ContinuousClock.now
        var classifier = Classifier(method: method, endpoint: endpoint)
        classifier.skippedMembers = skipping
        let result = await transport.send(.POST, url: endpoint.url(for: method), json: bytes, describing: method)
            .flatMap { classifier.classify($0) }
            .mapError { $0.scrubbed(secrets) }
        log(method, result, since: started)
        if case .success(let envelope) = result, let reset = envelope.time?.operatingResetAt {
            operatingResetAt[method] = reset
        }
        return result
    }

    /// Records `time.operating_reset_at` of a nested batch command.
    func noteOperatingReset(_ date: Date, method: String) {
        operatingResetAt[method] = max(date, operatingResetAt[method] ?? date)
    }

    private func log(_ method: String, _ result: Result<Envelope, CallFailure>, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        switch result {
        case .success:
            configuration.logger.debug("Portal call succeeded", metadata: ["method": "\(method)", "ms": "\(ms)", "portal": "\(endpoint)"])
        case .failure(let failure):
            configuration.logger.notice(
                "Portal call failed: \(failure.message)",
                metadata: [
                    "method": "\(method)", "ms": "\(ms)", "class": "\(failure.kind.rawValue)", "code": "\(failure.code)",
                    "status": "\(failure.httpStatus.map(String.init) ?? "-")", "portal": "\(endpoint)",
                ])
        }
    }

    /// Every string that must never be printed: the webhook code, the client secret, the tokens.
    var secrets: [String] {
        var all = endpoint.secrets + retiredSecrets
        if let tokens { all += [tokens.accessToken, tokens.refreshToken] }
        if let unsavedTokens { all += [unsavedTokens.accessToken, unsavedTokens.refreshToken] }
        return all
    }

    // MARK: - OAuth renewal

    /// Renews the pair once even when many calls hit `expired_token` together: a refresh token is
    /// single-use, so a second concurrent renewal with the same one would fail with invalid_grant.
    private func renewTokens(replacing used: OAuthTokens, app: OAuthApp) async -> CallFailure? {
        if tokens != used { return nil }  // another call already renewed them
        if let running = renewal { return await running.value.failure }
        let task = Task { await self.performRenewal(used, app: app) }
        renewal = task
        let result = await task.value
        renewal = nil
        return result.failure
    }

    private func performRenewal(_ used: OAuthTokens, app: OAuthApp) async -> Result<Void, CallFailure> {
        configuration.logger.info("Renewing the portal's OAuth access token")
        let response = await transport.send(.GET, url: app.refreshURL(used.refreshToken), json: nil, describing: "the token renewal")
        switch TokenRenewal.interpret(response) {
        case .failure(let failure):
            let scrubbed = failure.scrubbed(secrets)
            configuration.logger.notice("Token renewal failed: \(scrubbed.message)", metadata: ["code": "\(scrubbed.code)"])
            return .failure(scrubbed)
        case .success(let renewed):
            retiredSecrets += [used.accessToken, used.refreshToken]
            tokens = renewed
            unsavedTokens = renewed
            if let failure = await saveUnsavedTokens() { return .failure(failure) }
            return .success(())
        }
    }

    /// Hands a renewed pair to the store; on failure keeps it for the next call and says so.
    private func saveUnsavedTokens() async -> CallFailure? {
        guard let pending = unsavedTokens else { return nil }
        guard let tokenStore else {
            unsavedTokens = nil
            return nil
        }
        do {
            try await tokenStore(pending)
            if unsavedTokens == pending { unsavedTokens = nil }
            return nil
        } catch {
            let failure = CallFailure(
                .portalUnusable, code: "TOKEN_STORE_FAILED",
                message:
                    "leadbox renewed the portal's OAuth tokens but could not save them (\(error)): free disk space or fix the config file's permissions."
            )
            .scrubbed(secrets)
            configuration.logger.error("\(failure.message)")
            return failure
        }
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let failure) = self { return failure }
        return nil
    }
}

/// A call's JSON body, written without Foundation's encoder (whose boxing was 3 % of a sync's CPU).
enum RequestBody: Sendable {
    /// Parameters, written with sorted keys (`JSONValue.compactText`).
    case params([String: JSONValue])
    /// A `batch` call: `{"cmd":{key: command…},"halt":0}` (halt 0: one failing command stops no
    /// other), each command already the PHP query
    /// text the portal reads (`LeadSubmission.batchCommandBytes`). That text is percent-encoded
    /// ASCII with no quote, backslash or control byte, so it goes into the JSON string as it is:
    /// 30 KB a batch, copied once instead of checked, turned into a String and copied three times.
    case batch(commands: [(key: String, command: [UInt8])])

    /// The body as JSON bytes, with `auth` (an OAuth access token) added when given.
    func json(auth: String?) -> [UInt8] {
        switch self {
        case .params(var params):
            if let auth { params["auth"] = .string(auth) }
            return Array(JSONValue.object(params).compactText.utf8)
        case .batch(let commands):
            var out: [UInt8] = []
            out.reserveCapacity(commands.reduce(64) { $0 + $1.command.count + $1.key.utf8.count + 6 } + (auth?.utf8.count ?? 0))
            out.append(UInt8(ascii: "{"))
            if let auth {
                out += #""auth":"#.utf8
                out += JSONValue.string(auth).compactText.utf8
                out.append(UInt8(ascii: ","))
            }
            out += #""cmd":{"#.utf8
            // Keys sorted as `compactText` sorts them, so the body is byte for byte what it was.
            for (index, entry) in commands.sorted(by: { $0.key < $1.key }).enumerated() {
                assert(
                    !entry.command.contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") },
                    "batch commands are percent-encoded")
                if index > 0 { out.append(UInt8(ascii: ",")) }
                out += JSONValue.string(entry.key).compactText.utf8
                out += #":""#.utf8
                out += entry.command
                out.append(UInt8(ascii: "\""))
            }
            out += #"},"halt":0}"#.utf8
            return out
        }
    }
}
