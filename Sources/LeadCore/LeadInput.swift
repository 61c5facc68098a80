/// A field name or value typed by a person could not be taken as it is.
public struct LeadInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Lead {
    /// Sets `field` from text a person typed (`--field KEY=VALUE`, a CSV cell, a form field).
    ///
    /// Field names are matched without regard to case; multifields take `VALUE` or `VALUE:TYPE`
    /// and append; CONTACT_IDS takes a comma-separated list; REGISTER_SONET_EVENT takes Y or N.
    /// Values are kept exactly as typed except that codes (currency, Y/N, TYPE) are upper-cased.
    public mutating func set(field rawName: String, to value: String) throws(LeadInputError) {
        let name = rawName.trimmingSpaces.uppercased()
        if name == LeadField.registerSonetEvent {
            switch value.trimmingSpaces.uppercased() {
            case "Y", "YES", "TRUE", "1": registerSonetEvent = true
            case "N", "NO", "FALSE", "0": registerSonetEvent = false
            case "": registerSonetEvent = nil
            default: throw LeadInputError("REGISTER_SONET_EVENT must be Y or N, not \"\(value.escapedForTerminal)\".")
            }
            return
        }
        guard let field = LeadField.named(name) else {
            throw LeadInputError(LeadField.unknownFieldMessage(rawName.trimmingSpaces))
        }
        switch field.kind {
        case .multi(let kind):
            guard !value.isBlank else { return }
            append(kind, MultiFieldValue.parse(value, for: kind))
        case .idList:
            contactIDs = value.split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        case .yesNo, .currency:
            self[name] = value.trimmingSpaces.uppercased()
        case .id, .money, .date, .status:
            self[name] = value.trimmingSpaces
        case .text:
            self[name] = value
        }
    }

    /// Fills empty fields from an event profile; fields the person typed always win.
    public mutating func applyDefaults(_ defaults: [String: String]) {
        for (name, value) in defaults where (values[name] ?? "").isEmpty && !value.isEmpty {
            values[name] = value
        }
    }

    /// Gives the lead a readable TITLE when none was typed (`suggestedTitle`). A lead with no
    /// contact data at all keeps no title, so validation can say what is missing.
    public mutating func fillTitleIfEmpty() {
        guard (values["TITLE"] ?? "").isBlank, hasContactData else { return }
        values["TITLE"] = suggestedTitle
    }

    /// Whether the lead names someone or some way to reach them: a title, a name part, a company,
    /// a phone, an e-mail, a web page, a messenger or an address — anything the portal takes as a
    /// lead. The one rule every contact format and import applies: a card or row without any
    /// (LinkedIn's row of a connection date only) is no contact and is skipped, not refused.
    public var hasContactData: Bool {
        (["TITLE", "NAME", "SECOND_NAME", "LAST_NAME", "COMPANY_TITLE"] + Lead.addressFields).contains { !(values[$0] ?? "").isBlank }
            || [.phone, .email, .web, .im].contains { !entries($0).isEmpty }
    }

    /// Whether a person or company is named or directly reachable (name, company, phone,
    /// e-mail): a lead known only by a messenger, web page or address is titled by it, with a word.
    public var namesSomeone: Bool {
        ["TITLE", "NAME", "SECOND_NAME", "LAST_NAME", "COMPANY_TITLE"].contains { !(values[$0] ?? "").isBlank }
            || !entries(.phone).isEmpty || !entries(.email).isEmpty
    }

    static let addressFields = ["ADDRESS", "ADDRESS_2", "ADDRESS_CITY", "ADDRESS_POSTAL_CODE", "ADDRESS_PROVINCE", "ADDRESS_COUNTRY"]
}

extension MultiFieldValue {
    /// Reads `VALUE` or `VALUE:TYPE`; the suffix counts as a type only when it is one of the
    /// kind's VALUE_TYPEs, so "sip:123" or an IM handle with a colon is kept whole.
    public static func parse(_ text: String, for kind: MultiFieldKind) -> MultiFieldValue {
        if let colon = text.lastIndex(of: ":") {
            let suffix = text[text.index(after: colon)...].trimmingSpaces.uppercased()
            let value = text[..<colon].trimmingSpaces
            if !value.isEmpty,
                kind.allowedTypes.contains(suffix)
                    || (suffix.count >= 2 && suffix.allSatisfy { $0.isLetter && $0.isASCII } && looksLikeTypeSuffix(text, colon: colon))
            {
                return MultiFieldValue(value: value, valueType: suffix)
            }
        }
        return MultiFieldValue(value: text.trimmingSpaces, valueType: kind.defaultType)
    }

    /// `+7 999:CELLULAR` is a mistyped type, not part of the number: a colon right after the
    /// value with a short all-letter word is read as a type so validation can name the bad type.
    private static func looksLikeTypeSuffix(_ text: String, colon: String.Index) -> Bool {
        let suffix = text[text.index(after: colon)...]
        return suffix.count <= 12 && !suffix.contains(" ") && !suffix.contains("@") && !text[..<colon].hasSuffix(" ")
            && text[..<colon].contains(where: { $0.isNumber || $0 == "@" })
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces, tabs and newlines.
    public var trimmingSpaces: String {
        let scalars = Array(unicodeScalars)
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }
}

extension String {
    /// CRLF and lone CR become LF.
    public func replacingLineEndings() -> String {
        replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }
}
