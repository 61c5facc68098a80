import Foundation
import GRDB
import LeadCore

/// A lead as the outbox holds it: the lead itself plus its delivery bookkeeping.
///
/// The fields stay the JSON text the outbox stored until someone asks for `lead`: a list screen
/// reads the title, name and company columns, and a send passes the text on as it is
/// (`LeadSubmission(fieldsText:)`), so neither decodes JSON per row.
public struct LeadRecord: Sendable, Equatable, Identifiable, FetchableRecord {
    public let id: Int64
    /// Sent as ORIGIN_ID; the key that makes a resend detectable on the portal.
    public let uuid: String
    public var state: LeadState
    /// The `fields` object of crm.lead.add as stored: compact JSON, keys sorted.
    public let fieldsText: String
    /// The `params` object (REGISTER_SONET_EVENT) as stored.
    public let optionsText: String
    /// The lead's title for lists (TITLE, or the one leadbox built).
    public let title: String
    /// The full name ("" when none), as `Lead.personName` gave it when the lead was saved.
    public let person: String
    /// COMPANY_TITLE, or "".
    public let company: String
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

    /// The lead itself, decoded from the stored JSON on each access.
    public var lead: Lead {
        Lead(fieldsJSON: JSONText.decodeObject(fieldsText), optionsJSON: JSONText.decodeObject(optionsText))
    }

    /// The columns every read of a whole lead selects, in the order `init(row:)` reads them.
    static let columnNames = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    static let columns =
        "id, uuid, state, fields, options, title, person, company, attempts, next_attempt_at, send_started_at, remote_id, last_error_code, last_error_message, created_at, updated_at, synced_at, raw_scan, answers, consent, rating"

    /// A lead just captured: pending, never attempted; `stored` is what the INSERT wrote.
    init(id: Int64, uuid: String, stored: StoredLead, createdAt: Date, rawScan: String? = nil) {
        self.id = id
        self.rawScan = rawScan
        self.uuid = uuid
        state = .pending
        fieldsText = stored.fields
        optionsText = stored.options
        title = stored.title
        person = stored.person
        company = stored.company
        attempts = 0
        self.createdAt = createdAt
        updatedAt = createdAt
    }

    /// Reads a row selected with `LeadRecord.columns`, by position: looking 21 columns up by name
    /// (GRDB compares names case-insensitively, one by one) was a visible share of a batch claim.
    public init(row: Row) {
        // A query with other columns would read the wrong values silently: the debug build (the
        // tests) stops at it.
        assert(Array(row.columnNames) == LeadRecord.columnNames, "LeadRecord rows must select LeadRecord.columns")
        id = row[0]
        uuid = row[1]
        state = LeadState(rawValue: row[2]) ?? .pending
        fieldsText = row[3]
        optionsText = row[4]
        title = row[5]
        person = row[6]
        company = row[7]
        attempts = row[8]
        nextAttemptAt = (row[9] as Double?).date
        sendStartedAt = (row[10] as Double?).date
        remoteID = row[11]
        lastErrorCode = row[12]
        lastErrorMessage = row[13]
        createdAt = Date(timeIntervalSince1970: row[14])
        updatedAt = Date(timeIntervalSince1970: row[15])
        syncedAt = (row[16] as Double?).date
        rawScan = row[17]
        qualification = Qualification(stored: row[18], consent: row[19])
        rating = row[20]
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

/// The columns a capture or an edit writes from a lead, computed once.
struct StoredLead {
    let fields: String
    let options: String
    let title: String
    let person: String
    let company: String
    /// The normalised e-mail and phone keys (`LeadStore.contactKeys`), for the duplicate lookup
    /// and `lead_contact`, worked out once per save.
    let contacts: [(kind: String, value: String)]

    init(_ lead: Lead) {
        fields = JSONText.encode(lead.fieldsJSON)
        options = JSONText.encode(lead.optionsJSON)
        title = lead.displayTitle
        person = lead.personName ?? ""
        company = lead["COMPANY_TITLE"] ?? ""
        contacts = LeadStore.contactKeys(of: lead)
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
