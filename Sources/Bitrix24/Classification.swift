import Foundation
import LeadCore

/// One HTTP answer as it came off the wire, before any interpretation.
struct RawResponse: Sendable {
    var status: Int
    var location: String?
    var body: [UInt8]
}

/// A successful answer: `result` plus the `time` block (and the rest for list paging).
struct Envelope: Sendable {
    var result: JSONValue
    var time: PortalTime?
    var members: [String: JSONValue]
}

/// Sorts every portal answer into a result or exactly one `CallFailure` class (reference §6).
///
/// The `error` string decides first and the HTTP status is only a hint, because older portals sent
/// system errors with status 200. Anything without a readable `error` falls back on the status.
struct Classifier: Sendable {
    /// The method called, for messages ("crm.lead.add").
    var method: String
    var endpoint: PortalEndpoint
    /// Members left out while decoding the answer (checked, not built; see `JSONValue.parse`):
    /// the caller's to name, since only it knows what it reads of the answer.
    var skippedMembers: Set<String> = []

    func classify(_ response: RawResponse) -> Result<Envelope, CallFailure> {
        let status = response.status
        if (300..<400).contains(status) { return .failure(redirect(response)) }
        guard let json = PortalJSON.decode(response.body, skipping: skippedMembers), let members = json.objectValue else {
            return .failure(notJSON(response))
        }
        if let code = members["error"].map({ $0.phpText ?? "" }) {
            let text = members["error_description"]?.phpText ?? ""
            let time = PortalTime(members["time"])
            return .failure(failure(code: code, description: text, status: status, time: time))
        }
        guard (200..<300).contains(status), let result = members["result"] else {
            return .failure(
                CallFailure(
                    .outcomeUnknown, code: "UNEXPECTED_ANSWER",
                    message:
                        "The portal answered \(method) with HTTP \(status) but neither a result nor an error, so it is unknown whether the call ran.",
                    httpStatus: status))
        }
        return .success(Envelope(result: result, time: PortalTime(members["time"]), members: members))
    }

    /// The class of a portal error code; `status` is nil inside a batch, where there is none.
    func failure(code: String, description rawDescription: String, status: Int?, time: PortalTime?) -> CallFailure {
        let description = PortalText.plain(rawDescription)
        let detail = description.isEmpty ? code : description
        func portal(_ message: String) -> CallFailure {
            CallFailure(.portalUnusable, code: code, message: message, httpStatus: status)
        }
        switch code {
        case "QUERY_LIMIT_EXCEEDED":
            return CallFailure(
                .rejectedBeforeRunning, code: code,
                message: "The portal is receiving too many requests (QUERY_LIMIT_EXCEEDED); leadbox will slow down and try again.",
                httpStatus: status)
        case "OPERATION_TIME_LIMIT":
            return CallFailure(
                .rejectedBeforeRunning, code: code,
                message:
                    "The portal has paused \(method) for this webhook after heavy use (OPERATION_TIME_LIMIT); leadbox will try again when the pause ends.",
                httpStatus: status, retryAt: time?.operatingResetAt)
        case "expired_token":
            return CallFailure(
                .rejectedBeforeRunning, code: code,
                message: "The portal said the app's access token has expired (expired_token); leadbox will renew it and try again.",
                httpStatus: status)
        case "NO_AUTH_FOUND", "invalid_token", "WRONG_AUTH_TYPE":
            return portal(authMessage(code))
        case "insufficient_scope":
            return portal(
                "The \(credentialName) has no access to CRM (insufficient_scope): edit it in Bitrix24, tick the CRM (crm) permission, and save.")
        case "INVALID_CREDENTIALS", "user_access_error":
            return portal(
                "The portal user behind the \(credentialName) may not do this (\(code)): give that user the right to create and read leads, or make the \(credentialName) as a user who has it."
            )
        case "ACCESS_DENIED":
            return portal(
                "The portal refused REST access (ACCESS_DENIED): the Bitrix24 REST API needs a commercial plan; ask the portal's administrator.")
        case "METHOD_CONFIRM_WAITING", "METHOD_CONFIRM_DENIED":
            return portal("A portal administrator must allow this app to use \(method) (\(code)): ask them to confirm it in Bitrix24.")
        case "OVERLOAD_LIMIT":
            return portal("Bitrix24 has blocked this portal for overload (OVERLOAD_LIMIT): only Bitrix24 support can lift the block; contact them.")
        case "PORTAL_DELETED":
            return portal("The portal is deleted or closed (PORTAL_DELETED): check the portal address with its administrator.")
        case "ERROR_METHOD_NOT_FOUND":
            return portal(
                "The portal does not know the method \(method) (ERROR_METHOD_NOT_FOUND): check that the address is complete, like https://PORTAL/rest/USER_ID/CODE/."
            )
        case "INVALID_REQUEST":
            return portal("The portal refused the request (INVALID_REQUEST: \(detail)): check that the portal address starts with https://.")
        case "ERROR_BATCH_LENGTH_EXCEEDED", "ERROR_BATCH_METHOD_NOT_ALLOWED":
            return portal("The portal refused leadbox's batch call (\(code): \(detail)); this is a leadbox bug, please report it.")
        case "INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER", "WRONG_ENCODING":
            return CallFailure(
                .outcomeUnknown, code: code,
                message:
                    "The portal failed while answering \(method) (\(code)), so it is unknown whether the call ran; leadbox will check before sending again.",
                httpStatus: status)
        default:
            break
        }
        switch status {
        case .some(500...):
            return CallFailure(
                .outcomeUnknown, code: code,
                message:
                    "The portal failed while answering \(method) (HTTP \(status!), \(detail)), so it is unknown whether the call ran; leadbox will check before sending again.",
                httpStatus: status)
        case 429:
            return CallFailure(
                .rejectedBeforeRunning, code: code,
                message: "The portal asked leadbox to slow down (HTTP 429, \(detail)); leadbox will try again later.",
                httpStatus: status, retryAt: time?.operatingResetAt)
        case 401:
            return portal(authMessage(code.isEmpty ? "HTTP 401" : code))
        case 403:
            return portal(
                "The portal refused access (\(code.isEmpty ? "HTTP 403" : code): \(detail)): check the \(credentialName)'s permissions in Bitrix24.")
        case 404:
            return portal(
                "The portal has no method \(method) at this address (\(code.isEmpty ? "HTTP 404" : code)): check that the address is complete, like https://PORTAL/rest/USER_ID/CODE/."
            )
        default:
            return CallFailure(
                .leadRejected, code: code,
                message: "The portal refused \(subject)\(code.isEmpty ? "" : " (\(code))"): \(detail.isEmpty ? "no reason given" : detail)",
                httpStatus: status)
        }
    }

