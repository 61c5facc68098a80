import Foundation
import LeadCore
import LeadStore

/// One row of the outbox list: what the list shows of a lead, nothing more.
public struct OutboxRow: Sendable, Hashable {
    public var id: Int64
    public var state: LeadState
    public var title: String
    public var name: String
    public var company: String
    public var createdAt: Date
    public var remoteID: Int?
    public var lastError: String?
    /// hot, warm or cold, from the event's rating question.
    public var rating: String?

    public init(
        id: Int64, state: LeadState, title: String, name: String, company: String, createdAt: Date, remoteID: Int? = nil, lastError: String? = nil,
        rating: String? = nil
    ) {
        self.id = id
        self.state = state
        self.title = title
        self.name = name
        self.company = company
        self.createdAt = createdAt
        self.remoteID = remoteID
        self.lastError = lastError
        self.rating = rating
    }

    init(_ record: LeadRecord) {
        self.init(
            id: record.id, state: record.state, title: record.title, name: record.person,
            company: record.company, createdAt: record.createdAt, remoteID: record.remoteID,
            lastError: record.lastErrorMessage.map(PortalText.oneLine) ?? record.lastErrorCode, rating: record.rating)
    }
}

/// One delivery attempt, for the detail view.
public struct AttemptRow: Sendable, Hashable {
    public var at: Date
    public var outcome: String
    public var httpStatus: Int?
    public var errorCode: String?
    public var message: String?

    public init(at: Date, outcome: String, httpStatus: Int? = nil, errorCode: String? = nil, message: String? = nil) {
        self.at = at
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.errorCode = errorCode
        self.message = message
    }
}

/// Everything the detail view shows about one lead.
public struct LeadDetail: Sendable, Equatable {
    public var id: Int64
    public var uuid: String
    public var state: LeadState
    public var lead: Lead
    public var remoteID: Int?
    public var lastErrorCode: String?
    public var lastErrorMessage: String?
    public var createdAt: Date
    public var syncedAt: Date?
    public var nextAttemptAt: Date?
    public var attempts: [AttemptRow]
    /// Quick notes waiting for (or delivered to) the CRM timeline.
    public var notes: [NoteRecord] = []
    /// The event questions' answers and the consent given at capture, and the rating.
    public var qualification: Qualification = .none
    public var rating: String?

    /// Whether `r` has anything to queue again: the lead failed, or the portal refused one of
    /// its notes (its photo, say) after the lead itself went in.
    public var hasSomethingToRetry: Bool { state == .failed || notes.contains { $0.state == .failed } }

    public init(
        id: Int64, uuid: String, state: LeadState, lead: Lead, remoteID: Int? = nil, lastErrorCode: String? = nil,
        lastErrorMessage: String? = nil, createdAt: Date, syncedAt: Date? = nil, nextAttemptAt: Date? = nil, attempts: [AttemptRow] = []
    ) {
        self.id = id
        self.uuid = uuid
        self.state = state
        self.lead = lead
        self.remoteID = remoteID
        self.lastErrorCode = lastErrorCode
        self.lastErrorMessage = lastErrorMessage
        self.createdAt = createdAt
        self.syncedAt = syncedAt
        self.nextAttemptAt = nextAttemptAt
        self.attempts = attempts
    }

    init(_ record: LeadRecord, attempts: [AttemptRecord]) {
        self.init(
            id: record.id, uuid: record.uuid, state: record.state, lead: record.lead, remoteID: record.remoteID,
            lastErrorCode: record.lastErrorCode, lastErrorMessage: record.lastErrorMessage.map(PortalText.oneLine), createdAt: record.createdAt,
            syncedAt: record.syncedAt, nextAttemptAt: record.nextAttemptAt,
            attempts: attempts.map {
                AttemptRow(
                    at: $0.at, outcome: $0.outcome, httpStatus: $0.httpStatus, errorCode: $0.errorCode, message: $0.message.map(PortalText.oneLine))
            })
        qualification = record.qualification
        rating = record.rating
    }
}

/// What the status line shows: the portal as the daemon last saw it, and the outbox counts.
public struct StatusInfo: Sendable, Equatable {
    public var portal: PortalStatus
    public var waiting: Int
    public var failed: Int
    public var sentToday: Int
    /// Whether a sync engine outside this UI (the daemon) runs and keeps sending after it quits.
    public var engineElsewhere: Bool
    /// Notes and photos the portal refused after their lead went in, and the first such lead:
    /// the lead reads "sent", so without these the refusal would show nowhere but its detail.
    public var refusedNotes: Int
    public var refusedNoteLead: Int64?

    public init(
        portal: PortalStatus = .unknown, waiting: Int = 0, failed: Int = 0, sentToday: Int = 0, engineElsewhere: Bool = false,
        refusedNotes: Int = 0, refusedNoteLead: Int64? = nil
    ) {
        self.portal = portal
        self.waiting = waiting
        self.failed = failed
        self.sentToday = sentToday
        self.engineElsewhere = engineElsewhere
        self.refusedNotes = refusedNotes
        self.refusedNoteLead = refusedNoteLead
    }
}

/// A one-line message at the top of the screen (a save confirmation, an error to act on).
public struct Banner: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case info, success, warning, error }
    public var kind: Kind
    public var text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }
}
