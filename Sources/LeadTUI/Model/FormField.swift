import LeadCore

/// One input of the capture form and the lead field it writes.
public struct FormField: Sendable, Hashable {
    /// One entry of a pick list: the code sent to the portal and the name people read.
    public struct Choice: Sendable, Hashable, Codable {
        public var id: String
        public var name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    public enum Kind: Sendable, Hashable {
        case text
        /// Several lines (Enter starts a new one); `rows` is how many are shown.
        case multiline(rows: Int)
        /// Left/Right pick one of the entries; typed text goes on to the next field that takes it.
        case choice([Choice])
        /// One of the event profile's questions: a choice key per answer, or typed text.
        case question(EventQuestion)
        /// The event's consent text, answered with y or n.
        case consent(ConsentPolicy)
    }

    /// The VALUE_TYPE of a phone or an e-mail, drawn after the value on its row.
    ///
    /// It is no stop of its own: Ctrl-T cycles it while the value has the focus. A separate stop
    /// that looked like the text field beside it swallowed what a quick typist typed next.
    public struct ValueTypes: Sendable, Hashable {
        /// Where the chosen type is kept in `FormState.choices` (`PHONE_TYPE`, `EMAIL_TYPE`).
        public let key: String
        public let choices: [Choice]
    }

    /// The lead field written (`NAME`, `UF_CRM_…`).
    public let key: String
    public let label: String
    public let kind: Kind
    /// The type that goes with the value (phone and e-mail only).
    public let valueTypes: ValueTypes?

    public init(key: String, label: String, kind: Kind = .text, valueTypes: ValueTypes? = nil) {
        self.key = key
        self.label = label
        self.kind = kind
        self.valueTypes = valueTypes
    }

    /// Whether the field's text is a lead field of its own (not a question's answer).
    public var isText: Bool {
        switch kind {
        case .text, .multiline: return true
        case .choice, .question, .consent: return false
        }
    }

    /// Whether typed characters go into the field's text: lead fields and free-text questions.
    var takesTyping: Bool {
        if case .question(let question) = kind { return question.kind == .text }
        return isText
    }

    public var choices: [Choice] {
        if case .choice(let list) = kind { return list }
        return []
    }
}

extension FormField {
    static let phoneType = "PHONE_TYPE"
    static let emailType = "EMAIL_TYPE"

    /// The form's fields: the standard ones, the source picker and the portal's custom fields.
    ///
    /// The source list comes from the cached portal dictionary; without one, the standard
    /// SOURCE_IDs of a fresh portal. A default source that the list lacks is added to it, so an
    /// event profile is never silently overridden.
    static func standard(schema: PortalSchema?, defaultSource: String) -> [FormField] {
        var sources = (schema?.statuses["SOURCE"] ?? []).map { Choice(id: $0.id, name: $0.name) }
        if sources.isEmpty { sources = standardSources }
        if !sources.contains(where: { $0.id == defaultSource }) {
            sources.insert(Choice(id: defaultSource, name: defaultSource), at: 0)
        }
        var fields: [FormField] = [
            FormField(key: "TITLE", label: "Title"),
            FormField(key: "NAME", label: "Name"),
            FormField(key: "LAST_NAME", label: "Last name"),
            FormField(key: "COMPANY_TITLE", label: "Company"),
            FormField(key: "POST", label: "Position"),
            FormField(
                key: "PHONE", label: "Phone",
                valueTypes: ValueTypes(key: phoneType, choices: MultiFieldKind.phone.allowedTypes.map { Choice(id: $0, name: $0) })),
            FormField(
                key: "EMAIL", label: "E-mail",
                valueTypes: ValueTypes(key: emailType, choices: MultiFieldKind.email.allowedTypes.map { Choice(id: $0, name: $0) })),
            FormField(key: "COMMENTS", label: "Comments", kind: .multiline(rows: 3)),
            FormField(key: "SOURCE_ID", label: "Source", kind: .choice(sources)),
        ]
        for custom in schema?.customFields ?? [] where LeadField.isCustomFieldName(custom.name) {
            fields.append(FormField(key: custom.name, label: custom.label.isEmpty ? custom.name : custom.label))
        }
        return fields
    }

    /// SOURCE_ID values every new Bitrix24 portal has (crm.status.list, ENTITY_ID=SOURCE).
    static let standardSources: [Choice] = [
        Choice(id: "CALL", name: "Call"),
        Choice(id: "EMAIL", name: "E-mail"),
        Choice(id: "WEB", name: "Website"),
        Choice(id: "ADVERTISING", name: "Advertising"),
        Choice(id: "PARTNER", name: "Existing client"),
        Choice(id: "RECOMMENDATION", name: "By recommendation"),
        Choice(id: "TRADE_SHOW", name: "Show/Exhibition"),
        Choice(id: "WEBFORM", name: "CRM form"),
        Choice(id: "CALLBACK", name: "Callback"),
        Choice(id: "RC_GENERATOR", name: "Sales boost"),
        Choice(id: "STORE", name: "Online store"),
        Choice(id: "OTHER", name: "Other"),
    ]
}
