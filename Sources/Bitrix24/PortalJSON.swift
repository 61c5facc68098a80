import Foundation
import LeadCore

/// Reading the portal's JSON the way PHP writes it (reference §3).
///
/// PHP serialises an empty map as `[]`, a map with keys "0"…"n" as an array, numbers as strings
/// (`"ID": "5"`), and unset values as either `null` or `""`. These accessors accept every form, so
/// the rest of the client can ask for "a map", "an id" or "a text" without caring which one came.
extension JSONValue {
    /// The value as a map: an object as is, an array keyed by its indices (`[]` is the empty map).
    var phpMap: [String: JSONValue]? {
        switch self {
        case .object(let members): members
        case .array(let items): Dictionary(uniqueKeysWithValues: items.enumerated().map { (String($0.offset), $0.element) })
        default: nil
        }
    }

    /// The value as a list: an array as is, an object's values in key order (numeric keys numerically).
    var phpList: [JSONValue]? {
        switch self {
        case .array(let items): items
        case .object(let members):
            members.keys.sorted { (Int($0) ?? .max, $0) < (Int($1) ?? .max, $1) }.map { members[$0]! }
        default: nil
        }
    }

    /// A whole number from a JSON number or a numeric string (`5`, `"5"`, `"5.00"` is not whole-safe and is refused).
    var phpInt: Int? {
        switch self {
        case .number(let n) where n.rounded() == n && abs(n) < 9e15: Int(n)
        case .string(let s): Int(s.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    /// A number from a JSON number or a numeric string.
    var phpDouble: Double? {
        switch self {
        case .number(let n): n
        case .string(let s): Double(s.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    /// Text, with `null` and `""` both meaning "unset" (nil); numbers and booleans as the portal would print them.
    var phpText: String? {
        switch self {
        case .string(let s): s.isEmpty ? nil : s
        case .number: phpInt.map(String.init) ?? phpDouble.map { String($0) }
        case .bool(let b): b ? "Y" : "N"
        default: nil
        }
    }
}

/// The `time` block of every answer; `operating_reset_at` tells when a 429 blocked method frees up.
struct PortalTime: Sendable, Equatable {
    var operatingResetAt: Date?

    init?(_ json: JSONValue?) {
        guard let map = json?.phpMap else { return nil }
        operatingResetAt = map["operating_reset_at"]?.phpDouble.map { Date(timeIntervalSince1970: $0) }
    }
}

/// Decodes a body as JSON, or nil when it is empty, HTML, truncated or otherwise not JSON.
enum PortalJSON {
    static func decode(_ bytes: [UInt8], skipping: Set<String> = []) -> JSONValue? {
        guard !bytes.isEmpty else { return nil }
        return JSONValue.parse(bytes, skipping: skipping)
    }
}
