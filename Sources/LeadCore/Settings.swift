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
    /// An OAuth app instead of a webhook (used when no webhook is set): the portal's REST base
    /// (`client_endpoint`, `https://PORTAL/rest/`), the app's id and secret, the token server,
    /// and the token pair the app's installation produced. Renewed pairs live in the outbox.
    public var oauthPortal: String?
    public var oauthClientID: String?
    public var oauthClientSecret: String?
    public var oauthTokenServer: String?
    public var oauthAccessToken: String?
    public var oauthRefreshToken: String?

    public init() {}

    /// The keys `config set` accepts, for help and error messages.
    public static let keys = ["webhook", "app_id", "rate", "burst", "timeout", "retention_days"] + oauthKeys + EventProfile.settableFields.map { "event.\($0)" } + ["event.scan_field"]

    static let oauthKeys = ["oauth_portal", "oauth_client_id", "oauth_client_secret", "oauth_token_server", "oauth_access_token", "oauth_refresh_token"]

    /// Settings whose values are secrets: shown as `***` by `config show`.
    public static let secretKeys: Set<String> = ["oauth_client_secret", "oauth_access_token", "oauth_refresh_token"]

    /// The same settings with every secret replaced by `***`, for display.
    public var redacted: Settings {
        var copy = self
        copy.webhook = webhook.map(Redaction.url)
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
            guard let r = Double(value), r > 0, r <= 1000 else { throw ConfigError("rate must be a number of requests per second above 0, such as 2 or 5.") }
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

    // MARK: - TOML

    /// Reads the TOML subset leadbox writes: `key = value` lines (strings, numbers, booleans),
    /// `[event]`, comments and blank lines. Errors name the line.
    public init(toml text: String) throws(ConfigError) {
        self.init()
        var section = ""
        for (index, rawLine) in text.replacingLineEndings().split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = Settings.strippingComment(String(rawLine)).trimmingSpaces
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else { throw ConfigError("Line \(lineNumber) of the config file has a section header without a closing ']'.") }
                section = line.dropFirst().dropLast().trimmingSpaces
                guard section == "event" else { throw ConfigError("Line \(lineNumber) of the config file names an unknown section [\(section.escapedForTerminal)]; only [event] exists.") }
                continue
            }
            guard let eq = line.firstIndex(of: "=") else {
                throw ConfigError("Line \(lineNumber) of the config file is not `key = value`; fix or remove it.")
            }
            let key = line[..<eq].trimmingSpaces
            let rawValue = line[line.index(after: eq)...].trimmingSpaces
            guard !key.isEmpty else { throw ConfigError("Line \(lineNumber) of the config file has no key before '='.") }
            let value: String
            do { value = try Settings.tomlValue(rawValue) } catch {
                throw ConfigError("Line \(lineNumber) of the config file: \(error.description)")
            }
            do {
                try set(section.isEmpty ? key : "\(section).\(key)", value)
            } catch {
                throw ConfigError("Line \(lineNumber) of the config file: \(error.description)")
            }
        }
    }

    /// The settings as TOML, in the form `init(toml:)` reads.
    public var toml: String {
        var lines = ["# leadbox settings (see `leadbox config --help`)"]
        if let webhook { lines.append("webhook = \(Settings.quoted(webhook))") }
        lines.append("app_id = \(Settings.quoted(appID))")
        lines.append("rate = \(rate)")
        lines.append("burst = \(burst)")
        lines.append("timeout = \(timeout)")
        if let retentionDays { lines.append("retention_days = \(retentionDays)") }
        let oauth: [(String, String?)] = [("oauth_portal", oauthPortal), ("oauth_client_id", oauthClientID), ("oauth_client_secret", oauthClientSecret),
                                          ("oauth_token_server", oauthTokenServer), ("oauth_access_token", oauthAccessToken), ("oauth_refresh_token", oauthRefreshToken)]
        for case let (key, value?) in oauth { lines.append("\(key) = \(Settings.quoted(value))") }
        lines.append("")
        lines.append("[event]")
        for name in EventProfile.settableFields {
            if let value = event.defaults[name] { lines.append("\(name) = \(Settings.quoted(value))") }
        }
        if event.scanField != EventProfile.standard.scanField { lines.append("\(EventProfile.scanFieldSetting) = \(Settings.quoted(event.scanField))") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func strippingComment(_ line: String) -> String {
        var inString = false
        var escaping = false
        for (offset, ch) in line.enumerated() {
            if escaping { escaping = false; continue }
            if ch == "\\" && inString { escaping = true; continue }
            if ch == "\"" { inString.toggle() }
            if ch == "#" && !inString { return String(line.prefix(offset)) }
        }
        return line
    }

    private static func tomlValue(_ raw: String) throws(ConfigError) -> String {
        if raw.hasPrefix("\"") {
            guard raw.count >= 2, raw.hasSuffix("\""), !raw.hasSuffix("\\\"") || raw.hasSuffix("\\\\\"") else {
                throw ConfigError("a string value is missing its closing quote.")
            }
            var out = ""
            var escaping = false
            for ch in raw.dropFirst().dropLast() {
                if escaping {
                    switch ch {
                    case "n": out.append("\n")
                    case "t": out.append("\t")
                    case "\"", "\\": out.append(ch)
                    default: throw ConfigError("a string value has an unknown escape \\\(ch).")
                    }
                    escaping = false
                } else if ch == "\\" { escaping = true } else if ch == "\"" {
                    throw ConfigError("a string value has a stray quote; write \\\" inside strings.")
                } else { out.append(ch) }
            }
            return out
        }
        if raw.hasPrefix("'") {
            guard raw.count >= 2, raw.hasSuffix("'") else { throw ConfigError("a string value is missing its closing quote.") }
            return String(raw.dropFirst().dropLast())
        }
        if raw == "true" || raw == "false" { return raw == "true" ? "Y" : "N" }
        guard !raw.isEmpty, raw.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "_" }) else {
            // The value is not echoed: on a `webhook` line it would carry the secret.
            throw ConfigError("the value is neither a quoted string nor a number; put text in double quotes.")
        }
        return raw.replacingOccurrences(of: "_", with: "")
    }

    static func quoted(_ value: String) -> String {
        var out = "\""
        for ch in value {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.append(ch)
            }
        }
        return out + "\""
    }
}
