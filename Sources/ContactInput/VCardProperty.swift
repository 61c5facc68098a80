import Foundation
import LeadCore

/// One vCard property line: `item1.TEL;TYPE=work,voice;CHARSET=UTF-8:+1 555 0100`.
struct VCardProperty {
    /// Upper-cased, without its group.
    var name: String
    /// Parameter values by upper-cased key; 2.1's bare parameters (`TEL;WORK;VOICE:`) land in TYPE,
    /// or ENCODING for `QUOTED-PRINTABLE`/`BASE64`/`8BIT`.
    var parameters: [String: [String]]
    /// The value's bytes, still encoded and escaped.
    var value: ArraySlice<UInt8>

    var types: Set<String> { Set((parameters["TYPE"] ?? []).map { $0.uppercased() }) }

    /// Reads a logical line; nil when it has no `:` (a stray base64 line, say).
    init?(_ line: [UInt8]) {
        guard let colon = VCardProperty.firstUnquotedColon(line) else { return nil }
        let head = String(decoding: line[..<colon], as: UTF8.self)
        value = line[(colon + 1)...]
        var segments = VCardProperty.splitParameters(head)
        guard !segments.isEmpty else { return nil }
        let fullName = segments.removeFirst().trimmingSpaces.uppercased()
        name = fullName.split(separator: ".").last.map(String.init) ?? fullName
        guard !name.isEmpty else { return nil }
        parameters = [:]
        for segment in segments {
            if let eq = segment.firstIndex(of: "=") {
                let key = segment[..<eq].trimmingSpaces.uppercased()
                let values = segment[segment.index(after: eq)...].split(separator: ",").map {
                    $0.trimmingSpaces.replacingOccurrences(of: "\"", with: "")
                }
                parameters[key, default: []].append(contentsOf: values)
            } else {
                let bare = segment.trimmingSpaces.uppercased()
                let key = ["QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B"].contains(bare) ? "ENCODING" : "TYPE"
                parameters[key, default: []].append(bare)
            }
        }
    }

    /// The value as text: quoted-printable undone, then read in the property's CHARSET (when
    /// `honourCharset`, i.e. the bytes are the file's own), else in `fallback`.
    ///
    /// Exporters often claim a CHARSET their bytes are not in; bytes that are valid UTF-8 are
    /// read as UTF-8 whatever the claim, since legacy text is almost never valid UTF-8 by chance.
    /// Returns nil only when no reading fits (the caller warns and keeps going).
    func text(fallback: Charset, honourCharset: Bool) -> String? {
        let encodings = (parameters["ENCODING"] ?? []).map { $0.uppercased() }
        var bytes = value
        let quoted = encodings.contains("QUOTED-PRINTABLE")
        if quoted { bytes = VCardProperty.quotedPrintableDecoded(value) }
        if !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        if !quoted && !honourCharset { return String(decoding: bytes, as: UTF8.self) }
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        if let named = parameters["CHARSET"]?.first.flatMap(Charset.init(name:)), let text = named.decode(bytes) { return text }
        if fallback != .utf8, let text = fallback.decode(bytes) { return text }
        return LegacyGuess.best(Array(bytes))?.text
    }

    /// `=C3=A9` → the bytes; a broken escape is kept as written rather than refused.
    static func quotedPrintableDecoded(_ value: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var out: [UInt8] = []
        out.reserveCapacity(value.count)
        var index = value.startIndex
        while index < value.endIndex {
            let byte = value[index]
            if byte == UInt8(ascii: "="), index + 2 < value.endIndex, let high = hex(value[index + 1]), let low = hex(value[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else if byte == UInt8(ascii: "="), index + 1 == value.endIndex {
                index += 1  // a soft break at the very end
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out[...]
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    private static func firstUnquotedColon(_ line: [UInt8]) -> Int? {
        var inQuotes = false
        for (index, byte) in line.enumerated() {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() } else if byte == UInt8(ascii: ":"), !inQuotes { return index }
        }
        return nil
    }

    /// `TEL;TYPE="work,voice";PREF=1` → `["TEL", "TYPE=work,voice", "PREF=1"]` (`;` inside quotes kept).
    private static func splitParameters(_ head: String) -> [String] {
        var parts: [String] = [""]
        var inQuotes = false
        for ch in head {
            if ch == "\"" {
                inQuotes.toggle()
                parts[parts.count - 1].append(ch)
            } else if ch == ";", !inQuotes {
                parts.append("")
            } else {
                parts[parts.count - 1].append(ch)
            }
        }
        return parts.filter { !$0.trimmingSpaces.isEmpty || parts.first == $0 }
    }
}

/// vCard text values: escapes and structured (`;`-separated) components.
enum VCardText {
    /// Splits on unescaped `separator` and removes the escapes `\n` `\N` `\,` `\;` `\:` `\\`.
    static func components(_ value: String, separator: Character = ";") -> [String] {
        var parts: [String] = [""]
        var escaping = false
        for ch in value {
            if escaping {
                parts[parts.count - 1].append(ch == "n" || ch == "N" ? "\n" : ch)
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else if ch == separator {
                parts.append("")
            } else {
                parts[parts.count - 1].append(ch)
            }
        }
        if escaping { parts[parts.count - 1].append("\\") }
        return parts.map { $0.trimmingSpaces }
    }

    /// The whole value unescaped and trimmed.
    static func unescaped(_ value: String) -> String {
        components(value, separator: "\u{0}").joined()
    }
}
