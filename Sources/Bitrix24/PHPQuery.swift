import LeadCore

/// Builds PHP query strings, the format of each `batch` command (`crm.lead.add?fields[TITLE]=…`).
///
/// The portal runs every command through PHP `parse_str` (reference §5), so nested JSON becomes
/// bracketed keys (`fields[PHONE][0][VALUE]`) and every byte except the RFC 3986 unreserved
/// characters is percent-encoded: `&`, `=`, `+`, `#`, `%`, brackets, spaces, Cyrillic, emoji and
/// newlines inside values then arrive exactly as typed.
enum PHPQuery {
    /// Appends the `name=value` pairs for `value` under the key `name` to `out`, flattened the
    /// way PHP reads them back, each after a `&` when `out` is not empty. Booleans become `Y`/`N`
    /// (the portal's convention), null an empty string, whole numbers lose their `.0`; an empty
    /// array or object has no query-string form and is left out.
    ///
    /// Written into bytes with one name buffer that grows and shrinks as it descends: fifty leads
    /// a batch go through here, and a `String` per pair and per bracketed name cost more than
    /// the encoding itself.
    static func appendPairs(_ name: inout [UInt8], _ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .array(let items):
            for (index, item) in items.enumerated() {
                let mark = name.count
                name.append(UInt8(ascii: "["))
                name.append(contentsOf: String(index).utf8)
                name.append(UInt8(ascii: "]"))
                appendPairs(&name, item, to: &out)
                name.removeSubrange(mark...)
            }
        case .object(let members):
            for key in members.keys.sorted() {
                let mark = name.count
                name.append(UInt8(ascii: "["))
                appendEncoded(key.utf8, to: &name)
                name.append(UInt8(ascii: "]"))
                appendPairs(&name, members[key]!, to: &out)
                name.removeSubrange(mark...)
            }
        case .null, .bool, .number, .string:
            if !out.isEmpty { out.append(UInt8(ascii: "&")) }
            out.append(contentsOf: name)
            out.append(UInt8(ascii: "="))
            switch value {
            case .bool(let b): out.append(b ? UInt8(ascii: "Y") : UInt8(ascii: "N"))
            case .number(let n): appendEncoded(format(n).utf8, to: &out)
            case .string(let text): appendEncoded(text.utf8, to: &out)
            default: break
            }
        }
    }

    /// Percent-encodes all but `A–Z a–z 0–9 - . _ ~`, byte by byte in UTF-8.
    static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        appendEncoded(text.utf8, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `encode` into a byte buffer: fifty leads per batch go through here, so runs of bytes that
    /// stay as they are (most of a lead: names, e-mail addresses, digits) are copied in one go.
    static func appendEncoded<Bytes: Collection<UInt8>>(_ bytes: Bytes, to out: inout [UInt8]) {
        let unreserved = PHPQuery.unreserved
        var run = bytes.startIndex
        var index = run
        while index != bytes.endIndex {
            let byte = bytes[index]
            if unreserved[Int(byte)] {
                bytes.formIndex(after: &index)
                continue
            }
            if run != index { out.append(contentsOf: bytes[run..<index]) }
            out.append(UInt8(ascii: "%"))
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0xF)])
            bytes.formIndex(after: &index)
            run = index
        }
        if run != index { out.append(contentsOf: bytes[run..<index]) }
    }

    /// `A–Z a–z 0–9 - . _ ~`, by byte value.
    private static let unreserved: [Bool] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func format(_ n: Double) -> String {
        if n.rounded() == n, abs(n) < 1e15 { return String(Int64(n)) }
        return String(n)
    }
}
