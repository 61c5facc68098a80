import LeadCore

/// Turns the outbox's stored JSON text (compact, keys sorted — `JSONValue.compactText`) straight
/// into PHP query pairs, byte by byte, the same pairs `PHPQuery.pairs` gives for the decoded value.
///
/// Why: a send used to decode each lead's fields with Foundation, rebuild a dictionary, sort it
/// and walk it again; fifty leads per batch, every batch. The stored text is already in the order
/// the query wants, so one pass over its bytes does. Text it cannot vouch for (keys out of order,
/// non-ASCII keys, anything that is not well-formed JSON) returns nil and the caller decodes instead.
struct StoredJSONQuery {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    /// The bracketed name of the value being read (`fields[PHONE][0][VALUE]`): one buffer that
    /// grows and shrinks as the reader descends, instead of a copy per member.
    private var name: [UInt8]

    private init(_ bytes: UnsafeBufferPointer<UInt8>, prefix: String) {
        self.bytes = bytes
        name = Array(prefix.utf8)
        name.reserveCapacity(64)
    }

    /// Appends `prefix[key]…=value` pairs for every member of the object `text` to `out`, joined
    /// with `&` (one leading `&` when `out` is not empty), skipping top-level `skipping` keys.
    /// Returns false (and leaves `out` as it was) when the text must be decoded instead.
    static func appendPairs(of text: String, prefix: String, skipping: Set<String> = [], to out: inout [UInt8]) -> Bool {
        var text = text
        let mark = out.count
        let skipped = skipping.map { Array($0.utf8) }
        let used = text.withUTF8 { bytes in
            var reader = StoredJSONQuery(bytes, prefix: prefix)
            return (try? reader.object(topLevel: true, skipping: skipped, into: &out)) != nil && reader.atEnd
        }
        if !used { out.removeSubrange(mark...) }
        return used
    }

    private struct Unusable: Error {}

    private var atEnd: Bool {
        mutating get { skipSpace(); return index == bytes.count }
    }

    private mutating func object(topLevel: Bool, skipping: [[UInt8]], into out: inout [UInt8]) throws {
        try expect(UInt8(ascii: "{"))
        skipSpace()
        if peek == UInt8(ascii: "}") { index += 1; return }
        var previousKey: Range<Int>?
        while true {
            skipSpace()
            let key = try keyRange()
            // Sorted keys only: then document order is `keys.sorted()` order.
            if let previousKey, !bytes[previousKey].lexicographicallyPrecedes(bytes[key]) { throw Unusable() }
            previousKey = key
            skipSpace()
            try expect(UInt8(ascii: ":"))
            if topLevel && skipping.contains(where: { $0.elementsEqual(bytes[key]) }) {
                try skipValue()
            } else {
                let mark = name.count
                name.append(UInt8(ascii: "["))
                PHPQuery.appendEncoded(bytes[key], to: &name)
                name.append(UInt8(ascii: "]"))
                try value(into: &out)
                name.removeSubrange(mark...)
            }
            skipSpace()
            if peek == UInt8(ascii: ",") { index += 1; continue }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    private mutating func array(into out: inout [UInt8]) throws {
        try expect(UInt8(ascii: "["))
        skipSpace()
        if peek == UInt8(ascii: "]") { index += 1; return }
        var offset = 0
        while true {
            let mark = name.count
            name.append(UInt8(ascii: "["))
            name.append(contentsOf: String(offset).utf8)
            name.append(UInt8(ascii: "]"))
            try value(into: &out)
            name.removeSubrange(mark...)
            offset += 1
            skipSpace()
            if peek == UInt8(ascii: ",") { index += 1; continue }
            try expect(UInt8(ascii: "]"))
            return
        }
    }

    private mutating func value(into out: inout [UInt8]) throws {
        skipSpace()
        switch peek {
        case UInt8(ascii: "{"): try object(topLevel: false, skipping: [], into: &out)
        case UInt8(ascii: "["): try array(into: &out)
        case UInt8(ascii: "\""): startPair(into: &out); try encodedString(into: &out)
        case UInt8(ascii: "t"): try literal("true"); startPair(into: &out); out.append(UInt8(ascii: "Y"))
        case UInt8(ascii: "f"): try literal("false"); startPair(into: &out); out.append(UInt8(ascii: "N"))
        case UInt8(ascii: "n"): try literal("null"); startPair(into: &out)
        default: throw Unusable()  // numbers keep their exact formatting on the decoding path
        }
    }

    /// `&name=`, the value to follow.
    private func startPair(into out: inout [UInt8]) {
        if !out.isEmpty { out.append(UInt8(ascii: "&")) }
        out.append(contentsOf: name)
        out.append(UInt8(ascii: "="))
    }

    /// An object key: printable ASCII without escapes (every Bitrix24 field name), else the
    /// decoding path takes the text.
    private mutating func keyRange() throws -> Range<Int> {
        try expect(UInt8(ascii: "\""))
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; return start..<(index - 1) }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { throw Unusable() }
            index += 1
        }
        throw Unusable()
    }

    /// A JSON string's content, unescaped and percent-encoded straight into `out`: runs without
    /// escapes are encoded from the stored bytes in place.
    private mutating func encodedString(into out: inout [UInt8]) throws {
        try expect(UInt8(ascii: "\""))
        var run = index
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                PHPQuery.appendEncoded(bytes[run..<index], to: &out)
                index += 1
                return
            case UInt8(ascii: "\\"):
                PHPQuery.appendEncoded(bytes[run..<index], to: &out)
                index += 1
                guard index < bytes.count else { throw Unusable() }
                let escaped = bytes[index]
                index += 1
                if let byte = JSONReader.unescaped(escaped) {
                    PHPQuery.appendEncoded(CollectionOfOne(byte), to: &out)
                } else if escaped == UInt8(ascii: "u") {
                    PHPQuery.appendEncoded(try unicodeEscape().utf8, to: &out)
                } else {
                    throw Unusable()
                }
                run = index
            case 0..<0x20: throw Unusable()
            default: index += 1
            }
        }
        throw Unusable()
    }

    private mutating func unicodeEscape() throws -> String {
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else { throw Unusable() }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw Unusable() }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw Unusable() }
        return String(Character(unicode))
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16) else { throw Unusable() }
        index += 4
        return value
    }

    private mutating func skipValue() throws {
        var ignored: [UInt8] = []
        try value(into: &ignored)
    }

    private mutating func literal(_ word: StaticString) throws {
        for byte in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) { try expect(byte) }
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
