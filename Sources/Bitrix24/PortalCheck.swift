import Foundation
import LeadCore

/// `leadbox portal check`: can leadbox deliver leads to this portal, in four plain-words lines.
///
/// 1. Reachable: the portal answers at the configured address.
/// 2. Authorized: it accepts the webhook or token.
/// 3. CRM access: the webhook has the `crm` scope and its user may read leads.
/// 4. Duplicate check: `crm.lead.list` honours the ORIGIN_ID filter (a random UUID must match no
///    lead; rows mean the portal dropped the filter and would hide lost deliveries).
/// A line after a failed one is `skipped`, since its answer would mean nothing.
public enum PortalCheck {
    public struct Line: Sendable, Equatable, CustomStringConvertible {
        public enum Status: String, Sendable, Equatable { case passed, failed, skipped }
        public let topic: String
        public let status: Status
        /// One sentence; on failure it says what to do.
        public let text: String

        public var description: String { "\(topic): \(text)" }
    }

    public static func run(_ client: Bitrix24Client) async -> [Line] {
        let portal = await client.endpoint.description
        var lines: [Line] = []
        func add(_ topic: String, _ status: Line.Status, _ text: String) { lines.append(Line(topic: topic, status: status, text: text)) }
        func skipRest(from topics: ArraySlice<String>) { for topic in topics { add(topic, .skipped, "not checked.") } }
        let topics = ["Reachable", "Authorized", "CRM access", "Duplicate check"]

        do {
            _ = try await client.leadFields()
            add(topics[0], .passed, "the portal at \(portal) answered.")
            add(topics[1], .passed, "the portal accepted leadbox's credentials.")
            add(topics[2], .passed, "leadbox may read the CRM's lead fields.")
        } catch {
            switch stage(of: error) {
            case 0:
                add(topics[0], .failed, error.message)
                skipRest(from: topics[1...])
            case 1:
                add(topics[0], .passed, "the portal at \(portal) answered.")
                add(topics[1], .failed, error.message)
                skipRest(from: topics[2...])
            default:
                add(topics[0], .passed, "the portal at \(portal) answered.")
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
                add(topics[3], .failed, "the portal ignored the ORIGIN_ID filter and listed \(rows.count) unrelated lead(s); leadbox could not tell whether a lead was already delivered. Ask the portal administrator whether the lead fields ORIGINATOR_ID and ORIGIN_ID are available.")
            }
        } catch {
            add(topics[3], .failed, error.message)
        }
        return lines
    }

    /// Which line a failure of the first call belongs to: 0 reach, 1 authorization, 2 CRM access.
    private static func stage(of failure: CallFailure) -> Int {
        guard failure.kind == .portalUnusable || failure.kind == .rejectedBeforeRunning else { return 0 }
        if failure.movedTo != nil || ["NOT_FOUND", "ERROR_METHOD_NOT_FOUND", "MOVED", "BAD_ADDRESS", "PORTAL_DELETED", "OVERLOAD_LIMIT"].contains(failure.code) {
            return 0
        }
        let permission = ["insufficient_scope", "INVALID_CREDENTIALS", "user_access_error", "ACCESS_DENIED", "METHOD_CONFIRM_WAITING", "METHOD_CONFIRM_DENIED"]
        if permission.contains(failure.code) || failure.httpStatus == 403 { return 2 }
        return 1
    }
}
