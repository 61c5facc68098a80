import Foundation

/// A JSON reader (RFC 8259) straight from bytes to `JSONValue`.
///
/// Why not `JSONSerialization`: it builds Foundation objects that must then be bridged and
/// converted value by value, and perf put that at 14 % of a sync's CPU (every batch answer is
/// parsed; 50 `result_time` blocks each). This reader makes the `JSONValue` in one pass.
///
/// Accepts what the standard allows, a scalar at the top level included (as `.fragmentsAllowed`
/// did), after an optional UTF-8 byte order mark; also a trailing comma before `]` or `}`, which
/// Foundation's reader took and a hand-edited settings file may have. Nothing else: no comments,
/// no control characters inside strings, no text after the value. Nesting deeper than
/// `maximumDepth` is refused rather than risking the stack. Invalid UTF-8 inside a string is
/// repaired (U+FFFD), as is a lone surrogate escape: a portal message with one broken character
/// is still read.
public struct JSONReader {
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private var depth = 0
    /// Object members left out, at any depth: read past with every check, never built.
    private let skipped: Set<String>

    private init(_ bytes: UnsafeBufferPointer<UInt8>, skipping skipped: Set<String>) {
        self.bytes = bytes
        self.skipped = skipped
    }

    /// The value the bytes hold, or nil when they are not exactly one JSON value. Members named in
    /// `skipping` are left out of every object, but checked as strictly as the rest, so the
    /// verdict on the text is the same.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, skipping: Set<String> = []) -> JSONValue? {
        var reader = JSONReader(bytes, skipping: skipping)
        // A UTF-8 byte order mark (Windows Notepad writes one into a settings file) is skipped.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { reader.index = 3 }
        guard let value = reader.value() else { return nil }
        reader.skipWhitespace()
        return reader.index == bytes.count ? value : nil
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value() -> JSONValue? {
        skipWhitespace()
        guard let byte = current else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return nil
        }
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return nil }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return nil }
        index += count
        return value
    }

    private mutating func object() -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= JSONReader.maximumDepth else { return nil }
        index += 1  // {
        // Room for a portal answer's typical object (a command's timings: eight members), so the
        // table is not regrown three times on the way.
        var members = [String: JSONValue](minimumCapacity: 8)
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\""), let key = string() else { return nil }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { return nil }
            index += 1
            if !skipped.isEmpty, skipped.contains(key) {
                guard skipValue() else { return nil }
            } else {
                guard let member = value() else { return nil }
                members[key] = member
            }
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                if current == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
            case UInt8(ascii: "}"):
                index += 1
                return .object(members)
            default: return nil
            }
        }
    }

    private mutating func array() -> JSONValue? {
        depth += 1
        defer { depth -= 1 }
        guard depth <= JSONReader.maximumDepth else { return nil }
        index += 1  // [
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return .array(items)
        }
        while true {
            guard let item = value() else { return nil }
            items.append(item)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                index += 1
                skipWhitespace()
                if current == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
            case UInt8(ascii: "]"):
                index += 1
                return .array(items)
            default: return nil
            }
        }
    }

    /// Reads past one value without building it, with the checks `value()` makes.
    private mutating func skipValue() -> Bool {
        skipWhitespace()
        guard let byte = current else { return false }
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            depth += 1
            defer { depth -= 1 }
            guard depth <= JSONReader.maximumDepth else { return false }
            let isObject = byte == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            index += 1
            skipWhitespace()
            if current == close {
                index += 1
                return true
            }
            while true {
                if isObject {
                    skipWhitespace()
                    guard current == UInt8(ascii: "\""), skipString() else { return false }
                    skipWhitespace()
                    guard current == UInt8(ascii: ":") else { return false }
                    index += 1
                }
                guard skipValue() else { return false }
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","):
                    index += 1
                    skipWhitespace()
                    if current == close {
                        index += 1
                        return true
                    }
                case close:
                    index += 1
                    return true
                default: return false
                }
            }
        case UInt8(ascii: "\""): return skipString()
        case UInt8(ascii: "t"): return literal("true", .null) != nil
        case UInt8(ascii: "f"): return literal("false", .null) != nil
        case UInt8(ascii: "n"): return literal("null", .null) != nil
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number(checkingOnly: true) != nil
        default: return false
        }
    }

    /// `string()` without the String: an escape is still decoded, to be checked.
    private mutating func skipString() -> Bool {
        index += 1  // "
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return true
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) != nil }
            if byte < 0x20 { return false }
            index += 1
        }
        return false
    }

    /// A string from its opening quote; the common case (no escapes) is one copy of the bytes.
    private mutating func string() -> String? {
        index += 1  // "
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            index += 1
        }
        return nil
    }

    /// The slow path, once a backslash shows up: decode escapes into a byte buffer.
    private mutating func escapedString(from start: Int) -> String? {
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard let escape = current else { return nil }
                index += 1
                if let byte = JSONReader.unescaped(escape) {
                    utf8.append(byte)
                } else if escape == UInt8(ascii: "u"), let scalar = unicodeEscape() {
                    utf8.append(contentsOf: String(Character(scalar)).utf8)
                } else {
                    return nil
                }
            case 0..<0x20:
                return nil
            default:
                utf8.append(byte)
                index += 1
            }
        }
        return nil
    }

    /// The byte a one-letter escape (`\n`, `\"`, …) stands for; nil for `\u` and for anything
    /// JSON does not define. Shared with the send path's reader of stored JSON.
    public static func unescaped(_ escape: UInt8) -> UInt8? {
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): escape
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    /// The scalar of a `\uXXXX` escape (just after the `u`), joining a surrogate pair; a lone
    /// surrogate reads as U+FFFD.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let first = hexQuad() else { return nil }
        if (0xD800..<0xDC00).contains(first) {
            if bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let mark = index
                index += 2
                guard let second = hexQuad() else { return nil }
                if (0xDC00..<0xE000).contains(second) {
                    return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                }
                index = mark  // not a pair: the second escape is read on its own
            }
            return "\u{FFFD}"
        }
        return Unicode.Scalar(first) ?? "\u{FFFD}"
    }

    private mutating func hexQuad() -> UInt32? {
        guard bytes.count - index >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    /// A number in the standard's grammar, correctly rounded, or nil when the numeral breaks the
    /// grammar or overflows a double. `checkingOnly` (for a skipped member) gives the same verdict
    /// but, when the numeral plainly cannot overflow, no value (`.null` stands in), so the long
    /// timings of a batch answer cost no strtod.
    private mutating func number(checkingOnly: Bool = false) -> JSONValue? {
        let start = index
        var negative = false
        if current == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard let lead = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lead) else { return nil }
        // The digits as one integer and a power of ten, for the exact fast path below.
        var mantissa: UInt64 = 0
        var significant = 0
        var exact = true
        var scale = 0
        func take(_ byte: UInt8, fraction: Bool) {
            if significant < 19 {
                mantissa = mantissa * 10 + UInt64(byte - UInt8(ascii: "0"))
                if mantissa != 0 { significant += 1 }
                if fraction { scale -= 1 }
            } else {
                exact = false
                if !fraction { scale += 1 }
            }
        }
        var integerDigits = 0
        if lead == UInt8(ascii: "0") {
            index += 1
        } else {
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                take(byte, fraction: false)
                integerDigits += 1
                index += 1
            }
        }
        if current == UInt8(ascii: ".") {
            index += 1
            let digits = index
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                take(byte, fraction: true)
                index += 1
            }
            guard index > digits else { return nil }
        }
        var exponent = 0
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            index += 1
            var exponentNegative = false
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                exponentNegative = current == UInt8(ascii: "-")
                index += 1
            }
            let digits = index
            while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(byte - UInt8(ascii: "0")) }
                index += 1
            }
            guard index > digits else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        // Below 10^308 a numeral is a finite double, whatever rounding strtod would do.
        if checkingOnly, integerDigits + exponent <= 308 { return .null }
        // Clinger's fast path: a mantissa of at most 2^53 and a power of ten up to 10^22 are both
        // exact doubles, so one multiplication or division is correctly rounded, as strtod is.
        // Most portal numerals (IDs, `1796179139.265214`) take it; longer ones go to strtod.
        let power = scale + exponent
        if exact, mantissa <= 1 << 53, (-22...22).contains(power) {
            var value = Double(mantissa)
            if power > 0 { value *= JSONReader.powersOfTen[power] } else if power < 0 { value /= JSONReader.powersOfTen[-power] }
            return .number(negative ? -value : value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let double = Double(text), double.isFinite else { return nil }
        return .number(double)
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in (0..<exponent).reduce(1.0) { value, _ in value * 10 } }
}
