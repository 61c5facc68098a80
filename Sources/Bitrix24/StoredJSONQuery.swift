import LeadCore

/// Turns the outbox's stored JSON text (compact, keys sorted — `JSONValue.compactText`) straight
/// into PHP query pairs, byte by byte, the same pairs `PHPQuery.pairs` gives for the decoded value.
///
/// Why: a send used to decode each lead's fields with Foundation, rebuild a dictionary, sort it
/// and walk it again; fifty leads per batch, every batch. The stored text is already in the order
/// the query wants, so one pass over its bytes does. Text it cannot vouch for (keys out of order,
/// non-ASCII keys, anything that is not well-formed JSON) returns nil and the caller decodes instead.
struct StoredJSONQuery {
    private let bytes: [UInt8]
    private var index = 0

    private init(_ text: String) { bytes = Array(text.utf8) }

    /// Appends `prefix[key]…=value` pairs for every member of the object `text` to `out`, joined
    /// with `&` (one leading `&` when `out` is not empty), skipping top-level `skipping` keys.
    /// Returns false (and leaves `out` as it was) when the text must be decoded instead.
    static func appendPairs(of text: String, prefix: String, skipping: Set<String> = [], to out: inout [UInt8]) -> Bool {
        var reader = StoredJSONQuery(text)
        let mark = out.count
        let skipped = Set(skipping.map { Array($0.utf8) })
        guard (try? reader.object(name: Array(prefix.utf8), topLevel: true, skipping: skipped, into: &out)) != nil,
              reader.atEnd else {
            out.removeSubrange(mark...)
            return false
        }
        return true
    }

    private struct Unusable: Error {}

    private var atEnd: Bool {
        mutating get { skipSpace(); return index == bytes.count }
    }

    private mutating func object(name: [UInt8], topLevel: Bool, skipping: Set<[UInt8]>, into out: inout [UInt8]) throws {
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek == UInt8(ascii: "}") { index += 1; return }
        var previousKey: [UInt8]?
        while true {
            skipSpace()
            let key = try string()
            // Sorted, ASCII keys only: then document order is `keys.sorted()` order.
            guard key.allSatisfy({ $0 < 0x80 }), previousKey.map({ $0.lexicographicallyPrecedes(key) }) ?? true else { throw Unusable() }
            previousKey = key
            skipSpace()
            try expect(UInt8(ascii: ":"))
            if topLevel && skipping.contains(key) {
                try skipValue()
            } else {
                var member = name
                member.append(UInt8(ascii: "["))
                PHPQuery.appendEncoded(key, to: &member)
                member.append(UInt8(ascii: "]"))
                try value(name: member, into: &out)
            }
            skipSpace()
            if peek == UInt8(ascii: ",") { index += 1; continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    private mutating func array(name: [UInt8], into out: inout [UInt8]) throws {
        try expect(UInt8(ascii: "["))
        skipSpace()
        if peek == UInt8(ascii: "]") { index += 1; return }
        var offset = 0
        while true {
            var member = name
            member.append(UInt8(ascii: "["))
            member.append(contentsOf: String(offset).utf8)
            member.append(UInt8(ascii: "]"))
            try value(name: member, into: &out)
            offset += 1
            skipSpace()
            if peek == UInt8(ascii: ",") { index += 1; continue }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    private mutating func value(name: [UInt8], into out: inout [UInt8]) throws {
        skipSpace()
        switch peek {
        case UInt8(ascii: "{"): try object(name: name, topLevel: false, skipping: [], into: &out)
        case UInt8(ascii: "["): try array(name: name, into: &out)
        case UInt8(ascii: "\""): pair(name, try string(), into: &out)
        case UInt8(ascii: "t"): try literal("true"); pair(name, Array("Y".utf8), into: &out)
        case UInt8(ascii: "f"): try literal("false"); pair(name, Array("N".utf8), into: &out)
        case UInt8(ascii: "n"): try literal("null"); pair(name, [], into: &out)
        default: throw Unusable()  // numbers keep their exact formatting on the decoding path
        }
    }

    private func pair(_ name: [UInt8], _ value: [UInt8], into out: inout [UInt8]) {
        if !out.isEmpty { out.append(UInt8(ascii: "&")) }
        out.append(contentsOf: name)
        out.append(UInt8(ascii: "="))
        PHPQuery.appendEncoded(value, to: &out)
    }

    /// A JSON string's content, unescaped, as UTF-8 bytes.
    private mutating func string() throws -> [UInt8] {
        try expect(UInt8(ascii: "\""))
        var text: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return text
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw Unusable() }
                let escaped = bytes[index]
                index += 1
                if let byte = JSONReader.unescaped(escaped) {
                    text.append(byte)
                } else if escaped == UInt8(ascii: "u") {
                    try unicodeEscape(into: &text)
                } else {
                    throw Unusable()
                }
            case 0..<0x20: throw Unusable()
            default: text.append(byte)
            }
        }
        throw Unusable()
    }

    private mutating func unicodeEscape(into text: inout [UInt8]) throws {
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { throw Unusable() }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw Unusable() }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw Unusable() }
        text.append(contentsOf: String(Character(unicode)).utf8)
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) else { throw Unusable() }
        index += 4
        return value
    }

    private mutating func skipValue() throws {
        var ignored: [UInt8] = []
        try value(name: [], into: &ignored)
    }

    private mutating func literal(_ word: String) throws {
        for byte in word.utf8 { try expect(byte) }
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard index < bytes.count, bytes[index] == byte else { throw Unusable() }
        index += 1
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }
}
