/// One `{VALUE, VALUE_TYPE}` entry of a multifield (a phone number, an e-mail address, …).
public struct MultiFieldValue: Sendable, Hashable, Codable {
    public var value: String
    public var valueType: String

    public init(value: String, valueType: String) {
        self.value = value
        self.valueType = valueType
    }

    enum CodingKeys: String, CodingKey {
        case value = "VALUE"
        case valueType = "VALUE_TYPE"
    }
}

/// A sales lead as the portal's `crm.lead.add` receives it: every standard field, the multifields,
/// any number of `UF_CRM_*` custom fields, and the REGISTER_SONET_EVENT option.
///
/// ORIGINATOR_ID and ORIGIN_ID are deliberately absent: sync sets them, users never do.
public struct Lead: Sendable, Equatable {
    /// Text-valued fields (standard and `UF_CRM_*`), keyed by the portal's field name.
    public var values: [String: String]
    /// PHONE, EMAIL, WEB, IM and LINK entries, in the order they were typed.
    public var multifields: [MultiFieldKind: [MultiFieldValue]]
    /// CONTACT_IDS: contacts this lead is linked to.
    public var contactIDs: [String]
    /// The REGISTER_SONET_EVENT option; nil leaves the portal's default.
    public var registerSonetEvent: Bool?

    public init(
        values: [String: String] = [:],
        multifields: [MultiFieldKind: [MultiFieldValue]] = [:],
        contactIDs: [String] = [],
        registerSonetEvent: Bool? = nil
    ) {
        self.values = values
        self.multifields = multifields
        self.contactIDs = contactIDs
        self.registerSonetEvent = registerSonetEvent
    }

    public subscript(field: String) -> String? {
        get { values[field] }
        set { values[field] = newValue?.isEmpty == true ? nil : newValue }
    }

    public func entries(_ kind: MultiFieldKind) -> [MultiFieldValue] {
        multifields[kind] ?? []
    }

    public mutating func append(_ kind: MultiFieldKind, _ entry: MultiFieldValue) {
        multifields[kind, default: []].append(entry)
    }

    public var isEmpty: Bool {
        values.isEmpty && multifields.values.allSatisfy(\.isEmpty) && contactIDs.isEmpty
    }

    /// The full display name ("Глеб Титов"), or nil when no name part is known.
    public var personName: String? {
        let parts = ["NAME", "SECOND_NAME", "LAST_NAME"].compactMap { values[$0] }.filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The title lists and screens show: TITLE, or the one `suggestedTitle` builds.
    public var displayTitle: String { values["TITLE"] ?? suggestedTitle }

    /// A readable title built from what is known: "Глеб Титов — ИП Титов", the company, the name,
    /// the first e-mail or phone, else the first messenger ("dmitry.orlov (Skype)"), web page or
    /// address. Used when the user leaves TITLE empty.
    public var suggestedTitle: String {
        let company = values["COMPANY_TITLE"].flatMap { $0.isEmpty ? nil : $0 }
        switch (personName, company) {
        case (let name?, let company?): return "\(name) — \(company)"
        case (let name?, nil): return name
        case (nil, let company?): return company
        case (nil, nil):
            return entries(.email).first?.value ?? entries(.phone).first?.value ?? otherContactTitle ?? "Lead"
        }
    }

    private var otherContactTitle: String? {
        if let im = entries(.im).first {
            return im.valueType == "OTHER"
                ? im.value : "\(im.value) (\(["ICQ", "MSN", "VK"].contains(im.valueType) ? im.valueType : im.valueType.capitalized))"
        }
        if let web = entries(.web).first { return web.value }
        let place = [values["ADDRESS_POSTAL_CODE"], values["ADDRESS_CITY"]].compactMap { $0 }.joined(separator: " ")
        let address = [values["ADDRESS"], values["ADDRESS_2"], place, values["ADDRESS_PROVINCE"], values["ADDRESS_COUNTRY"]]
            .compactMap { $0?.trimmingSpaces }.filter { !$0.isEmpty }
        return address.isEmpty ? nil : address.joined(separator: ", ")
    }
}

// MARK: - The portal's JSON form

extension Lead {
    /// The `fields` object of `crm.lead.add`, exactly as it is stored and sent.
    public var fieldsJSON: [String: JSONValue] {
        var json: [String: JSONValue] = values.mapValues { .string($0) }
        for (kind, entries) in multifields where !entries.isEmpty {
            json[kind.rawValue] = .array(entries.map { ["VALUE": .string($0.value), "VALUE_TYPE": .string($0.valueType)] })
        }
        if !contactIDs.isEmpty {
            json["CONTACT_IDS"] = .array(contactIDs.map { .string($0) })
        }
        return json
    }

    /// The `params` object of `crm.lead.add` (REGISTER_SONET_EVENT), empty when unset.
    public var optionsJSON: [String: JSONValue] {
        guard let register = registerSonetEvent else { return [:] }
        return [LeadField.registerSonetEvent: .string(register ? "Y" : "N")]
    }

    /// Rebuilds a lead from its stored `fields` and `params` objects.
    public init(fieldsJSON: [String: JSONValue], optionsJSON: [String: JSONValue] = [:]) {
        self.init()
        for (key, value) in fieldsJSON {
            if let kind = MultiFieldKind(rawValue: key) {
                multifields[kind] = (value.arrayValue ?? []).compactMap { entry in
                    guard let v = entry["VALUE"]?.stringValue else { return nil }
                    return MultiFieldValue(value: v, valueType: entry["VALUE_TYPE"]?.stringValue ?? kind.defaultType)
                }
            } else if key == "CONTACT_IDS" {
                contactIDs = (value.arrayValue ?? []).compactMap(\.stringValue)
            } else if let s = value.stringValue {
                values[key] = s
            }
        }
        if let register = optionsJSON[LeadField.registerSonetEvent]?.stringValue {
            registerSonetEvent = register == "Y"
        }
    }
}
