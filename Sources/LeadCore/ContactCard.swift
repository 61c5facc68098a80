import Foundation

/// A badge scan could not be read; `description` says which card and why.
public struct ContactCardError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Reads what a badge scanner types — a vCard (2.1, 3.0 or 4.0) or a MECARD — into leads.
///
/// Understood properties: FN, N, ORG, TITLE, TEL (with TYPE), EMAIL, URL, ADR, NOTE, in UTF-8,
/// with QUOTED-PRINTABLE (soft line breaks included) and folded lines. Anything else is ignored,
/// as a scanner may add vendor properties.
public enum ContactCard {
    /// Whether `text` starts like a card a scanner would type (used to detect a keyboard-wedge scan).
    public static func looksLikeCard(_ text: String) -> Bool {
        let head = text.trimmingSpaces.prefix(11).uppercased()
        return head.hasPrefix("BEGIN:VCARD") || head.hasPrefix("MECARD:")
    }

    /// Every card in `text` (a `.vcf` file may hold many), in order.
    public static func parseAll(_ text: String) throws(ContactCardError) -> [Lead] {
        let trimmed = text.trimmingSpaces
        if trimmed.uppercased().hasPrefix("MECARD:") {
            return try trimmed.components(separatedBy: "MECARD:").dropFirst().enumerated().map { index, body throws(ContactCardError) in
                try parseMECARD("MECARD:" + body, number: index + 1)
            }
        }
        let lines = unfold(text)
        var cards: [[String]] = []
        var current: [String]?
        for line in lines {
            let upper = line.trimmingSpaces.uppercased()
            if upper == "BEGIN:VCARD" {
                if current != nil { throw ContactCardError("Card \(cards.count + 1) has no END:VCARD before the next BEGIN:VCARD.") }
                current = []
            } else if upper == "END:VCARD" {
                guard let body = current else { throw ContactCardError("Card \(cards.count + 1) has END:VCARD without BEGIN:VCARD.") }
                cards.append(body)
                current = nil
            } else if current != nil {
                current!.append(line)
            } else if !upper.isEmpty {
                throw ContactCardError("The text is not a vCard or MECARD: it should start with BEGIN:VCARD or MECARD:.")
            }
        }
        if current != nil { throw ContactCardError("Card \(cards.count + 1) is cut off: END:VCARD is missing.") }
        if cards.isEmpty { throw ContactCardError("The text holds no vCard or MECARD; it should start with BEGIN:VCARD or MECARD:.") }
        return try cards.enumerated().map { index, body throws(ContactCardError) in
            try parseVCardBody(body, number: index + 1)
        }
    }

    /// Exactly one card, for `add --vcard` and a scan into the form.
    public static func parse(_ text: String) throws(ContactCardError) -> Lead {
        let leads = try parseAll(text)
        guard leads.count == 1 else { throw ContactCardError("The text holds \(leads.count) cards; scan or add one at a time, or use import.") }
        return leads[0]
    }

    // MARK: - vCard

    /// Joins folded lines (a line starting with a space or tab continues the previous one) and
    /// quoted-printable soft breaks (a line ending in `=` inside a QP value).
    static func unfold(_ text: String) -> [String] {
        var result: [String] = []
        let raw = text.replacingLineEndings().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var pendingSoftBreak = false
        for line in raw {
            if pendingSoftBreak, !result.isEmpty {
                result[result.count - 1] = String(result[result.count - 1].dropLast()) + line
            } else if let first = line.first, first == " " || first == "\t", !result.isEmpty {
                result[result.count - 1] += line.dropFirst()
            } else {
                result.append(line)
            }
            let last = result[result.count - 1]
            pendingSoftBreak = last.hasSuffix("=") && last.uppercased().contains("QUOTED-PRINTABLE")
        }
        return result
    }

    struct Property {
        var name: String
        var parameters: [String: [String]]
        var types: Set<String>
        var rawValue: String
    }

    static func property(from line: String) -> Property? {
        guard let colon = firstUnquotedColon(line) else { return nil }
        let head = line[..<colon]
        let value = String(line[line.index(after: colon)...])
        var segments = head.split(separator: ";").map(String.init)
        guard !segments.isEmpty else { return nil }
        var name = segments.removeFirst().uppercased()
        if let dot = name.lastIndex(of: ".") { name = String(name[name.index(after: dot)...]) }  // item1.TEL
        var parameters: [String: [String]] = [:]
        var types = Set<String>()
        for segment in segments {
            if let eq = segment.firstIndex(of: "=") {
                let key = segment[..<eq].uppercased()
                let values = segment[segment.index(after: eq)...].replacingOccurrences(of: "\"", with: "")
                    .split(separator: ",").map { $0.uppercased() }
                parameters[key, default: []].append(contentsOf: values)
                if key == "TYPE" { types.formUnion(values) }
            } else {
                let bare = segment.uppercased()  // vCard 2.1: TEL;WORK;VOICE: or ;QUOTED-PRINTABLE
                if bare == "QUOTED-PRINTABLE" || bare == "BASE64" || bare == "8BIT" {
                    parameters["ENCODING", default: []].append(bare)
                } else {
                    types.insert(bare)
                }
            }
        }
        return Property(name: name, parameters: parameters, types: types, rawValue: value)
    }