    private var credentialName: String {
        if case .oauth = endpoint.kind { return "app" }
        return "webhook"
    }

    private var subject: String { method == "crm.lead.add" ? "the lead" : "the \(method) request" }

    private func authMessage(_ code: String) -> String {
        if case .oauth = endpoint.kind {
            return "The portal refused the app's access token (\(code)): authorize the app in Bitrix24 again."
        }
        return "The webhook was refused by the portal (\(code)): create a new incoming webhook in Bitrix24 and run `leadbox config set webhook URL`."
    }

    private func redirect(_ response: RawResponse) -> CallFailure {
        guard let location = response.location, !location.isEmpty else {
            return CallFailure(
                .portalUnusable, code: "MOVED",
                message:
                    "The portal answered with a redirect (HTTP \(response.status)) but no new address: check the portal address with its administrator.",
                httpStatus: response.status)
        }
        do {
            let target = try endpoint.moved(to: location, method: method)
            return CallFailure(
                .portalUnusable, code: "MOVED",
                message: "The portal moved to \(target) (HTTP \(response.status)): update the address with `leadbox config set webhook URL`.",
                httpStatus: response.status, movedTo: target)
        } catch {
            return CallFailure(
                .portalUnusable, code: "MOVED",
                message: "The portal moved (HTTP \(response.status)) to an address leadbox will not use: \(error.description)",
                httpStatus: response.status)
        }
    }

    /// A body that is empty, HTML, truncated or not an object. Nothing can be read from it, so an
    /// add may or may not have run; a gateway's 404 or 429 page still proves the call did not run.
    private func notJSON(_ response: RawResponse) -> CallFailure {
        let status = response.status
        let what =
            response.body.isEmpty
            ? "an empty answer" : (looksLikeHTML(response.body) ? "a web page instead of JSON" : "an answer that is not complete JSON")
        switch status {
        case 404:
            return CallFailure(
                .portalUnusable, code: "NOT_FOUND",
                message: "There is no Bitrix24 REST API at \(endpoint) (HTTP 404, \(what)): check the portal address.",
                httpStatus: status)
        case 429:
            return CallFailure(
                .rejectedBeforeRunning, code: "TOO_MANY_REQUESTS",
                message: "The portal asked leadbox to slow down (HTTP 429, \(what)); leadbox will try again later.",
                httpStatus: status)
        default:
            return CallFailure(
                .outcomeUnknown, code: "NOT_JSON",
                message:
                    "The portal answered \(method) with HTTP \(status) and \(what), so it is unknown whether the call ran; leadbox will check before sending again.",
                httpStatus: status)
        }
    }

    private func looksLikeHTML(_ body: [UInt8]) -> Bool {
        let head = String(decoding: body.prefix(256), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return head.hasPrefix("<")
    }
}
