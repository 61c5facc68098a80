import Foundation
import GRDB
import LeadCore

/// One undelivered lead as it travels between laptops in a handover file: everything the other
/// laptop needs to send it exactly once.
public struct HandoverLead: Sendable, Equatable, Codable {
    /// The lead's ORIGIN_ID; the receiving laptop keeps it, so a lookup finds an earlier send.
    public var uuid: String
    /// pending, sending, in_doubt or failed on the laptop that handed it over.
    public var state: LeadState
    /// True when a request carrying the lead may have reached the portal (it was sending or in
    /// doubt): the receiver looks it up by ORIGIN_ID before sending it.
    public var mayHaveReachedPortal: Bool
    public var fields: [String: JSONValue]
    public var options: [String: JSONValue]
    public var attempts: Int
    public var createdAt: Double
    public var sendStartedAt: Double?
    public var lastErrorCode: String?
    public var lastErrorMessage: String?
    public var history: [Attempt]
    /// The lead's photo, still to be attached to its timeline once it is in the CRM. Absent from
    /// files written before photos (they still read), and from the file when the lead has none.
    public var photo: Photo?

    /// A lead's photo in a handover file: the comment line and the JPEG in base64 (JSON has no bytes).
    public struct Photo: Sendable, Equatable, Codable {
        public var fileName: String
        /// The stamped comment line, so the timeline reads as it would have from the first laptop.
        public var text: String
        public var jpegBase64: String

        enum CodingKeys: String, CodingKey {
            case text
            case fileName = "file_name", jpegBase64 = "jpeg_base64"
        }
    }

    /// One attempt of the lead's history, times in Unix seconds.
    public struct Attempt: Sendable, Equatable, Codable {
        public var at: Double
        public var outcome: String
        public var httpStatus: Int?
        public var errorCode: String?
        public var message: String?
    }

    enum CodingKeys: String, CodingKey {
        case uuid, state, fields, options, attempts, history, photo
        case mayHaveReachedPortal = "may_have_reached_portal", createdAt = "created_at", sendStartedAt = "send_started_at"
        case lastErrorCode = "last_error_code", lastErrorMessage = "last_error_message"
    }
}

/// What an import did: leads added (or taken back), and leads this outbox already had.
public struct HandoverImport: Sendable, Equatable {
    public var added: Int
    public var alreadyHere: Int
    /// Of the added leads, those to be looked up on the portal before any send.
    public var toLookUp: Int
}

// MARK: - Database Access: Handover

extension LeadStore {
    /// The states a handover moves: everything that still has to reach the portal.
    public static let handoverStates: [LeadState] = [.pending, .sending, .inDoubt, .failed]

