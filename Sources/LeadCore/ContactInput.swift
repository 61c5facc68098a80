/// What kind of contact text something is.
public enum ContactFormat: String, Sendable {
    case vcard, mecard, bizcard, au, csv, unrecognized
}

/// One contact read from a file or a scan, with what was odd about it.
public struct ParsedContact: Sendable {
    public var lead: Lead
    /// Things kept as typed but worth a look ("the phone +1-800-MYFAX has letters"), one sentence each.
    public var warnings: [String]
    /// The text as the scanner typed it (scans only), kept with the lead for reconciling later.
    public var raw: String?
    public var format: ContactFormat

    public init(lead: Lead, warnings: [String] = [], raw: String? = nil, format: ContactFormat) {
        self.lead = lead
        self.warnings = warnings
        self.raw = raw
        self.format = format
    }
}

/// The one front door for contact text: `add --vcard`, `import` and the UI's scan all come here.
public enum ContactInput {
    /// What format decoded text is (by its first meaningful line).
    public static func format(of text: String) -> ContactFormat {
        var seen = 0
        var delimited = false
        for line in text.split(whereSeparator: \.isNewline).prefix(200) {
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let upper = trimmed.prefix(12).uppercased()
            if upper.hasPrefix("BEGIN:VCARD") { return .vcard }
            if seen == 0 {
                if upper.hasPrefix("MECARD:") { return .mecard }
                if upper.hasPrefix("BIZCARD:") { return .bizcard }
                if AUCard.startsLikeAU(upper) { return .au }
            }
            if seen < 10, trimmed.contains(where: { $0 == "," || $0 == ";" || $0 == "\t" }) { delimited = true }
            seen += 1
        }
        return delimited ? .csv : .unrecognized
    }

    /// Whether `text` starts like a card a scanner types (the UI's keyboard-wedge detection).
    public static func looksLikeCard(_ text: String) -> Bool {
        let head = text.trimmingSpaces.prefix(12).uppercased()
        return head.hasPrefix("BEGIN:VCARD") || head.hasPrefix("MECARD:") || head.hasPrefix("BIZCARD:") || AUCard.startsLikeAU(head)
    }

    /// Every card in a vCard/MECARD/BIZCARD/AU file's text (CSV is input-csv's), with warnings.
    public static func cards(in text: String, source: String) throws(ContactInputError) -> [ParsedContact] {
        switch format(of: text) {
        case .vcard: return try VCard.cards(in: text, source: source)
        case .mecard: return try MECARD.cards(in: text, source: source)
        case .bizcard: return try BIZCARD.cards(in: text, source: source)
        case .au: return try AUCard.cards(in: text, source: source)
        case .csv:
            throw ContactInputError("\(source) is a table (CSV), not a vCard; import it with `leadbox import`.")
        case .unrecognized:
            throw text.trimmingSpaces.isEmpty
                ? ContactInputError("\(source) is empty; export the contacts again and give that file.")
                : ContactInputError("\(source) holds no vCard, MECARD, BIZCARD or CSV contacts; it should start with BEGIN:VCARD or a header row.")
        }
    }

    /// Every card in a file's bytes: decoded by `TextDecoding` (or `encoding`), with vCard
    /// `CHARSET=` parameters honoured per property for 8-bit values.
    public static func cards(in bytes: [UInt8], encoding: String? = nil, source: String) throws(ContactInputError) -> [ParsedContact] {
        let decoded = try TextDecoding.decode(bytes, encoding: encoding, source: source)
        if format(of: decoded.text) == .vcard, decoded.encoding != "UTF-8" || encoding != nil,
           Charset.byBOM(bytes) == nil, Charset.byNULPattern(bytes) == nil {
            return try VCard.cards(inBytes: bytes, fallback: Charset(name: decoded.encoding) ?? .utf8, source: source)
        }
        return try cards(in: decoded.text, source: source)
    }

    /// One scanner payload; NEVER throws: unrecognised text → a lead with the raw text in the event profile's scan field.
    public static func scan(_ text: String, scanField: String = "COMMENTS") -> ParsedContact {
        let raw = String(text.trimmingSpaces.prefix(maximumFieldBytes / 4))
        if format(of: raw) != .csv, let card = try? cards(in: raw, source: "The scan").first {
            var contact = card
            contact.raw = raw
            return contact
        }
        return Badge.opaque(raw, scanField: scanField)
    }
}
