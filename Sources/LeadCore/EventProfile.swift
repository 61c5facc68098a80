/// Values every new lead gets unless the person typed something else: the booth's event profile.
///
/// Out of the box a lead is marked as coming from a trade show; the config file's `[event]`
/// section can set SOURCE_DESCRIPTION, ASSIGNED_BY_ID, the UTM_* fields, OPENED, STATUS_ID and
/// CURRENCY_ID too.
public struct EventProfile: Sendable, Equatable {
    public static let settableFields: [String] = [
        "SOURCE_ID", "SOURCE_DESCRIPTION", "ASSIGNED_BY_ID", "OPENED", "STATUS_ID", "CURRENCY_ID",
        "UTM_SOURCE", "UTM_MEDIUM", "UTM_CAMPAIGN", "UTM_CONTENT", "UTM_TERM",
    ]

    public static let standard = EventProfile(defaults: ["SOURCE_ID": "TRADE_SHOW"])

    public var defaults: [String: String]
    /// The field an unreadable badge scan is saved in (`event.scan_field`): COMMENTS unless the
    /// event has a custom field for badge IDs, such as UF_CRM_BADGE.
    public var scanField = "COMMENTS"
    public static let scanFieldSetting = "SCAN_FIELD"

    public init(defaults: [String: String]) {
        self.defaults = defaults
    }

    /// Sets one default, checking the name and the value as a lead field would be checked.
    public mutating func set(_ rawName: String, to value: String) throws(LeadInputError) {
        let name = rawName.uppercased()
        if name == EventProfile.scanFieldSetting {
            let field = value.trimmingSpaces.uppercased()
            guard field == "COMMENTS" || LeadField.isCustomFieldName(field) || LeadField.named(field)?.kind == .text else {
                throw LeadInputError("scan_field must name a text field such as COMMENTS or a custom UF_CRM_ field; \"\(value.escapedForTerminal)\" is not one.")
            }
            scanField = field
            return
        }
        guard EventProfile.settableFields.contains(name) else {
            throw LeadInputError("The event profile cannot set \"\(rawName.escapedForTerminal)\"; it takes \(EventProfile.settableFields.joined(separator: ", ")).")
        }
        var probe = Lead()
        try probe.set(field: name, to: value)
        if let stored = probe.values[name], let field = LeadField.named(name),
           let problem = Lead.problem(with: stored, for: field) {
            throw LeadInputError(problem.message)
        }
        defaults[name] = probe.values[name]
    }
}
