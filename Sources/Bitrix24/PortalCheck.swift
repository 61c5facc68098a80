import Foundation
import LeadCore

/// `leadbox portal check`: can leadbox deliver leads to this portal, in four plain-words lines.
///
/// 1. Reachable: the portal answers at the configured address.
/// 2. Authorized: it accepts the webhook or token.
/// 3. CRM access: the webhook has the `crm` scope and its user may read leads.
/// 4. Duplicate check: `crm.lead.list` honours the ORIGIN_ID filter (a random UUID must match no
///    lead; rows mean the portal dropped the filter and would hide lost deliveries).
/// 5. CRM mode: classic, or simple (every lead becomes a deal at once; a warning, not a failure).
/// 6. Required fields: the lead fields the portal's admin made required.
/// 7. Source and stage: the event profile's SOURCE_ID and STATUS_ID exist on the portal.
/// 8. Webhook owner: who the leads will be created by (`user.current`).
/// 9. Photo field, only when `event.photo_field` is set: the portal has that lead field and it is
///    of type File (a warning otherwise: leads still go, their photos would fail).
/// A line after a failed one is `skipped`, since its answer would mean nothing; lines 5–9 run
/// once the portal answered at all. Only `failed` lines make the check fail.
public enum PortalCheck {
    public struct Line: Sendable, Equatable, CustomStringConvertible {
        /// `warning`: leadbox can deliver, but staff should know before the doors open.
        public enum Status: String, Sendable, Equatable { case passed, warning, failed, skipped }
        public let topic: String
        public let status: Status
        /// One sentence; on failure it says what to do.
        public let text: String

        public var description: String { "\(topic): \(text)" }
    }

    /// - parameter profile: the booth's event profile, whose SOURCE_ID and STATUS_ID are checked.
    public static func run(_ client: Bitrix24Client, profile: EventProfile = .standard) async -> [Line] {
        let portal = await client.endpoint.description
        let route = await client.route()
        var lines: [Line] = []
        func add(_ topic: String, _ status: Line.Status, _ text: String) { lines.append(Line(topic: topic, status: status, text: text)) }
        func skipRest(from topics: ArraySlice<String>) { for topic in topics { add(topic, .skipped, "not checked.") } }
        let topics =
            ["Reachable", "Authorized", "CRM access", "Duplicate check"] + preShowTopics + (profile.photoField == nil ? [] : [photoFieldTopic])

        let fields: [String: JSONValue]
        do {
            fields = try await client.leadFields()
            add(topics[0], .passed, "the portal at \(portal) answered (\(route)).")
            add(topics[1], .passed, "the portal accepted leadbox's credentials.")
            add(topics[2], .passed, "leadbox may read the CRM's lead fields.")
        } catch {
            switch stage(of: error) {
            case 0:
                add(topics[0], .failed, error.message)
                skipRest(from: topics[1...])
            case 1:
                add(topics[0], .passed, "the portal at \(portal) answered (\(route)).")
                add(topics[1], .failed, error.message)
                skipRest(from: topics[2...])
            default:
                add(topics[0], .passed, "the portal at \(portal) answered (\(route)).")
                add(topics[1], .passed, "the portal accepted leadbox's credentials.")
                add(topics[2], .failed, error.message)
                skipRest(from: topics[3...])
            }
            return lines
        }

        do {
            let rows = try await client.listPage(originIDs: [UUID().uuidString.lowercased()])
            if rows.isEmpty {
                add(topics[3], .passed, "the portal finds leads by ORIGIN_ID, so a lost answer can be checked before resending.")
            } else {
                add(
                    topics[3], .failed,
                    "the portal ignored the ORIGIN_ID filter and listed \(rows.count) unrelated lead(s); leadbox could not tell whether a lead was already delivered. Ask the portal administrator whether the lead fields ORIGINATOR_ID and ORIGIN_ID are available."
                )
            }
        } catch {
            add(topics[3], .failed, error.message)
        }
        return lines + (await preShow(client, fields: fields, profile: profile))
    }

