/// A kind of failure the portal can inject into REST calls (never into `/_control/` calls).
///
/// Each REST request draws one number from the seeded generator; the configured probabilities
/// are laid end to end in `FaultKind.allCases` order, so a given seed and request order always
/// yields the same faults.
public enum FaultKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// HTTP 500 `INTERNAL_SERVER_ERROR` JSON; the call does not run.
    case internalError = "500"
    /// An HTML 502 gateway page; the call does not run.
    case html502
    /// An HTML 503 gateway page; the call does not run.
    case html503
    /// The connection closes before the call runs: nothing is created.
    case reset
    /// The call runs (leads are created), then the connection closes without an answer.
    case drop
    /// The call runs, and the answer is held back for `slowDelay`.
    case slow
    /// The call runs, then a 200 answer arrives with its JSON cut in half.
    case truncate
    /// The connection closes without running, and the portal stops listening for `outageDuration`.
    case outage
}

/// The per-method operating-time budget (`OPERATION_TIME_LIMIT`, HTTP 429).
///
/// Calls on the fake take microseconds, so each call is charged a fixed `costPerCall` seconds;
/// once a method's charges inside the sliding `window` exceed `limit`, that method is blocked
/// until the oldest charge leaves the window (`operating_reset_at`).
public struct OperatingLimit: Sendable, Equatable {
    public var limit: Double
    public var window: Double
    public var costPerCall: Double

    public init(limit: Double = 480, window: Double = 600, costPerCall: Double = 1) {
        self.limit = limit
        self.window = window
        self.costPerCall = costPerCall
    }
}

/// How a fake portal behaves. Everything except `port` and `storePath` can be changed while it
/// runs with `FakePortal.configure(_:)`.
public struct FakePortalConfiguration: Sendable {
    /// TCP port on 127.0.0.1; 0 picks a free one.
    public var port = 0
    /// Leaky-bucket drain rate in requests per second; 0 turns the limiter off.
    public var rate = 2.0
    /// Leaky-bucket capacity: requests past it are answered 503 `QUERY_LIMIT_EXCEEDED`.
    public var burst = 50
    /// Seed of the fault generator.
    public var seed: UInt64 = 1
    /// Probability of each fault per REST request (their sum should stay ≤ 1).
    public var faults: [FaultKind: Double] = [:]
    /// How long a `slow` answer is held back.
    public var slowDelay: Duration = .milliseconds(1500)
    /// How long an outage lasts when started by the `outage` fault or `outageAtRequest`.
    public var outageDuration: Duration = .seconds(20)
    /// Start an outage right after this many REST requests (counting from 1), if set.
    public var outageAtRequest: Int?
    /// The user id in the webhook path `/rest/<user>/<code>/`.
    public var webhookUser = 1
    /// The webhook secret; change it at run time to simulate a revoked webhook.
    public var webhookCode = "fakeportalsecret"
    /// JSON file the leads are kept in, so a restarted portal still has them.
    public var storePath: String?
    /// Per-method operating-time budget; nil (the default) means unlimited.
    public var operatingLimit: OperatingLimit?
    /// OAuth application credentials accepted by `/oauth/token/`.
    public var oauthClientID = "local.fakeportal.app"
    public var oauthClientSecret = "fakeportal-app-secret"
    /// Lifetime of issued access tokens (the real portal: one hour).
    public var accessTokenLifetime: Duration = .seconds(3600)
    /// When set (a base URL such as `http://localhost:PORT`), REST calls answer 302 to the same
    /// path under this base, simulating a portal whose address changed. Requests whose Host
    /// already matches the target are served normally.
    public var redirectTo: String?
    /// What `crm.settings.mode.get` answers: classic (leads, then deals) or simple (every new lead
    /// is converted to a deal at once).
    public var crmMode: CRMMode = .classic
    /// Lead fields the portal's admin made required: `crm.lead.fields` flags them `isRequired`
    /// and `crm.lead.add` refuses a lead without them.
    public var requiredFields: Set<String> = []
    /// The webhook owner's name, as `user.current` answers (its ID is `webhookUser`).
    public var ownerName = "Anna"
    public var ownerLastName = "Ivanova"
    /// Serve HTTPS with this certificate instead of plain HTTP (the control API too).
    public var tls: FakePortalTLS?

    public init() {}
}

/// The certificate an HTTPS stand-in presents: PEM files, the chain leaf first.
public struct FakePortalTLS: Sendable, Equatable {
    public var certificatePath: String
    public var keyPath: String

    public init(certificatePath: String, keyPath: String) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }
}

/// A portal's CRM mode (`crm.settings.mode.get`): 1 classic, 2 simple.
public enum CRMMode: Int, Sendable, Equatable {
    case classic = 1
    case simple = 2
}
