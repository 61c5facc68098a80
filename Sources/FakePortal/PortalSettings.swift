/// The portal-wide answers a pre-show check asks for: the CRM mode and the webhook's owner.
extension PortalState {
    func portalSettingsAnswer(_ method: String) -> PortalJSON {
        switch method {
        case "crm.settings.mode.get": return .int(settings.crmMode.rawValue)
        default: return currentUserJSON
        }
    }

    /// `user.current`: the user whose webhook (or token) made the call, in the portal's shape
    /// (IDs as strings, `ACTIVE` a boolean).
    private var currentUserJSON: PortalJSON {
        [
            "ID": .string(String(settings.webhookUser)), "XML_ID": .null, "ACTIVE": true,
            "NAME": .string(settings.ownerName), "LAST_NAME": .string(settings.ownerLastName), "SECOND_NAME": "",
            "EMAIL": "owner@example.test", "LAST_LOGIN": .string(PortalClock.isoString(.now)),
            "TIME_ZONE": "", "TIME_ZONE_OFFSET": "10800", "IS_ONLINE": "Y", "USER_TYPE": "employee",
        ]
    }

    /// The portal's refusal of a lead missing a field the admin made required: HTTP 400 with an
    /// empty code and the field's title, as a real portal words it (trailing `<br />` included).
    func checkRequiredFields(_ accepted: [String: PortalJSON]) throws(RestError) {
        for field in LeadCatalog.fields where settings.requiredFields.contains(field.name) {
            let value = accepted[field.name]
            let missing = value == nil || value == .null || value == "" || value?.elements?.isEmpty == true
            if missing { throw RestError.crm("The required field '\(field.title)' is missing.<br />") }
        }
    }
}