    private static func firstUnquotedColon(_ line: String) -> String.Index? {
        var inQuotes = false
        for index in line.indices {
            switch line[index] {
            case "\"": inQuotes.toggle()
            case ":" where !inQuotes: return index
            default: continue
            }
        }
        return nil
    }

    static func decodedValue(_ property: Property, card: Int) throws(ContactCardError) -> String {
        let encoding = property.parameters["ENCODING"] ?? []
        if encoding.contains("QUOTED-PRINTABLE") {
            return try decodeQuotedPrintable(property.rawValue, charset: property.parameters["CHARSET"]?.first, card: card, property: property.name)
        }
        return property.rawValue
    }

    /// Character sets old scanners and phone exports name in vCard 2.1 `CHARSET=`.
    static func encoding(ofCharset charset: String?) -> String.Encoding? {
        switch charset?.uppercased() {
        case nil, "UTF-8", "UTF8": .utf8
        case "WINDOWS-1251", "CP1251": .windowsCP1251
        case "WINDOWS-1252", "CP1252": .windowsCP1252
        case "ISO-8859-1", "LATIN1": .isoLatin1
        default: nil
        }
    }

    static func decodeQuotedPrintable(_ text: String, charset: String? = nil, card: Int, property: String) throws(ContactCardError) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            guard byte == UInt8(ascii: "=") else { bytes.append(byte); continue }
            guard utf8.count >= 2, let high = hexValue(utf8.popFirst()!), let low = hexValue(utf8.popFirst()!) else {
                throw ContactCardError("Card \(card): the \(property) value has a broken quoted-printable escape.")
            }
            bytes.append(high << 4 | low)
        }
        guard let encoding = encoding(ofCharset: charset) else {
            throw ContactCardError("Card \(card): the \(property) value is in the character set \(charset ?? "?"), which leadbox cannot read; export the card as UTF-8.")
        }
        guard let decoded = String(data: Data(bytes), encoding: encoding), encoding != .utf8 || String(validating: bytes, as: UTF8.self) != nil else {
            throw ContactCardError("Card \(card): the \(property) value is not valid \(charset ?? "UTF-8"); set the scanner to UTF-8.")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }

    /// Splits a structured value on unescaped `;` and removes vCard escapes (`\,` `\;` `\n` `\\`).
    static func components(_ value: String, separator: Character = ";") -> [String] {
        var parts: [String] = [""]
        var escaping = false
        for ch in value {
            if escaping {
                switch ch {
                case "n", "N": parts[parts.count - 1].append("\n")
                default: parts[parts.count - 1].append(ch)
                }
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else if ch == separator {
                parts.append("")
            } else {
                parts[parts.count - 1].append(ch)
            }
        }
        return parts.map { $0.trimmingSpaces }
    }

    static func unescaped(_ value: String) -> String {
        components(value, separator: "\u{0}").joined()
    }

    static func parseVCardBody(_ lines: [String], number: Int) throws(ContactCardError) -> Lead {
        var lead = Lead()
        var fullName: String?
        for line in lines where !line.trimmingSpaces.isEmpty {
            guard let property = property(from: line) else {
                throw ContactCardError("Card \(number): the line \"\(String(line.prefix(40)).escapedForTerminal)\" has no ':' between name and value.")
            }
            let value = try decodedValue(property, card: number)
            switch property.name {
            case "FN":
                fullName = unescaped(value).trimmingSpaces
            case "N":
                let parts = components(value)
                lead["LAST_NAME"] = parts[safe: 0]
                lead["NAME"] = parts[safe: 1]
                lead["SECOND_NAME"] = parts[safe: 2]
            case "ORG":
                lead["COMPANY_TITLE"] = components(value).filter { !$0.isEmpty }.joined(separator: ", ")
            case "TITLE":
                lead["POST"] = unescaped(value).trimmingSpaces
            case "TEL":
                let number = unescaped(value).trimmingSpaces.replacingOccurrences(of: "tel:", with: "")
                if !number.isEmpty { lead.append(.phone, MultiFieldValue(value: number, valueType: phoneType(property.types))) }
            case "EMAIL":
                let address = unescaped(value).trimmingSpaces.replacingOccurrences(of: "mailto:", with: "")
                if !address.isEmpty { lead.append(.email, MultiFieldValue(value: address, valueType: emailType(property.types))) }
            case "URL":
                let url = unescaped(value).trimmingSpaces
                if !url.isEmpty { lead.append(.web, MultiFieldValue(value: url, valueType: property.types.contains("HOME") ? "HOME" : "WORK")) }
            case "ADR":
                let parts = components(value)  // PO box; extended; street; city; region; postal code; country
                lead["ADDRESS"] = [parts[safe: 2], parts[safe: 0]].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
                lead["ADDRESS_2"] = parts[safe: 1]
                lead["ADDRESS_CITY"] = parts[safe: 3]
                lead["ADDRESS_REGION"] = parts[safe: 4]
                lead["ADDRESS_POSTAL_CODE"] = parts[safe: 5]
                lead["ADDRESS_COUNTRY"] = parts[safe: 6]
            case "NOTE":
                lead["COMMENTS"] = unescaped(value)
            default:
                continue
            }
        }
        if lead["NAME"] == nil, lead["LAST_NAME"] == nil, let fullName, !fullName.isEmpty {
            let words = fullName.split(separator: " ", maxSplits: 1).map(String.init)
            lead["NAME"] = words[0]
            lead["LAST_NAME"] = words[safe: 1]
        }
        if lead.isEmpty { throw ContactCardError("Card \(number) holds no name, company, phone or e-mail.") }
        return lead
    }

    static func phoneType(_ types: Set<String>) -> String {
        if types.contains("CELL") || types.contains("MOBILE") { return "MOBILE" }
        if types.contains("FAX") { return "FAX" }
        if types.contains("PAGER") { return "PAGER" }
        if types.contains("HOME") { return "HOME" }
        return "WORK"
    }

    static func emailType(_ types: Set<String>) -> String {
        types.contains("HOME") ? "HOME" : "WORK"
    }

    // MARK: - MECARD

    /// `MECARD:N:Last,First;TEL:…;EMAIL:…;ORG:…;URL:…;ADR:…;NOTE:…;;`
    static func parseMECARD(_ text: String, number: Int) throws(ContactCardError) -> Lead {
        var body = Substring(text.trimmingSpaces)
        body = body.dropFirst("MECARD:".count)
        var lead = Lead()
        for field in meCardFields(body) where !field.isEmpty {
            guard let colon = field.firstIndex(of: ":") else {
                throw ContactCardError("Card \(number): the MECARD field \"\(String(field.prefix(40)).escapedForTerminal)\" has no ':'.")
            }
            let key = field[..<colon].uppercased()
            let value = meCardUnescape(field[field.index(after: colon)...]).trimmingSpaces
            guard !value.isEmpty else { continue }
            switch key {
            case "N" where value.contains(","):
                let parts = value.split(separator: ",", maxSplits: 1).map { $0.trimmingSpaces }
                lead["LAST_NAME"] = parts[safe: 0]
                lead["NAME"] = parts[safe: 1]
            case "N":
                lead["NAME"] = value  // no "Last,First" split: keep the name as written
            case "TEL", "TEL-AV": lead.append(.phone, MultiFieldValue(value: value, valueType: "WORK"))
            case "EMAIL": lead.append(.email, MultiFieldValue(value: value, valueType: "WORK"))
            case "ORG": lead["COMPANY_TITLE"] = value
            case "TITLE": lead["POST"] = value
            case "URL": lead.append(.web, MultiFieldValue(value: value, valueType: "WORK"))
            case "ADR": lead["ADDRESS"] = value
            case "NOTE", "MEMO": lead["COMMENTS"] = value
            case "BDAY" where value.count == 8:
                lead["BIRTHDATE"] = "\(value.prefix(4))-\(value.dropFirst(4).prefix(2))-\(value.suffix(2))"
            default: continue
            }
        }
        if lead.isEmpty { throw ContactCardError("Card \(number) holds no name, company, phone or e-mail.") }
        return lead
    }

    /// Splits on unescaped `;` (a `\;` is part of a value).
    private static func meCardFields(_ body: Substring) -> [String] {
        var fields: [String] = [""]
        var escaping = false
        for ch in body {
            if escaping { fields[fields.count - 1].append("\\"); fields[fields.count - 1].append(ch); escaping = false }
            else if ch == "\\" { escaping = true }
            else if ch == ";" { fields.append("") }
            else { fields[fields.count - 1].append(ch) }
        }
        return fields.map { $0.trimmingSpaces }
    }

    private static func meCardUnescape(_ value: Substring) -> String {
        var out = ""
        var escaping = false
        for ch in value {
            if escaping { out.append(ch); escaping = false } else if ch == "\\" { escaping = true } else { out.append(ch) }
        }
        return out
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}

extension String {
    /// CRLF and lone CR become LF.
    func replacingLineEndings() -> String {
        replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
