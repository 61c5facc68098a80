/// What the portal said about its lead fields and dictionaries (`crm.lead.fields`,
/// `crm.status.list`), cached so that `add` and `edit` can refuse offline what the portal would
/// silently drop or reject.
public struct PortalSchema: Sendable, Equatable, Codable {
    /// One custom field of the portal (`UF_CRM_*`), with the label people see in the CRM.
    public struct CustomField: Sendable, Equatable, Codable {
        public var name: String
        public var label: String
        public var type: String
        public init(name: String, label: String, type: String) {
            self.name = name
            self.label = label
            self.type = type
        }
    }

    /// One entry of a dictionary such as SOURCE: its code and its human name.
    public struct Status: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// Every field name `crm.lead.fields` listed.
    public var fieldNames: Set<String>
    public var customFields: [CustomField]
    /// Dictionary name (SOURCE, STATUS, HONORIFIC) → its entries in the portal's order.
    public var statuses: [String: [Status]]
    /// Fields the portal's admin made required (`isRequired: true`) → the title people see there.
    public var requiredFields: [String: String]

    public init(fieldNames: Set<String>, customFields: [CustomField], statuses: [String: [Status]], requiredFields: [String: String] = [:]) {
        self.fieldNames = fieldNames
        self.customFields = customFields
        self.statuses = statuses
        self.requiredFields = requiredFields
    }

    enum CodingKeys: String, CodingKey {
        case fieldNames, customFields, statuses, requiredFields
    }

    /// Caches written before required fields were kept read as "none required".
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fieldNames = try container.decode(Set<String>.self, forKey: .fieldNames)
        customFields = try container.decode([CustomField].self, forKey: .customFields)
        statuses = try container.decode([String: [Status]].self, forKey: .statuses)
        requiredFields = try container.decodeIfPresent([String: String].self, forKey: .requiredFields) ?? [:]
    }

    /// The cache key under which the outbox keeps the schema.
    public static let cacheKey = "schema"

    /// Problems the portal would cause this lead: fields it does not have (silently dropped there)
    /// and dictionary codes it does not know.
    public func problems(with lead: Lead) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        for name in lead.values.keys.sorted() where !fieldNames.contains(name) {
            let known = customFields.map(\.name)
            let hint =
                LeadField.isCustomFieldName(name)
                ? (known.isEmpty ? " The portal has no custom lead fields." : " Its custom fields are \(known.joined(separator: ", ")).")
                : ""
            problems.append(
                FieldProblem(
                    field: name,
                    message:
                        "The portal has no lead field \(name), so it would drop the value.\(hint) Run `leadbox portal refresh` if the field was added recently."
                ))
        }
        for field in LeadField.all {
            guard case .status(let dictionary) = field.kind, let value = lead.values[field.name],
                let entries = statuses[dictionary], !entries.isEmpty, !entries.contains(where: { $0.id == value })
            else { continue }
            let valid = entries.map(\.id).joined(separator: ", ")
            problems.append(
                FieldProblem(
                    field: field.name, message: "\(field.name) \"\(value.escapedForTerminal)\" is not known to the portal; use one of \(valid)."))
        }
        for (name, title) in requiredFields.sorted(by: { $0.key < $1.key }) where !lead.hasValue(for: name) {
            problems.append(
                FieldProblem(
                    field: name, message: "The portal requires \(title.escapedForTerminal) (\(name)); fill it in, or it would refuse the lead."))
        }
        return problems
    }
}
