import LeadCore

/// The portal's CRM mode (`crm.settings.mode.get`).
///
/// In simple mode the portal converts every new lead to a deal (and contact) at once: the lead
/// still exists, with `STATUS_ID=CONVERTED`, so leadbox counts it as delivered like any other.
public enum CRMMode: Int, Sendable, Equatable {
    case classic = 1
    case simple = 2
}

/// The user a webhook or token acts as (`user.current`): leads are created in their name.
public struct PortalUser: Sendable, Equatable {
    public var id: Int
    public var name: String

    public init(id: Int, name: String) {
        self.id = id
        self.name = name
    }
}

extension Bitrix24Client {
    /// `crm.settings.mode.get`: 1 classic, 2 simple (PHP may send the number as text).
    public func crmMode() async throws(CallFailure) -> CRMMode {
        let envelope = try await call("crm.settings.mode.get", [:]).get()
        guard let mode = envelope.result.phpInt.flatMap(CRMMode.init(rawValue:)) else {
            throw CallFailure(
                .outcomeUnknown, code: "UNEXPECTED_ANSWER",
                message: "The portal answered crm.settings.mode.get with an unknown mode; ask its administrator which CRM mode it runs.",
                httpStatus: 200)
        }
        return mode
    }

    /// `user.current`: the webhook's owner, with first and last name joined.
    public func currentUser() async throws(CallFailure) -> PortalUser {
        let envelope = try await call("user.current", [:]).get()
        guard let map = envelope.result.phpMap, let id = map["ID"]?.phpInt else {
            throw CallFailure(
                .outcomeUnknown, code: "UNEXPECTED_ANSWER",
                message: "The portal answered user.current without a user; try again later.", httpStatus: 200)
        }
        let name = ["NAME", "LAST_NAME"].compactMap { map[$0]?.phpText }.joined(separator: " ")
        return PortalUser(id: id, name: name.isEmpty ? (map["EMAIL"]?.phpText ?? "user \(id)") : name)
    }

    /// The fields of a `crm.lead.fields` answer the portal's admin made required (`isRequired`,
    /// a JSON boolean or PHP's "Y"), name → the title people see in the CRM.
    public static func requiredFields(in fields: [String: JSONValue]) -> [String: String] {
        var required: [String: String] = [:]
        for (name, descriptor) in fields {
            guard let map = descriptor.phpMap, map["isRequired"]?.phpText == "Y", map["isReadOnly"]?.phpText != "Y" else { continue }
            required[name] = ["formLabel", "listLabel", "title"].lazy.compactMap { map[$0]?.phpText }.first ?? name
        }
        return required
    }
}