    /// Hands every undelivered lead over, in one write transaction: `deliver` receives them and
    /// must write the handover file durably; only when it returns are the leads marked
    /// `handed_over` (never sent from here again). If `deliver` throws, nothing changes. The
    /// transaction also keeps the sync engine from claiming a lead between reading and marking.
    /// Returns how many leads were handed over.
    @discardableResult
    public func handOver(now: Date = Date(), deliver: ([HandoverLead]) throws -> Void) throws -> Int {
        // `deliver`'s own errors (the file could not be written) pass through unchanged.
        do {
            return try writer.write { db in
                let states = LeadStore.handoverStates.map { "'\($0.rawValue)'" }.joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: "SELECT \(LeadRecord.columns) FROM lead WHERE state IN (\(states)) ORDER BY id")
                let history = try Dictionary(
                    grouping: Row.fetchAll(
                        db,
                        sql: """
                            SELECT lead_id, at, outcome, http_status, error_code, message FROM attempt
                            WHERE lead_id IN (SELECT id FROM lead WHERE state IN (\(states))) ORDER BY id
                            """)
                ) { (row: Row) -> Int64 in row["lead_id"] }
                // A handed-over lead's photo note was never sent (only a synced lead's notes are).
                let photos = try Dictionary(
                    Row.fetchAll(
                        db,
                        sql: """
                            SELECT note.lead_id, note.text, note_file.name, note_file.bytes FROM note JOIN note_file ON note_file.note_id = note.id
                            WHERE note.state = 'pending' AND note.lead_id IN (SELECT id FROM lead WHERE state IN (\(states))) ORDER BY note.id
                            """
                    ).map { row -> (Int64, HandoverLead.Photo) in
                        (row["lead_id"], .init(fileName: row["name"], text: row["text"], jpegBase64: (row["bytes"] as Data).base64EncodedString()))
                    }, uniquingKeysWith: { first, _ in first })
                let leads = rows.map { row in
                    let record = LeadRecord(row: row)
                    return HandoverLead(
                        uuid: record.uuid, state: record.state, mayHaveReachedPortal: record.state == .sending || record.state == .inDoubt,
                        fields: record.lead.fieldsJSON, options: record.lead.optionsJSON, attempts: record.attempts,
                        createdAt: record.createdAt.unixSeconds, sendStartedAt: record.sendStartedAt?.unixSeconds,
                        lastErrorCode: record.lastErrorCode, lastErrorMessage: record.lastErrorMessage,
                        history: (history[record.id] ?? []).map {
                            .init(
                                at: $0["at"], outcome: $0["outcome"], httpStatus: $0["http_status"], errorCode: $0["error_code"],
                                message: $0["message"])
                        }, photo: photos[record.id])
                }
                guard !leads.isEmpty else { return 0 }
                try deliver(leads)
                // The photos went with their leads: none stays here to be sent from this laptop.
                try db.execute(
                    sql: """
                        DELETE FROM note WHERE state = 'pending' AND id IN (SELECT note_id FROM note_file)
                          AND lead_id IN (SELECT id FROM lead WHERE state IN (\(states)))
                        """)
                try db.execute(
                    sql: "UPDATE lead SET state = 'handed_over', handed_over_at = ?, updated_at = ? WHERE state IN (\(states))",
                    arguments: [now.unixSeconds, now.unixSeconds])
                return db.changesCount
            }
        } catch let error as DatabaseError {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// Adds handed-over leads with their UUIDs, in one transaction (all or none). A lead whose
    /// send may have reached the portal arrives `in_doubt`, so the engine looks it up by
    /// ORIGIN_ID before sending; the rest keep their state (a failed lead still waits for a
    /// person). A UUID this outbox already has is left alone — importing a file twice adds
    /// nothing — unless this laptop had handed that lead over itself: then it is taken back.
    public func takeOver(_ leads: [HandoverLead], now: Date = Date()) throws -> HandoverImport {
        var photos: [String: LeadPhoto] = [:]
        for lead in leads {
            try Lead(fieldsJSON: lead.fields, optionsJSON: lead.options).validate()
            if let photo = lead.photo {
                guard let bytes = Data(base64Encoded: photo.jpegBase64) else {
                    throw LeadPhotoError(
                        "The photo of lead \(lead.uuid) in the handover file is not base64; copy the file again from the laptop that exported it.")
                }
                photos[lead.uuid] = try LeadPhoto(fileName: photo.fileName, jpeg: [UInt8](bytes))
            }
        }
        return try write { db in
            var result = HandoverImport(added: 0, alreadyHere: 0, toLookUp: 0)
            for lead in leads {
                let state: LeadState = lead.mayHaveReachedPortal ? .inDoubt : (lead.state == .failed ? .failed : .pending)
                if let existing = try Row.fetchOne(db, sql: "SELECT id, state FROM lead WHERE uuid = ?", arguments: [lead.uuid]) {
                    guard existing["state"] == LeadState.handedOver.rawValue else {
                        result.alreadyHere += 1
                        continue
                    }
                    let id: Int64 = existing["id"]
                    try db.execute(sql: "DELETE FROM attempt WHERE lead_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM lead_contact WHERE lead_id = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM lead WHERE id = ?", arguments: [id])
                }
                let id = try LeadStore.insertHandedOver(lead, as: state, now: now, db)
                let imported = Lead(fieldsJSON: lead.fields, optionsJSON: lead.options)
                try LeadStore.indexContacts(of: StoredLead(imported), leadID: id, replacing: false, db)
                if let photo = photos[lead.uuid], let text = lead.photo?.text {
                    try LeadStore.insertPhotoNote(leadID: id, fileName: photo.fileName, jpeg: photo.jpeg, text: text, now: now, db)
                }
                result.added += 1
                if state == .inDoubt { result.toLookUp += 1 }
            }
            return result
        }
    }

    private static func insertHandedOver(_ handed: HandoverLead, as state: LeadState, now: Date, _ db: Database) throws -> Int64 {
        let lead = Lead(fieldsJSON: handed.fields, optionsJSON: handed.options)
        // An in-doubt lead needs a send time: the lookup waits until the portal's 60 s bound has
        // passed since then before it may send again.
        let sendStarted = state == .inDoubt ? (handed.sendStartedAt ?? now.unixSeconds) : nil
        try db.execute(
            sql: """
                INSERT INTO lead (uuid, state, fields, options, title, person, company, attempts, send_started_at,
                                  last_error_code, last_error_message, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                handed.uuid, state.rawValue, JSONText.encode(lead.fieldsJSON), JSONText.encode(lead.optionsJSON),
                lead.displayTitle, lead.personName ?? "", lead["COMPANY_TITLE"] ?? "",
                handed.attempts, sendStarted, handed.lastErrorCode, handed.lastErrorMessage,
                handed.createdAt, now.unixSeconds,
            ])
        let id = db.lastInsertedRowID
        for attempt in handed.history {
            try db.execute(
                sql: "INSERT INTO attempt(lead_id, at, outcome, http_status, error_code, message) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [id, attempt.at, attempt.outcome, attempt.httpStatus, attempt.errorCode, attempt.message])
        }
        return id
    }
}
