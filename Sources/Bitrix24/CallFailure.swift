import Foundation
import LeadCore

/// Why a portal call did not deliver its answer, in exactly one of five classes.
///
/// The class is what the sync engine acts on: it decides whether a lead may be sent again
/// right away, must first be looked up on the portal, needs a person, or whether the whole portal
/// is paused. `message` is one plain sentence a booth worker can act on; it never contains the
/// webhook code or a token.
public struct CallFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The portal refused the call before running it (503 QUERY_LIMIT_EXCEEDED, 429
        /// OPERATION_TIME_LIMIT, 401 expired_token that renewal could not fix). Safe to resend
        /// after a pause; `retryAt` says when, if the portal told us.
        case rejectedBeforeRunning
        /// The call may or may not have run: timeout, connection lost after sending, any 5xx,
        /// a body that is not JSON. For an add, look the lead up before sending it again.
        case outcomeUnknown
        /// The portal ran the call and refused these parameters (400 validation, ERROR_CORE, an
        /// empty `error` with a description). For an add: this lead needs a person; others go on.
        case leadRejected
        /// Nothing will work until someone reconfigures something (bad webhook, missing scope,
        /// blocked or moved portal, dead refresh token). Pause all sync; nothing ran.
        case portalUnusable
        /// No connection could be made (refused, DNS, no route, TLS handshake): nothing was sent.
        case offline
    }

    public let kind: Kind
    /// One sentence saying what happened and what to do; secrets removed.
    public let message: String
    /// The portal's `error` code (`QUERY_LIMIT_EXCEEDED`, `ERROR_CORE`, `""` for CRM validation),
    /// or a leadbox name for failures without one (`TIMEOUT`, `CONNECTION_LOST`, `NOT_JSON`, …).
    public let code: String
    /// The HTTP status, when an answer arrived.
    public let httpStatus: Int?
    /// When the blocked method frees up again (`time.operating_reset_at`), for OPERATION_TIME_LIMIT.
    public let retryAt: Date?
    /// Where the portal moved (a 302); follow it with `Bitrix24Client.follow(_:)`.
    public let movedTo: PortalEndpoint?

    init(_ kind: Kind, code: String, message: String, httpStatus: Int? = nil, retryAt: Date? = nil, movedTo: PortalEndpoint? = nil) {
        self.kind = kind
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.retryAt = retryAt
        self.movedTo = movedTo
    }

    /// Whether the call certainly did not run, so sending it again cannot create a duplicate.
    public var certainlyNotRun: Bool { kind != .outcomeUnknown && kind != .leadRejected }

    public var description: String { message }

    /// The same failure with every secret replaced by `***` (portal texts may quote a URL).
    func scrubbed(_ secrets: [String]) -> CallFailure {
        CallFailure(kind, code: code, message: Redaction.scrub(message, secrets: secrets), httpStatus: httpStatus, retryAt: retryAt, movedTo: movedTo)
    }
}
