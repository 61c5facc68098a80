import Foundation
import LeadCore

/// MECARD, the QR contact format of NTT DoCoMo phones that most badge printers use:
/// `MECARD:N:Doe,John;TEL:+13035551212;EMAIL:john@example.com;ORG:Acme;;`.
///
/// Fields are `KEY:value` separated by `;`, with `\;`, `\:`, `\,` and `\\` escaping; the card ends
/// with `;;`. A file (or a scan) may hold several, one after another.
enum MECARD {
    static func cards(in text: String, source: String) throws(ContactInputError) -> [ParsedContact] {
        try TaggedCard.cards(in: text, tag: "MECARD:", source: source, parse: parse)
    }

    /// One card's fields (the text after `MECARD:`), or nil when nothing identifies a contact.
    static func parse(_ body: Substring, card: String) -> ParsedContact? {
        var lead = Lead()
        var warnings: [String] = []
        for (key, value) in TaggedCard.fields(body) {
            switch key {
            case "N":
                if value.contains(",") {
                    let parts = value.split(separator: ",", maxSplits: 1).map { $0.trimmingSpaces }
                    lead["LAST_NAME"] = parts[safe: 0]
                    lead["NAME"] = parts[safe: 1]
                } else {
                    ContactFields.applyFullName(value, to: &lead)
                }
            case "TEL", "TEL-AV": ContactFields.addPhone(value, type: "WORK", to: &lead, warnings: &warnings, card: card)
            case "EMAIL": ContactFields.addEmail(value, type: "WORK", to: &lead, warnings: &warnings, card: card)
            case "ORG": lead["COMPANY_TITLE"] = value
            case "TITLE": lead["POST"] = value
            case "URL": lead.append(.web, MultiFieldValue(value: value, valueType: "WORK"))
            case "ADR": lead["ADDRESS"] = value.split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }.joined(separator: ", ")
            case "NOTE", "MEMO": ContactFields.appendComment(value, to: &lead)
            case "BDAY": ContactFields.addBirthday(value, to: &lead, warnings: &warnings, card: card)
            default: continue  // SOUND (the reading of the name), NICKNAME, …
            }
        }
        return lead.namesSomeone ? ParsedContact(lead: lead, warnings: warnings, format: .mecard) : nil
    }
}

/// What MECARD and BIZCARD share: `TAG:` cards of `KEY:value;` fields with backslash escapes.
enum TaggedCard {
    /// The text after each `tag` that starts a card: at the start, or after a `;` or a line break
    /// (so a `MECARD:` inside a NOTE is not a new card). Scans bytes: the tag is ASCII.
    static func bodies(of text: String, tag: String) -> [Substring] {
        var text = text
        let pattern = Array(tag.utf8)
        let starts: [(tag: Int, body: Int)] = text.withUTF8 { bytes in
            var found: [(Int, Int)] = []
            var boundary = true  // only spaces since the start, a ';' or a line break
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if boundary, index + pattern.count <= bytes.count,
                    (0..<pattern.count).allSatisfy({ asciiUpper(bytes[index + $0]) == pattern[$0] })
                {
                    found.append((index, index + pattern.count))
                    index += pattern.count
                    boundary = false
                    continue
                }
                if byte == UInt8(ascii: ";") || byte == 0x0A || byte == 0x0D {
                    boundary = true
                } else if byte != 0x20 && byte != 0x09 {
                    boundary = false
                }
                index += 1
            }
            return found
        }
        let utf8 = text.utf8
        func position(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        return starts.indices.map { i in
            text[position(starts[i].body)..<(i + 1 < starts.count ? position(starts[i + 1].tag) : text.endIndex)]
        }
    }

    /// The `(KEY, value)` pairs of a body, keys upper-cased, values unescaped and trimmed, empty
    /// ones left out. Works on bytes (the separators are ASCII) and copies a value only once, so
    /// a long value costs one pass.
    static func fields(_ body: Substring) -> [(String, String)] {
        var pairs: [(String, String)] = []
        var body = body
        body.withUTF8 { bytes in
            var fieldStart = 0
            var colon: Int?
            var escaped = false
            func finish(at end: Int) {
                defer { (fieldStart, colon, escaped) = (end + 1, nil, false) }
                guard let colon else { return }
                let name = text(unescaping(bytes[fieldStart..<colon], escaped)).uppercased()
                let value = text(unescaping(bytes[(colon + 1)..<end], escaped))
                if !name.isEmpty, !value.isEmpty { pairs.append((name, value)) }
            }
            var index = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"):
                    escaped = true
                    index += 1  // the next byte is literal
                case UInt8(ascii: ";"): finish(at: index)
                case UInt8(ascii: ":") where colon == nil: colon = index
                default: break
                }
                index += 1
            }
            finish(at: bytes.count)
        }
        return pairs
    }

    /// The bytes without their backslash escapes (only walked when the field had one).
    private static func unescaping(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, _ escaped: Bool) -> ArraySlice<UInt8> {
        guard escaped else { return Array(bytes)[...] }
        var out: [UInt8] = []
        var literal = false
        for byte in bytes {
            if !literal, byte == UInt8(ascii: "\\") {
                literal = true
                continue
            }
            out.append(byte)
            literal = false
        }
        return out[...]
    }

    /// Bytes as trimmed text: ASCII spaces cut as bytes, so a long value is never walked by
    /// character; a short one is trimmed of every kind of space.
    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        while let first = slice.first, first == 0x20 || first == 0x09 || first == 0x0A || first == 0x0D { slice.removeFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 || last == 0x0A || last == 0x0D { slice.removeLast() }
        let text = String(decoding: slice, as: UTF8.self)
        return slice.count < 4096 ? text.trimmingSpaces : text
    }

    /// Every `tag` card of `text` read by `parse`; cards with nothing usable are skipped with a
    /// warning, and none at all is one sentence.
    static func cards(in text: String, tag: String, source: String, parse: (Substring, String) -> ParsedContact?) throws(ContactInputError)
        -> [ParsedContact]
    {
        let bodies = bodies(of: text, tag: tag)
        var contacts: [ParsedContact] = []
        var skipped: [String] = []
        for (index, body) in bodies.enumerated() {
            let card = bodies.count == 1 ? source : "\(source), card \(index + 1)"
            if let contact = parse(body, card) {
                contacts.append(contact)
            } else {
                skipped.append("\(card) holds no name, company, phone or e-mail and was skipped.")
            }
        }
        guard !contacts.isEmpty else {
            throw ContactInputError("\(source) is a \(tag.dropLast()) but holds no name, company, phone or e-mail; scan or export the card again.")
        }
        contacts[0].warnings = skipped + contacts[0].warnings
        return contacts
    }
}
