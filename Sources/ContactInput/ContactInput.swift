import LeadCore

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

/// The most of a scan that is kept: half a field, so the raw text always fits the scan field
/// with its label (a badge code is a few hundred bytes; more is a scanner typing garbage).
public let maximumScanBytes = maximumFieldBytes / 2

extension String {
    /// The longest prefix of whole characters that fits in `limit` UTF-8 bytes.
    func prefix(utf8Bytes limit: Int) -> String {
        guard utf8.count > limit else { return self }
        var used = 0
        var characters = 0
        for character in self {
            used += character.utf8.count
            if used > limit { break }
            characters += 1
        }
        return String(prefix(characters))
    }
}

/// The one front door for contact text: `add --vcard`, `import` and the UI's scan all come here.
public enum ContactInput {
    /// What format decoded text is (by its first meaningful line).
    public static func format(of text: String) -> ContactFormat {
        var seen = 0
        var delimited = false
        for line in leadingLines(of: text, limit: 200) {
            let trimmed = line.prefix(4096).trimmingSpaces  // a first line of a megabyte is judged by its start
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

    /// The first `limit` lines of `text`, found by bytes (line breaks are ASCII) so that a
    /// megabyte on one line is not walked character by character.
    static func leadingLines(of text: String, limit: Int) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex, lines.count < limit {
            let window = utf8[start...].prefix(4096)
            guard let end = window.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else {
                lines.append(text[start..<window.endIndex])  // a line this long is judged by its start,
                break  // and ends the look
            }
            lines.append(text[start..<end])
            start = utf8.index(after: end)
        }
        return lines
    }

    /// Whether `text` starts like a card a scanner types (the UI's keyboard-wedge detection).
    public static func looksLikeCard(_ text: String) -> Bool {
        let head = text.prefix(64).trimmingSpaces.prefix(12).uppercased()
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
            throw text.unicodeScalars.allSatisfy(\.properties.isWhitespace)
                ? ContactInputError("\(source) is empty; export the contacts again and give that file.")
                : ContactInputError("\(source) holds no vCard, MECARD, BIZCARD or CSV contacts; it should start with BEGIN:VCARD or a header row.")
        }
    }

    /// Every card in a file's bytes: decoded by `TextDecoding` (or `encoding`), with vCard
    /// `CHARSET=` parameters honoured per property for 8-bit values.
    ///
    /// A vCard in an 8-bit charset is read as bytes (see `VCardLines`): folds that split a UTF-8
    /// character are moved behind it first (2.1 keeps a fold's space in the value), its encoding
    /// is detected on the text with folds joined, and a file whose whole text fits no encoding is
    /// still read card by card, each value in its own CHARSET.
    public static func cards(in bytes: [UInt8], encoding: String? = nil, source: String) throws(ContactInputError) -> [ParsedContact] {
        let wide = Charset.byBOM(bytes).map { $0 != .utf8 } ?? (Charset.byNULPattern(bytes) != nil)
        let unmarked = Charset.byBOM(bytes) == .utf8 ? Array(bytes.dropFirst(3)) : bytes
        if !wide, VCardLines.mentionsBegin(unmarked) {
            let mayBeUTF8 = encoding.map { Charset(name: $0) == .utf8 } ?? true
            let body = mayBeUTF8 ? VCardLines.mendingSplitCharacters(unmarked) ?? unmarked : unmarked
            let joined = VCardLines.joiningFolds(body)
            let fallback: Charset
            if let encoding {
                fallback = try Charset(name: TextDecoding.decode(joined, encoding: encoding, source: source).encoding) ?? .utf8
            } else {
                fallback = (try? TextDecoding.decode(joined, source: source)).flatMap { Charset(name: $0.encoding) } ?? .utf8
            }
            return try VCard.cards(inBytes: body, fallback: fallback, source: source)
        }
        let decoded = try TextDecoding.decode(bytes, encoding: encoding, source: source)
        return try cards(in: decoded.text, source: source)
    }

    /// One scanner payload; NEVER throws: unrecognised text → a lead with the raw text in the event profile's scan field.
    public static func scan(_ text: String, scanField: String = "COMMENTS") -> ParsedContact {
        let raw = text.prefix(utf8Bytes: maximumScanBytes + 4096).trimmingSpaces.prefix(utf8Bytes: maximumScanBytes)
        if format(of: raw) != .csv, let card = try? cards(in: raw, source: "The scan").first {
            var contact = card
            contact.raw = raw
            return contact
        }
        return Badge.opaque(raw, scanField: scanField)
    }
}

extension ContactInputError: UserFacingError {
    public var exitStatus: ExitStatus { .usage }
}

extension CSVError: UserFacingError {
    public var exitStatus: ExitStatus { .usage }
}
