import Foundation

/// A JSON value as the fake portal sees it: objects keep their key order, because PHP arrays do
/// (batch commands run in the order sent, and `result.result` lists keys in that order), and
/// integers stay distinct from doubles (`"result": 5`, never `5.0`).
public indirect enum PortalJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([PortalJSON])
    case object([Member])

    /// One key of an object, in order.
    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: PortalJSON
        public init(_ key: String, _ value: PortalJSON) {
            self.key = key
            self.value = value
        }
    }

    /// The value under `key` when this is an object, or under index `Int(key)` when it is an array
    /// (PHP does not tell `[0=>x]` from `[x]`, so neither do we).
    public subscript(key: String) -> PortalJSON? {
        switch self {
        case .object(let members): return members.first { $0.key == key }?.value
        case .array(let items):
            guard let index = Int(key), items.indices.contains(index) else { return nil }
            return items[index]
        default: return nil
        }
    }

    /// The members of an object, or an array's items keyed "0"…"n-1": a PHP array either way.
    public var members: [Member]? {
        switch self {
        case .object(let members): return members
        case .array(let items): return items.enumerated().map { Member(String($0.offset), $0.element) }
        default: return nil
        }
    }

    /// The values of an object or array, in order.
    public var elements: [PortalJSON]? { members?.map(\.value) }

    /// The value as PHP would cast a scalar to string; nil for null, arrays and objects.
    public var scalarString: String? {
        switch self {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number):
            return number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        case .bool(let flag): return flag ? "1" : ""
        case .null, .array, .object: return nil
        }
    }

    /// The value as an integer, accepting numeric strings like PHP's `(int)` would.
    public var intValue: Int? {
        switch self {
        case .int(let number): return number
        case .double(let number): return Int(exactly: number.rounded(.towardZero))
        case .string(let text): return Int(text.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    /// Builds a PHP array: a JSON list when the keys are "0"…"n-1" in order (and when empty, which
    /// PHP serialises as `[]`), otherwise an object.
    public static func phpArray(_ members: [Member]) -> PortalJSON {
        let isList = members.enumerated().allSatisfy { $0.element.key == String($0.offset) }
        return isList ? .array(members.map(\.value)) : .object(members)
    }
}

extension PortalJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: PortalJSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, PortalJSON)...) {
        self = .object(elements.map { Member($0.0, $0.1) })
    }
}
