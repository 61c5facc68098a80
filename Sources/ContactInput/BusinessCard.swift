import LeadCore

/// One line of OCR output with the recogniser's mean word confidence, 0...1.
public struct RecognisedLine: Sendable, Equatable {
    public var text: String
    public var confidence: Double

    public init(text: String, confidence: Double) {
        self.text = text
        self.confidence = confidence
    }
}

/// One lead field read from a business card.
///
/// `confidence` is the OCR confidence of the line(s) it came from times how sure the rule that
/// placed it is (`CardRule.certainty`): an e-mail with an `@` read at 0.9 is 0.9 × 1.0, one whose
/// `(at)` and spaced dots had to be mended is 0.9 × 0.85, a name chosen only for looking like a
/// name is 0.9 × 0.6. Several lines (an address) take the lowest of their confidences, since the
/// value is only as good as its worst line. Fields under `unsureBelow` are marked for a look.
public struct CardField: Sendable, Equatable {
    /// A `crm.lead.add` field: NAME, LAST_NAME, SECOND_NAME, POST, COMPANY_TITLE, PHONE, EMAIL, WEB, ADDRESS.
    public var name: String
    public var value: String
    /// PHONE: WORK/MOBILE/FAX/HOME…; EMAIL/WEB: WORK… (Bitrix VALUE_TYPE); nil for text fields.
    public var valueType: String?
    /// 0...1: OCR confidence combined with how sure the rule is.
    public var confidence: Double

    public var isUnsure: Bool { confidence < CardField.unsureBelow }

    /// Below this a field is shown as unsure: a person should look at it before saving.
    public static let unsureBelow: Double = 0.6

    public init(name: String, value: String, valueType: String? = nil, confidence: Double) {
        self.name = name
        self.value = value
        self.valueType = valueType
        self.confidence = confidence
    }
}

/// What a business card's recognised text says.
public struct BusinessCardReading: Sendable, Equatable {
    /// The recognised text, lines joined with "\n".
    public var text: String
    /// In card order; several PHONE/EMAIL/WEB allowed.
    public var fields: [CardField]
    /// What `add --photo` would save: multifields with VALUE_TYPE, the address split into
    /// ADDRESS, ADDRESS_CITY, ADDRESS_POSTAL_CODE, ADDRESS_COUNTRY where sure, unplaced text in COMMENTS.
    public var lead: Lead
    /// Plain sentences: lines not placed anywhere (kept in COMMENTS), noise left out.
    public var warnings: [String]

    public init(text: String, fields: [CardField], lead: Lead, warnings: [String]) {
        self.text = text
        self.fields = fields
        self.lead = lead
        self.warnings = warnings
    }

    /// The fields called `name` (e.g. all PHONEs), in card order.
    public func fields(named name: String) -> [CardField] {
        fields.filter { $0.name == name }
    }
}
