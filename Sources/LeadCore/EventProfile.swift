/// What the booth's event adds to every lead: field defaults (out of the box a lead is marked as
/// coming from a trade show; the config file's `[event]` section can set SOURCE_DESCRIPTION,
/// ASSIGNED_BY_ID, the UTM_* fields, OPENED, STATUS_ID and CURRENCY_ID too), the qualification
/// questions staff ask, and the consent text visitors agree to.
public struct EventProfile: Sendable, Equatable {
    public static let settableFields: [String] = [
        "SOURCE_ID", "SOURCE_DESCRIPTION", "ASSIGNED_BY_ID", "OPENED", "STATUS_ID", "CURRENCY_ID",
        "UTM_SOURCE", "UTM_MEDIUM", "UTM_CAMPAIGN", "UTM_CONTENT", "UTM_TERM",
    ]

    /// Profile settings that are not field defaults, as `config set event.NAME` takes them.
    public static let settableOptions = ["scan_field", "photo_field", "consent_text", "consent_version", "consent_required", "consent_field"]

    public static let standard = EventProfile(defaults: ["SOURCE_ID": "TRADE_SHOW"])

    public var defaults: [String: String]
    public var questions: [EventQuestion] = []
    public var consent: ConsentPolicy?
    /// The field an unreadable badge scan is saved in (`event.scan_field`): COMMENTS unless the
    /// event has a custom field for badge IDs, such as UF_CRM_BADGE.
    public var scanField = "COMMENTS"
    public static let scanFieldSetting = "SCAN_FIELD"
    /// The lead's file field a captured photo is written into (`event.photo_field`, such as
    /// UF_CRM_CARD_PHOTO); nil sends the photo as a timeline comment with the file attached.
    /// Read by the engine each time it sends a photo, so photos that wait while it is changed go
    /// where the booth now wants them (see `deliverDueNotes`).
    public var photoField: String?
    /// Keys of `[event]` this version does not know, kept so a rewrite of the file loses nothing.
    public var extra: [String: JSONValue] = [:]

    public init(defaults: [String: String], questions: [EventQuestion] = [], consent: ConsentPolicy? = nil) {
        self.defaults = defaults
        self.questions = questions
        self.consent = consent
    }

    /// Sets one default or option, checking the name and the value as a lead field would be checked.
    public mutating func set(_ rawName: String, to value: String) throws(LeadInputError) {
        switch rawName.lowercased() {
        case "consent_text", "consent_version":
            var policy = consent ?? ConsentPolicy(text: "", version: "")
            if rawName.lowercased() == "consent_text" { policy.text = value } else { policy.version = value.trimmingSpaces }
            consent = policy.text.isEmpty && policy.version.isEmpty && !policy.required ? nil : policy
            return
        case "consent_required":
            guard let required = ConsentRecord.answer(value) else { throw LeadInputError("event.consent_required must be true or false.") }
            var policy = consent ?? ConsentPolicy(text: "", version: "")
            policy.required = required
            consent = policy
            return
        case "photo_field":
            let field = value.trimmingSpaces.uppercased()
            // Only a custom field can be of type File; a standard field would drop the photo.
            guard field.isEmpty || LeadField.isCustomFieldName(field) else {
                throw LeadInputError(
                    "photo_field must name a custom file field such as UF_CRM_CARD_PHOTO, or be empty to send photos as timeline comments; \"\(value.escapedForTerminal)\" is not one."
                )
            }
            photoField = field.isEmpty ? nil : field
            return
        case "consent_field":
            let field = value.trimmingSpaces.uppercased()
            try EventProfile.checkedTarget(field, what: "event.consent_field")
            var policy = consent ?? ConsentPolicy(text: "", version: "")
            policy.field = field
            consent = policy
            return
        default: break
        }
        let name = rawName.uppercased()
        if name == EventProfile.scanFieldSetting {
            let field = value.trimmingSpaces.uppercased()
            guard field == "COMMENTS" || LeadField.isCustomFieldName(field) || LeadField.named(field)?.kind == .text else {
                throw LeadInputError(
                    "scan_field must name a text field such as COMMENTS or a custom UF_CRM_ field; \"\(value.escapedForTerminal)\" is not one.")
            }
            scanField = field
            return
        }
        guard EventProfile.settableFields.contains(name) else {
            throw LeadInputError(
                "The event profile cannot set \"\(rawName.escapedForTerminal)\"; it takes \((EventProfile.settableFields + EventProfile.settableOptions).joined(separator: ", ")); questions are written as [[event.question]] in the config file."
            )
        }
        var probe = Lead()
        try probe.set(field: name, to: value)
        if let stored = probe.values[name], let field = LeadField.named(name),
            let problem = Lead.problem(with: stored, for: field)
        {
            throw LeadInputError(problem.message)
        }
        defaults[name] = probe.values[name]
    }

