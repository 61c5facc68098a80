import Foundation

/// The consent the booth asks for before it keeps a visitor's data: the text shown, its version
/// (so a later reader knows which wording was agreed to), whether a lead without it is refused,
/// and where the answer is sent.
///
/// ```toml
/// [event]
/// consent_text = "May we contact you about our products?"
/// consent_version = "2026-03"
/// consent_required = true
/// consent_field = "COMMENTS"   # or a UF_CRM_ field
/// ```
public struct ConsentPolicy: Sendable, Hashable {
    public var text: String
    public var version: String
    public var required: Bool
    /// The lead field the answer is written to; COMMENTS (the default) means a "Consent: …" line.
    public var field: String

    public init(text: String, version: String, required: Bool = false, field: String = "COMMENTS") {
        self.text = text
        self.version = version
        self.required = required
        self.field = field
    }
}

/// A visitor's answer to the consent text, as stored with the lead and exported.
public struct ConsentRecord: Sendable, Equatable, Codable {
    public var given: Bool
    public var version: String
    public var at: Date

    public init(given: Bool, version: String, at: Date) {
        self.given = given
        self.version = version
        self.at = at
    }

    /// "yes (text version 2026-03, 2026-12-01T20:30:00Z)": what the CRM shows.
    public var sentence: String {
        "\(given ? "yes" : "no") (text version \(version), \(at.formatted(.iso8601)))"
    }

    /// Reads `--consent yes|no` (also y/n, true/false, 1/0).
    public static func answer(_ text: String) -> Bool? {
        switch text.trimmingSpaces.lowercased() {
        case "yes", "y", "true", "1", "да": true
        case "no", "n", "false", "0", "нет": false
        default: nil
        }
    }
}