    static let preShowTopics = ["CRM mode", "Required fields", "Source and stage", "Webhook owner"]
    static let photoFieldTopic = "Photo field"

    /// Lines 5–8: what changes how leads land in the CRM, checked before the show.
    private static func preShow(_ client: Bitrix24Client, fields: [String: JSONValue], profile: EventProfile) async -> [Line] {
        var lines: [Line] = []
        func add(_ topic: Int, _ status: Line.Status, _ text: String) { lines.append(Line(topic: preShowTopics[topic], status: status, text: text)) }

        do {
            switch try await client.crmMode() {
            case .classic: add(0, .passed, "classic CRM: leads stay leads until someone converts them.")
            case .simple:
                add(
                    0, .warning, "simple CRM: the portal turns every new lead into a deal at once; leadbox counts such a converted lead as delivered."
                )
            }
        } catch {
            add(0, .warning, "the portal did not say its CRM mode (\(error.message)); leads are delivered either way.")
        }

        let required = Bitrix24Client.requiredFields(in: fields)
        if required.isEmpty {
            add(1, .passed, "the portal's admin made no lead field required.")
        } else {
            let names = required.keys.sorted().map { "\($0) (\(required[$0]!))" }.joined(separator: ", ")
            add(1, .warning, "the portal refuses leads without \(names); run `leadbox portal refresh` so leadbox asks for them at capture.")
        }

        do {
            var problems: [String] = []
            for (field, dictionary, word) in [("SOURCE_ID", "SOURCE", "source"), ("STATUS_ID", "STATUS", "stage")] {
                guard let value = profile.defaults[field] else { continue }
                let entries = try await client.statuses(dictionary)
                if !entries.contains(where: { $0.id == value }) {
                    problems.append("\(field) \(value) is not a \(word) on this portal (it has \(entries.map(\.id).joined(separator: ", ")))")
                }
            }
            if problems.isEmpty {
                let set = ["SOURCE_ID", "STATUS_ID"].compactMap { name in profile.defaults[name].map { "\(name) \($0)" } }
                add(
                    2, .passed,
                    set.isEmpty
                        ? "the event profile sets neither; the portal uses its defaults."
                        : "the portal knows the event profile's \(set.joined(separator: " and ")).")
            } else {
                add(2, .failed, problems.joined(separator: "; ") + "; fix it with `leadbox config set event.SOURCE_ID CODE` (or event.STATUS_ID).")
            }
        } catch {
            add(2, .failed, error.message)
        }

        do {
            let owner = try await client.currentUser()
            add(3, .passed, "leads are created by \(owner.name) (user ID \(owner.id)).")
        } catch {
            add(3, .warning, "the portal did not say who owns the webhook (\(error.message)); give it the user scope to see it here.")
        }

        if let field = profile.photoField {
            let type = fields[field].map { $0.phpMap?["type"]?.phpText ?? "unknown" }
            if let problem = EventProfile.photoFieldProblem(field, type: type) {
                lines.append(Line(topic: photoFieldTopic, status: .warning, text: problem))
            } else {
                lines.append(Line(topic: photoFieldTopic, status: .passed, text: "card photos are written into \(field), a field of type File."))
            }
        }
        return lines
    }

    /// Which line a failure of the first call belongs to: 0 reach, 1 authorization, 2 CRM access.
    private static func stage(of failure: CallFailure) -> Int {
        guard failure.kind == .portalUnusable || failure.kind == .rejectedBeforeRunning else { return 0 }
        if failure.movedTo != nil
            || ["NOT_FOUND", "ERROR_METHOD_NOT_FOUND", "MOVED", "BAD_ADDRESS", "PORTAL_DELETED", "OVERLOAD_LIMIT"].contains(failure.code)
        {
            return 0
        }
        let permission = [
            "insufficient_scope", "INVALID_CREDENTIALS", "user_access_error", "ACCESS_DENIED", "METHOD_CONFIRM_WAITING", "METHOD_CONFIRM_DENIED",
        ]
        if permission.contains(failure.code) || failure.httpStatus == 403 { return 2 }
        return 1
    }
}