    private static func checkedTarget(_ field: String, what: String) throws(LeadInputError) {
        do { try EventQuestion.checkTarget(field, question: what) } catch { throw LeadInputError(error.description) }
    }

    /// A consent policy must say which wording was agreed to; a required consent needs a text.
    func checked() throws(ConfigError) -> EventProfile {
        if let consent, consent.text.isBlank || consent.version.isEmpty {
            throw ConfigError(
                "The event's consent needs both consent_text and consent_version (such as \"2026-03\"), so a stored answer says which wording was agreed to."
            )
        }
        var keys = Set<String>()
        for question in questions where !keys.insert(question.key).inserted {
            throw ConfigError("Two event questions have the key \"\(question.key)\"; give each a key of its own.")
        }
        return self
    }

    /// Problems this profile would cause with the portal's cached schema: a question or the
    /// consent writing to a field the portal does not have (it would drop the answer). A wrong
    /// `photo_field` is not among them: it costs the photo, never the lead, so it must not stop a
    /// capture; `portal check` warns about it and the photo fails with a sentence when sent.
    public func problems(against schema: PortalSchema) -> [String] {
        let targets = questions.map { ("Question \"\($0.key)\"", $0.field) } + (consent.map { [("The consent", $0.field)] } ?? [])
        return targets.compactMap { what, field in
            schema.fieldNames.contains(field)
                ? nil
                : "\(what) writes to \(field), which this portal has no field for; fix the event profile in the config file, or run `leadbox portal refresh` if the field was added recently."
        }
    }

    /// Why `field` cannot take the card photo, given its type on the portal (nil: no such field);
    /// nil when it is a file field. One sentence, for `portal check`.
    public static func photoFieldProblem(_ field: String, type: String?) -> String? {
        guard let type else {
            return
                "event.photo_field names \(field), which this portal has no field for, so photos would fail; create a lead field of type File with that code, or run `leadbox config set event.photo_field \"\"` to send photos as timeline comments."
        }
        guard type != "file" else { return nil }
        return
            "event.photo_field names \(field), a field of type \(type) that cannot hold a photo; name a field of type File, or run `leadbox config set event.photo_field \"\"` to send photos as timeline comments."
    }
}

// MARK: - The `[event]` tree

extension EventProfile {
    init(tree: [String: JSONValue]) throws(ConfigError) {
        self = .standard
        for (name, value) in tree.sorted(by: { $0.key < $1.key }) {
            switch name.lowercased() {
            case "question", "questions":
                guard let entries = value.arrayValue, entries.allSatisfy({ $0.objectValue != nil }) else {
                    throw ConfigError("event.\(name) must be a list of questions ([[event.question]] tables in TOML).")
                }
                questions = try entries.enumerated().map { index, entry throws(ConfigError) in
                    try EventQuestion(tree: entry.objectValue!, position: index + 1)
                }
            case _
            where EventProfile.settableOptions.contains(name.lowercased()) || EventProfile.settableFields.contains(name.uppercased())
                || LeadField.named(name.uppercased()) != nil:
                guard let text = value.settingText(yesNo: EventProfile.settableFields.contains(name.uppercased())) else {
                    throw ConfigError("event.\(name) must be a single value, not a list or table.")
                }
                do { try set(name, to: text) } catch { throw ConfigError(error.description) }
            default:
                extra[name] = value
            }
        }
        self = try checked()
    }

    var tree: [String: JSONValue] {
        var object = extra
        for (name, value) in defaults { object[name] = .string(value) }
        if scanField != "COMMENTS" { object["scan_field"] = .string(scanField) }
        if let photoField { object["photo_field"] = .string(photoField) }
        if let consent {
            object["consent_text"] = .string(consent.text)
            object["consent_version"] = .string(consent.version)
            if consent.required { object["consent_required"] = .bool(true) }
            if consent.field != "COMMENTS" { object["consent_field"] = .string(consent.field) }
        }
        if !questions.isEmpty { object["question"] = .array(questions.map(\.tree)) }
        return object
    }
}

extension JSONValue {
    /// A scalar as `Settings.set` takes it typed: booleans as Y/N for lead fields (OPENED) and
    /// as true/false for options, whole numbers without a fraction.
    func settingText(yesNo: Bool = false) -> String? {
        switch self {
        case .string(let s): s
        case .bool(let b): yesNo ? (b ? "Y" : "N") : (b ? "true" : "false")
        case .number(let n): n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        default: nil
        }
    }
}
