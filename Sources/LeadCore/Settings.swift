import Foundation

/// A config file could not be read; `description` names the line.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// leadbox's settings, read from and written to a small TOML file:
///
/// ```toml
/// webhook = "https://portal.example/rest/1/abc123/"
/// app_id = "leadbox"
/// rate = 2.0
/// burst = 50
///
/// [event]
/// SOURCE_ID = "TRADE_SHOW"
/// SOURCE_DESCRIPTION = "Expo 2026, stand B12"
/// ```
public struct Settings: Sendable, Equatable {
    /// The portal's incoming-webhook URL; contains a secret, print it only through `Redaction`.
    public var webhook: String?
    /// ORIGINATOR_ID sent with every lead.
    public var appID: String = "leadbox"
    /// The portal's leaky bucket: drain per second and burst (2/50, or 5/250 on Enterprise).
    public var rate: Double = 2
    public var burst: Int = 50
    /// Seconds before a request counts as lost; above the portal's own 60 s bound.
    public var timeout: Double = 90
    public var event: EventProfile = .standard
    /// Days a delivered lead keeps its personal data before the daemon purges it; nil keeps it.
    public var retentionDays: Int?
    /// The HTTP proxy to reach the portal through (`http://[USER:PASSWORD@]HOST:PORT`), for the
    /// daemon under systemd, where a login shell's `https_proxy` is absent; it wins over the
    /// environment. May hold a password: print it only through `Redaction`.
    public var proxy: String?
    /// A PEM file of root certificates trusted besides the system store (a company network's
    /// HTTPS inspection root), as `SSL_CERT_FILE` is for curl.
    public var caFile: String?
    /// The camera the UI's camera key opens (`/dev/videoN`); nil takes the first V4L2 device that
    /// captures video.
    public var camera: String?
    /// An OAuth app instead of a webhook (used when no webhook is set): the portal's REST base
    /// (`client_endpoint`, `https://PORTAL/rest/`), the app's id and secret, the token server,
    /// and the token pair the app's installation produced. Renewed pairs live in the outbox.
    public var oauthPortal: String?
    public var oauthClientID: String?
    public var oauthClientSecret: String?
    public var oauthTokenServer: String?
    public var oauthAccessToken: String?
    public var oauthRefreshToken: String?
    /// Top-level keys this version does not know, kept so a rewrite of the file loses nothing.
    public var extra: [String: JSONValue] = [:]

    public init() {}

    /// The keys `config set` accepts, for help and error messages.
    public static let keys =
        ["webhook", "app_id", "rate", "burst", "timeout", "retention_days", "proxy", "ca_file", "camera"] + oauthKeys
        + EventProfile.settableFields.map { "event.\($0)" } + ["event.scan_field", "event.photo_field"]

    static let oauthKeys = [
        "oauth_portal", "oauth_client_id", "oauth_client_secret", "oauth_token_server", "oauth_access_token", "oauth_refresh_token",
    ]

    /// Settings whose values are secrets: shown as `***` by `config show`.
    public static let secretKeys: Set<String> = ["oauth_client_secret", "oauth_access_token", "oauth_refresh_token"]

    /// The same settings with every secret replaced by `***`, for display.
    public var redacted: Settings {
        var copy = self
        copy.webhook = webhook.map(Redaction.url)
        copy.proxy = proxy.map(Redaction.url)
        copy.oauthClientSecret = oauthClientSecret.map { _ in "***" }
        copy.oauthAccessToken = oauthAccessToken.map { _ in "***" }
        copy.oauthRefreshToken = oauthRefreshToken.map { _ in "***" }
        return copy
    }

    /// Sets `key` to `value` as typed on the command line, checking it.
    public mutating func set(_ key: String, _ value: String) throws(ConfigError) {
        switch key.lowercased() {
        case "webhook":
            webhook = value.isEmpty ? nil : value
        case "app_id":
            guard !value.isEmpty, value.count <= 255, !value.contains(where: { $0.isWhitespace }) else {
                throw ConfigError("app_id must be a word of 1 to 255 characters without spaces.")
            }
            appID = value
        case "rate":
            guard let r = Double(value), r > 0, r <= 1000 else {
                throw ConfigError("rate must be a number of requests per second above 0, such as 2 or 5.")
            }
            rate = r
        case "burst":
            guard let b = Int(value), b >= 1, b <= 10000 else { throw ConfigError("burst must be a whole number of requests, such as 50 or 250.") }
            burst = b
        case "timeout":
            guard let t = Double(value), t >= 1, t <= 3600 else { throw ConfigError("timeout must be a number of seconds from 1 to 3600.") }
            timeout = t
        case "retention_days":
            guard value.isEmpty || Int(value).map({ $0 >= 1 && $0 <= 36500 }) == true else {
                throw ConfigError("retention_days must be a whole number of days from 1 to 36500, or empty to keep personal data.")
            }
            retentionDays = Int(value)
        case "proxy":
            guard value.isEmpty || URLComponents(string: value.contains("://") ? value : "http://" + value)?.host?.isEmpty == false else {
                throw ConfigError(
                    "proxy must be an address such as http://proxy.example:3128 (with USER:PASSWORD@ before the host if it asks for a login), or empty for none."
                )
            }
            proxy = value.isEmpty ? nil : value
        case "ca_file": caFile = value.isEmpty ? nil : value
        case "camera":
            guard value.isEmpty || value.hasPrefix("/") else {
                throw ConfigError("camera must be a device path such as /dev/video0, or empty to take the first camera found.")
            }
            camera = value.isEmpty ? nil : value
        case "oauth_portal": oauthPortal = value.isEmpty ? nil : value
        case "oauth_client_id": oauthClientID = value.isEmpty ? nil : value
        case "oauth_client_secret": oauthClientSecret = value.isEmpty ? nil : value
        case "oauth_token_server": oauthTokenServer = value.isEmpty ? nil : value
        case "oauth_access_token": oauthAccessToken = value.isEmpty ? nil : value
        case "oauth_refresh_token": oauthRefreshToken = value.isEmpty ? nil : value
        default:
            let lower = key.lowercased()
            if lower.hasPrefix("event.") {
                do { try event.set(String(key.dropFirst("event.".count)), to: value) } catch { throw ConfigError(error.description) }
                return
            }
            throw ConfigError("There is no setting \"\(key.escapedForTerminal)\"; the settings are \(Settings.keys.joined(separator: ", ")).")
        }
    }

