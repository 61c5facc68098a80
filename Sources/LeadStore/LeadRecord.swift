import Foundation
import GRDB
import LeadCore

/// A lead as the outbox holds it: the lead itself plus its delivery bookkeeping.
public struct LeadRecord: Sendable, Equatable, Identifiable {
    public let id: Int64
    /// Sent as ORIGIN_ID; the key that makes a resend detectable on the portal.
    public let uuid: String
    public var state: LeadState
    public var lead: Lead
    /// Attempts charged to this lead (rate-limit refusals are not charged).
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var sendStartedAt: Date?
    /// The portal's ID once synced.
    public var remoteID: Int?
    public var lastErrorCode: String?
    public var lastErrorMessage: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var syncedAt: Date?
    /// What a badge scanner typed, when the lead came from a scan.
    public var rawScan: String?
    /// The qualification answers and consent given at the booth (also written into `lead`).
    public var qualification: Qualification = .none
    /// hot, warm or cold when the event profile has a rating question and it was answered.
    public var rating: String?

    /// The lead's title for lists (TITLE, or the one leadbox built).
    public var title: String { lead["TITLE"] ?? lead.suggestedTitle }

    static let columns = "id, uuid, state, fields, options, attempts, next_attempt_at, send_started_at, remote_id, last_error_code, last_error_message, created_at, updated_at, synced_at, raw_scan, answers, consent, rating"

    /// A lead just captured: pending, never attempted.
    init(id: Int64, uuid: String, state: LeadState, lead: Lead, createdAt: Date, rawScan: String? = nil) {
        self.id = id
        self.rawScan = rawScan
        self.uuid = uuid
        self.state = state
        self.lead = lead
        attempts = 0
        self.createdAt = createdAt
        updatedAt = createdAt
    }

    init(row: Row) {
        id = row["id"]
        uuid = row["uuid"]
        state = LeadState(rawValue: row["state"]) ?? .pending
        lead = Lead(fieldsJSON: JSONText.decodeObject(row["fields"]), optionsJSON: JSONText.decodeObject(row["options"]))
        attempts = row["attempts"]
        nextAttemptAt = (row["next_attempt_at"] as Double?).date
        sendStartedAt = (row["send_started_at"] as Double?).date
        remoteID = row["remote_id"]
        lastErrorCode = row["last_error_code"]
        lastErrorMessage = row["last_error_message"]
        createdAt = Date(timeIntervalSince1970: row["created_at"])
        updatedAt = Date(timeIntervalSince1970: row["updated_at"])
        syncedAt = (row["synced_at"] as Double?).date
        rawScan = row["raw_scan"]
        qualification = Qualification(stored: row["answers"], consent: row["consent"])
        rating = row["rating"]
    }
}

extension Qualification {
    /// Reads the `answers` and `consent` columns; a value that does not decode reads as none.
    init(stored answers: String?, consent: String?) {
        self.init()
        if let answers, answers != "{}", let decoded = try? JSONDecoder().decode([String: [String]].self, from: Data(answers.utf8)) {
            self.answers = decoded
        }
        if let consent, let decoded = try? JSONDecoder.consent.decode(ConsentRecord.self, from: Data(consent.utf8)) {
            self.consent = decoded
        }
    }

    /// The `answers` and `consent` column values.
    var columns: (answers: String, consent: String?) {
        let answersText = answers.isEmpty ? "{}" : JSONText.encode(answers.mapValues { .array($0.map(JSONValue.string)) })
        let consentText = consent.flatMap { try? JSONEncoder.consent.encode($0) }.map { String(decoding: $0, as: UTF8.self) }
        return (answersText, consentText)
    }
}

extension JSONEncoder {
    /// Consent times as ISO 8601 text, readable in the raw file and in exports.
    static var consent: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = .sortedKeys
        return encoder
    }
}

extension JSONDecoder {
    static var consent: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}

/// One delivery attempt of one lead, for the detail view and `show`.
public struct AttemptRecord: Sendable, Equatable {
    public let at: Date
    /// What happened, in a word: created, rejected, unknown, deferred, found, not_found, offline.
    public let outcome: String
    public let httpStatus: Int?
    public let errorCode: String?
    public let message: String?
}

/// JSON columns: `fields` and `options` hold objects written with sorted keys.
enum JSONText {
    static func encode(_ object: [String: JSONValue]) -> String {
        JSONValue.object(object).compactText
    }

    /// Reads a stored object (fast path: see `JSONValue.parse`).
    static func decodeObject(_ text: String?) -> [String: JSONValue] {
        guard let text, text != "{}" else { return [:] }
        return JSONValue.parse(Data(text.utf8))?.objectValue ?? [:]
    }
}
