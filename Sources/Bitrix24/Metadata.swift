import LeadCore

extension Bitrix24Client {
    /// The dictionaries `leadbox portal refresh` caches: lead sources, lead stages, salutations.
    public static let statusDictionaries = ["SOURCE", "STATUS", "HONORIFIC"]

    /// `crm.lead.fields` as the portal sent it: field name → descriptor (`type`, `isRequired`,
    /// `title`, `listLabel` for custom fields, `items` for enumerations, …).
    public func leadFields() async throws(CallFailure) -> [String: JSONValue] {
        let envelope = try await call("crm.lead.fields", [:]).get()
        guard let fields = envelope.result.phpMap else {
            throw CallFailure(
                .outcomeUnknown, code: "UNEXPECTED_ANSWER",
                message: "The portal answered crm.lead.fields without a list of fields; try again later.", httpStatus: 200)
        }
        return fields
    }

    /// The entries of one `crm.status.list` dictionary (SOURCE, STATUS, HONORIFIC, …) in the
    /// portal's order. Rows of other dictionaries are dropped, in case the portal ignored the filter.
    public func statuses(_ dictionary: String) async throws(CallFailure) -> [PortalSchema.Status] {
        var entries: [(sort: Int, status: PortalSchema.Status)] = []
        var start: JSONValue? = nil
        // A dictionary rarely passes one page of 50; ten pages bound a misbehaving `next`.
        for _ in 0..<10 {
            var params: [String: JSONValue] = ["order": ["SORT": "ASC"], "filter": ["ENTITY_ID": .string(dictionary)]]
            if let start { params["start"] = start }
            let envelope = try await call("crm.status.list", params).get()
            for row in envelope.result.phpList ?? [] {
                guard let map = row.phpMap, map["ENTITY_ID"]?.phpText ?? dictionary == dictionary,
                    let id = map["STATUS_ID"]?.phpText
                else { continue }
                let name = map["NAME"]?.phpText ?? id
                entries.append((map["SORT"]?.phpInt ?? .max, PortalSchema.Status(id: id, name: name)))
            }
            guard let next = envelope.members["next"], next.phpInt != nil else { break }
            start = next
        }
        return entries.enumerated().sorted { ($0.element.sort, $0.offset) < ($1.element.sort, $1.offset) }.map(\.element.status)
    }

    /// Everything `leadbox portal refresh` stores: field names, custom fields with their labels,
    /// the fields the admin made required, and the SOURCE, STATUS and HONORIFIC dictionaries.
    public func schema() async throws(CallFailure) -> PortalSchema {
        let fields = try await leadFields()
        var custom: [PortalSchema.CustomField] = []
        for name in fields.keys.sorted() where name.hasPrefix("UF_") {
            let descriptor = fields[name]?.phpMap ?? [:]
            // For custom fields `title` holds the code; people know them by the list/form label.
            let label = ["listLabel", "formLabel", "filterLabel", "title"].lazy.compactMap { descriptor[$0]?.phpText }.first ?? name
            custom.append(.init(name: name, label: label, type: descriptor["type"]?.phpText ?? "string"))
        }
        var statuses: [String: [PortalSchema.Status]] = [:]
        for dictionary in Self.statusDictionaries {
            statuses[dictionary] = try await self.statuses(dictionary)
        }
        return PortalSchema(
            fieldNames: Set(fields.keys), customFields: custom, statuses: statuses,
            requiredFields: Self.requiredFields(in: fields))
    }
}