    // MARK: - One tree for TOML and JSON

    /// Keys in the order files are written; unknown keys follow alphabetically.
    static let writingOrder =
        ["webhook", "app_id", "rate", "burst", "timeout", "retention_days", "proxy", "ca_file", "camera"] + oauthKeys + ["event"]
        + EventProfile.settableFields
        + EventProfile.settableOptions + ["question", "questions", "key", "label", "kind", "field", "choices", "value", "send"]

    /// The settings from a parsed file (TOML or JSON): known keys are checked, unknown ones kept
    /// in `extra` (see `unknownKeys`) so that rewriting the file never loses them.
    public init(tree: [String: JSONValue]) throws(ConfigError) {
        self.init()
        for (key, value) in tree.sorted(by: { $0.key < $1.key }) {
            if key == "event" {
                guard let object = value.objectValue else { throw ConfigError("\"event\" must be a table of field defaults, options and questions.") }
                event = try EventProfile(tree: object)
            } else if Settings.keys.contains(key) {
                guard let text = value.settingText() else { throw ConfigError("\(key) must be a single value, not a list or table.") }
                try set(key, text)
            } else {
                extra[key] = value
            }
        }
    }

    /// Every key the file holds, known or not, with the values `init(tree:)` reads back.
    public var tree: [String: JSONValue] {
        var object = extra
        if let webhook { object["webhook"] = .string(webhook) }
        object["app_id"] = .string(appID)
        object["rate"] = .number(rate)
        object["burst"] = .number(Double(burst))
        object["timeout"] = .number(timeout)
        if let retentionDays { object["retention_days"] = .number(Double(retentionDays)) }
        if let proxy { object["proxy"] = .string(proxy) }
        if let caFile { object["ca_file"] = .string(caFile) }
        if let camera { object["camera"] = .string(camera) }
        let oauth: [(String, String?)] = [
            ("oauth_portal", oauthPortal), ("oauth_client_id", oauthClientID), ("oauth_client_secret", oauthClientSecret),
            ("oauth_token_server", oauthTokenServer), ("oauth_access_token", oauthAccessToken), ("oauth_refresh_token", oauthRefreshToken),
        ]
        for case (let key, let value?) in oauth { object[key] = .string(value) }
        object["event"] = .object(event.tree)
        return object
    }

    /// Dotted names of the keys this version does not know (kept, and worth a warning: a typo?).
    public var unknownKeys: [String] {
        (extra.keys.sorted() + event.extra.keys.sorted().map { "event.\($0)" })
    }

    /// Reads a TOML settings file; errors name the line.
    public init(toml text: String) throws(ConfigError) {
        try self.init(tree: SettingsTOML.parse(text))
    }

    /// The settings as TOML, in the form `init(toml:)` reads.
    public var toml: String {
        SettingsTOML.render(tree, order: Settings.writingOrder)
    }

    /// Reads a JSON settings file: the same keys, with `"questions": [...]` in `"event"`.
    public init(json text: String) throws(ConfigError) {
        guard let parsed = JSONValue.parse(Data(text.utf8)) else {
            throw ConfigError("the JSON is malformed; check its brackets, quotes and commas.")
        }
        guard let object = parsed.objectValue else { throw ConfigError("the JSON must be an object such as {\"webhook\": \"…\"}.") }
        try self.init(tree: object)
    }

    /// The settings as pretty-printed JSON with sorted keys.
    public var json: String {
        var object = tree
        if case .object(var event)? = object["event"], let questions = event.removeValue(forKey: "question") {
            event["questions"] = questions
            object["event"] = .object(event)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(JSONValue.object(object))) ?? Data("{}".utf8), as: UTF8.self) + "\n"
    }
}
