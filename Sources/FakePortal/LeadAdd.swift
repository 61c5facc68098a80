import Foundation

extension PortalState {
    /// `crm.lead.add`: keeps only writable catalog fields (unknown keys and unknown `UF_CRM_*`
    /// vanish without an error, like `internalizeFields`), normalises multifields, rejects bad
    /// e-mail addresses with HTTP 400, fills the system fields and returns the new ID.
    func addLead(_ params: PortalJSON) throws(RestError) -> Int {
        guard let input = params["fields"]?.members, !input.isEmpty else {
            throw RestError.crm("Parameter 'fields' must be array.")
        }
        var accepted: [String: PortalJSON] = [:]
        for member in input {
            guard let field = LeadCatalog.fieldsByName[member.key], !field.readOnly else { continue }
            if field.isMultifield {
                let entries = try multifieldEntries(field.name, member.value)
                if !entries.isEmpty { accepted[field.name] = .array(entries) }
            } else if let value = Self.internalize(member.value, as: field) {
                accepted[field.name] = value
            }
        }
        try checkRequiredFields(accepted)
        let id = book.takeID()
        // Simple CRM mode: the portal converts every new lead at once (a deal, a contact).
        let converted = settings.crmMode == .simple
        if converted { counters.deals += 1 }
        let user = PortalJSON.string(String(settings.webhookUser))
        let now = PortalJSON.string(PortalClock.isoString(Date()))
        let hasCompanyOrContact = accepted["COMPANY_ID"] != nil || accepted["CONTACT_ID"] != nil
        let system: [String: PortalJSON] = [
            "ID": .string(String(id)),
            "TITLE": accepted["TITLE"].flatMap { $0 == "" ? nil : $0 } ?? .string("Лид #\(id)"),
            "STATUS_ID": converted ? "CONVERTED" : accepted["STATUS_ID"] ?? "NEW",
            "STATUS_SEMANTIC_ID": converted ? "S" : "P",
            "OPENED": accepted["OPENED"] ?? "Y",
            "CURRENCY_ID": accepted["CURRENCY_ID"] ?? "RUB",
            "OPPORTUNITY": accepted["OPPORTUNITY"] ?? "0.00",
            "IS_MANUAL_OPPORTUNITY": accepted["IS_MANUAL_OPPORTUNITY"] ?? "N",
            "HAS_PHONE": accepted["PHONE"] == nil ? "N" : "Y",
            "HAS_EMAIL": accepted["EMAIL"] == nil ? "N" : "Y",
            "HAS_IMOL": "N",
            "IS_RETURN_CUSTOMER": hasCompanyOrContact ? "Y" : "N",
            "ASSIGNED_BY_ID": accepted["ASSIGNED_BY_ID"] ?? user,
            "CREATED_BY_ID": user, "MODIFY_BY_ID": user, "MOVED_BY_ID": user,
            "DATE_CREATE": now, "DATE_MODIFY": now, "MOVED_TIME": now,
        ]
        let fields = LeadCatalog.fields.compactMap { field -> PortalJSON.Member? in
            if let value = system[field.name] ?? accepted[field.name] { return .init(field.name, value) }
            return field.isMultifield ? nil : .init(field.name, .null)
        }
        book.insert(FakeLead(id: id, fields: fields))
        return id
    }

    /// Multifield values in read form `{ID, VALUE_TYPE, VALUE, TYPE_ID}`; entries with an empty
    /// VALUE are skipped and a missing or unknown VALUE_TYPE becomes the type's default.
    func multifieldEntries(_ name: String, _ value: PortalJSON) throws(RestError) -> [PortalJSON] {
        let allowed = LeadCatalog.multifieldTypes[name] ?? []
        var entries: [PortalJSON] = []
        for entry in value.elements ?? [] {
            guard let text = entry["VALUE"]?.scalarString?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
                continue
            }
            if name == "EMAIL", !Self.isValidEmail(text) {
                throw RestError.crm("The field \"E-mail\" contains an invalid address: \(text)")
            }
            let requested = entry["VALUE_TYPE"]?.scalarString?.uppercased() ?? ""
            let valueType = allowed.contains(requested) ? requested : allowed.first ?? "OTHER"
            entries.append([
                "ID": .string(String(book.takeMultifieldID())), "VALUE_TYPE": .string(valueType),
                "VALUE": .string(text), "TYPE_ID": .string(name),
            ])
        }
        return entries
    }

    /// Scalars become strings as PHP would store them; arrays for scalar fields and invalid
    /// dates are dropped.
    static func internalize(_ value: PortalJSON, as field: LeadCatalog.Field) -> PortalJSON? {
        if field.multiple { return value.elements.map { .array($0.compactMap(\.scalarString).map(PortalJSON.string)) } }
        if value == .null { return .null }
        guard let text = value.scalarString else { return nil }
        switch field.kind {
        case .double:
            guard let number = Double(text.replacingOccurrences(of: ",", with: ".")) else { return nil }
            return .string(String(format: "%.2f", number))
        case .date:
            return normalizedDate(text).map(PortalJSON.string)
        case .integer, .user, .crmCompany, .crmContact:
            return .string(String(Int(text) ?? 0))
        default:
            return .string(text)
        }
    }

    private static func normalizedDate(_ text: String) -> String? {
        let digits = text.prefix(10).split(whereSeparator: { $0 == "-" || $0 == "." }).map(String.init)
        guard digits.count == 3, let first = Int(digits[0]), let second = Int(digits[1]), let third = Int(digits[2])
        else { return nil }
        let (year, month, day) = digits[0].count == 4 ? (first, second, third) : (third, second, first)
        guard (1...12).contains(month), (1...31).contains(day), year > 1000 else { return nil }
        return String(format: "%04d-%02d-%02dT00:00:00+03:00", year, month, day)
    }

    static func isValidEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }
}
