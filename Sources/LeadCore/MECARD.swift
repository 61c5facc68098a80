/// MECARD, the QR contact format of NTT DoCoMo phones that most badge printers use:
/// `MECARD:N:Doe,John;TEL:+13035551212;EMAIL:john@example.com;ORG:Acme;;`.
///
/// Fields are `KEY:value` separated by `;`, with `\;`, `\:`, `\,` and `\\` escaping; the card ends
/// with `;;`. A file (or a scan) may hold several, one after another.
enum MECARD {
    static func cards(in text: String, source: String) throws(ContactInputError) -> [ParsedContact] {
        let bodies = TaggedCard.bodies(of: text, tag: "MECARD:")
        var contacts: [ParsedContact] = []
        var warnings: [String] = []
        for (index, body) in bodies.enumerated() {
            let card = bodies.count == 1 ? source : "\(source), card \(index + 1)"
            if let contact = parse(body, card: card) { contacts.append(contact) } else {
                warnings.append("\(card) holds no name, company, phone or e-mail and was skipped.")
            }
        }
        return try TaggedCard.finish(contacts, skipped: warnings, source: source, format: "MECARD")
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
            case "BDAY": lead["BIRTHDATE"] = ContactFields.isoDate(value)
            default: continue  // SOUND (the reading of the name), NICKNAME, …
            }
        }
        return ContactFields.identifies(lead) ? ParsedContact(lead: lead, warnings: warnings, format: .mecard) : nil
    }
}

/// What MECARD and BIZCARD share: `TAG:` cards of `KEY:value;` fields with backslash escapes.
enum TaggedCard {
    /// The text after each `tag` that starts a card (at the start or after a `;;` or a line break).
    static func bodies(of text: String, tag: String) -> [Substring] {
        var bodies: [Substring] = []
        var rest = Substring(text.trimmingSpaces)
        while let range = rest.range(of: tag, options: .caseInsensitive) {
            let before = rest[..<range.lowerBound]
            if before.trimmingSpaces.isEmpty || before.hasSuffix(";;") || before.last?.isNewline == true || !bodies.isEmpty && before.trimmingSpaces.hasSuffix(";") {
                if !bodies.isEmpty { bodies[bodies.count - 1] = bodies[bodies.count - 1][..<range.lowerBound] }
                bodies.append(rest[range.upperBound...])
            }
            rest = rest[range.upperBound...]
        }
        return bodies
    }

    /// The `(KEY, value)` pairs of a body, keys upper-cased, values unescaped and trimmed, empty ones left out.
    static func fields(_ body: Substring) -> [(String, String)] {
        var pairs: [(String, String)] = []
        var key = "", value = ""
        var inValue = false, escaping = false
        func finish() {
            let name = key.trimmingSpaces.uppercased(), text = value.trimmingSpaces
            if inValue, !name.isEmpty, !text.isEmpty { pairs.append((name, text)) }
            (key, value, inValue) = ("", "", false)
        }
        for ch in body {
            if escaping {
                if inValue { value.append(ch) } else { key.append(ch) }
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else if ch == ";" {
                finish()
            } else if ch == ":", !inValue {
                inValue = true
            } else if inValue {
                value.append(ch)
            } else {
                key.append(ch)
            }
        }
        finish()
        return pairs
    }

    /// The cards read, or one sentence when there are none.
    static func finish(_ contacts: [ParsedContact], skipped: [String], source: String, format: String) throws(ContactInputError) -> [ParsedContact] {
        guard !contacts.isEmpty else {
            throw ContactInputError("\(source) is a \(format) but holds no name, company, phone or e-mail; scan or export the card again.")
        }
        var result = contacts
        result[0].warnings = skipped + result[0].warnings
        return result
    }
}
