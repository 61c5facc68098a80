extension PortalState {
    /// `crm.lead.get`: every stored field of one lead, then its custom fields added by
    /// `crm.lead.userfield.add` (a file field as `{id, showUrl, downloadUrl}`).
    func getLead(_ params: PortalJSON) throws(RestError) -> PortalJSON {
        guard let id = (params["id"] ?? params["ID"])?.intValue, id > 0 else {
            throw RestError.crm("ID is not defined or invalid.")
        }
        guard let lead = book.lead(id: id) else { throw RestError.crm("Not found") }
        return .object(lead.fields + userFields.members(leadID: id))
    }

    /// `crm.lead.list`: `filter` (`=F`, `F`, `@F` IN, `!F`, `%F` substring; keys that are not lead
    /// fields are silently dropped, so a typo returns every lead), `select`, `order` and `start`
    /// paging by 50 (`start=-1` skips `total` and `next`).
    func listLeads(_ params: PortalJSON) -> MethodOutcome {
        let conditions = (params["filter"]?.members ?? []).compactMap(FilterCondition.init)
        var matches = book.leads.filter { lead in conditions.allSatisfy { $0.matches(lead) } }
        if let order = params["order"]?.members?.first, LeadCatalog.fieldsByName[order.key.uppercased()] != nil {
            let key = order.key.uppercased()
            let descending = order.value.scalarString?.uppercased() == "DESC"
            matches.sort { lhs, rhs in
                let ordered = Self.orderedAscending(lhs.string(key) ?? "", rhs.string(key) ?? "")
                return descending ? Self.orderedAscending(rhs.string(key) ?? "", lhs.string(key) ?? "") : ordered
            }
        }
        let select = Self.selectedFields(params["select"]?.elements?.compactMap(\.scalarString) ?? [])
        let start = params["start"]?.intValue ?? 0
        let pageSize = 50
        let offset = max(0, start)
        let page = matches.dropFirst(offset).prefix(pageSize).map { lead in
            PortalJSON.object(
                select.compactMap { name in
                    if let value = lead[name] { return .init(name, value) }
                    return LeadCatalog.fieldsByName[name]?.isMultifield == true ? nil : .init(name, .null)
                })
        }
        guard start >= 0 else { return MethodOutcome(result: .array(page)) }
        let next = offset + pageSize < matches.count ? offset + pageSize : nil
        return MethodOutcome(result: .array(page), total: matches.count, next: next)
    }

    /// Field names a `select` asks for: none or `*` means the default (no multifields, no UF);
    /// `UF_*` adds the custom fields; `ID` is always included.
    private static func selectedFields(_ requested: [String]) -> [String] {
        let defaults = LeadCatalog.fields.filter(\.inDefaultSelect).map(\.name)
        guard !requested.isEmpty else { return defaults }
        var names = ["ID"]
        for item in requested.map({ $0.uppercased() }) {
            let expanded: [String] =
                switch item {
                case "*": defaults
                case "UF_*": LeadCatalog.fields.filter { $0.dynamicLabel != nil }.map(\.name)
                default: LeadCatalog.fieldsByName[item] == nil ? [] : [item]
                }
            names += expanded.filter { !names.contains($0) }
        }
        return names
    }

    private static func orderedAscending(_ lhs: String, _ rhs: String) -> Bool {
        if let left = Double(lhs), let right = Double(rhs) { return left < right }
        return lhs < rhs
    }

    /// `crm.status.list`: reference lists, filtered by `ENTITY_ID` (or any other item key).
    func listStatuses(_ params: PortalJSON) -> PortalJSON {
        let filter = params["filter"]?.members ?? []
        let items = LeadCatalog.statuses.enumerated().map { LeadCatalog.statusJSON($0.element, id: $0.offset + 1) }
        return .array(
            items.filter { item in
                filter.allSatisfy { condition in
                    let key = condition.key.trimmingPrefix("=").uppercased()
                    return item[key]?.scalarString == condition.value.scalarString
                }
            })
    }

    /// `crm.duplicate.findbycomm`: lead IDs sharing a phone (compared by digits) or an e-mail
    /// (case-insensitive); `[]` when none, `{"LEAD":[…]}` otherwise.
    func findDuplicates(_ params: PortalJSON) throws(RestError) -> PortalJSON {
        guard let type = params["type"]?.scalarString?.uppercased(), type == "PHONE" || type == "EMAIL" else {
            throw RestError.crm("Communication type is not defined.")
        }
        guard let values = params["values"]?.elements?.compactMap(\.scalarString), !values.isEmpty else {
            throw RestError.crm("Communication values are not defined.")
        }
        guard values.count <= 20 else { throw RestError.crm("Communication values must not exceed 20.") }
        if let entity = params["entity_type"]?.scalarString?.uppercased(), entity != "LEAD" {
            return .array([])
        }
        let normalize: (String) -> String = type == "PHONE" ? { $0.filter(\.isNumber) } : { $0.lowercased() }
        let wanted = Set(values.map(normalize).filter { !$0.isEmpty })
        let ids = book.leads.filter { lead in lead.values(type).contains { wanted.contains(normalize($0)) } }.map(\.id)
        return ids.isEmpty ? .array([]) : ["LEAD": .array(ids.map(PortalJSON.int))]
    }
}

/// One `crm.lead.list` filter entry, or nil when its field is unknown (the portal drops those).
struct FilterCondition {
    enum Operator { case equal, notEqual, within, contains }

    let field: String
    let op: Operator
    let values: [String]

    init?(_ member: PortalJSON.Member) {
        var key = Substring(member.key)
        var op = Operator.equal
        if key.hasPrefix("!@") || key.hasPrefix("!=") || key.hasPrefix("!") {
            op = .notEqual
            key = key.drop { "!@=".contains($0) }
        } else if key.hasPrefix("@") {
            op = .within
            key = key.dropFirst()
        } else if key.hasPrefix("%") {
            op = .contains
            key = key.dropFirst()
        } else if key.hasPrefix("=") {
            key = key.dropFirst()
        }
        let name = key.uppercased()
        guard LeadCatalog.fieldsByName[name] != nil else { return nil }
        field = name
        self.op = op
        values = member.value.elements?.compactMap(\.scalarString) ?? member.value.scalarString.map { [$0] } ?? [""]
    }

    func matches(_ lead: FakeLead) -> Bool {
        let stored = LeadCatalog.fieldsByName[field]?.isMultifield == true ? lead.values(field) : [lead.string(field) ?? ""]
        switch op {
        case .equal, .within: return stored.contains { values.contains($0) }
        case .notEqual: return !stored.contains { values.contains($0) }
        case .contains: return stored.contains { value in values.contains { value.lowercased().contains($0.lowercased()) } }
        }
    }
}
