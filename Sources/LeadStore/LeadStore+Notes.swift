import Foundation
import GRDB
import LeadCore

/// A quick note on a lead already in the CRM (or on its way there), waiting to become a
/// timeline comment. It moves through the lead states, except `discarded`.
///
/// A lead's photo is a note too, saved with the lead: its comment carries the JPEG as a file
/// (`fileName`, bytes read with `LeadStore.noteFileBytes` only when it is sent), and it goes
/// through the same states, marker and lookup as every note.
public struct NoteRecord: Sendable, Equatable, Identifiable {
    public let id: Int64
    /// Written into the comment's marker line; the key a lookup finds the comment by.
    public let uuid: String
    public let leadID: Int64
    /// The stamped line, exactly as the comment carries it (before its marker line).
    public let text: String
    public var state: LeadState
    /// The comment's ID on the portal, once synced.
    public var remoteID: Int?
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var sendStartedAt: Date?
    public var lastErrorMessage: String?
    public var createdAt: Date
    /// When the portal confirmed the comment (or a lookup found it).
    public var syncedAt: Date?
    /// The lead's ID on the portal (the comment's ENTITY_ID), when the lead is synced.
    public var leadRemoteID: Int?
    /// The attached file's name, for a lead's photo; nil for a typed note.
    public var fileName: String?
    /// The attached file's size in bytes, for a lead's photo.
    public var fileSize: Int?

    /// How screens name where the note went: a typed note's ID is its timeline comment's; a
    /// photo's is the comment that carries it or, with `event.photo_field`, the file written into
    /// the field, so it is named neutrally.
    public var portalReference: String? { remoteID.map { fileName == nil ? "comment \($0)" : "portal ID \($0)" } }

    /// The timeline comment as sent: the note, then its marker line.
    public var comment: String { NoteText.comment(text, uuid: uuid) }

    static let columns = """
        note.id, note.uuid, note.lead_id, note.text, note.state, note.remote_id, note.attempts, note.next_attempt_at,
        note.send_started_at, note.last_error_message, note.created_at, note.synced_at, lead.remote_id AS lead_remote_id,
        note_file.name AS file_name, length(note_file.bytes) AS file_size
        """

    init(row: Row) {
        id = row["id"]
        uuid = row["uuid"]
        leadID = row["lead_id"]
        text = row["text"]
        state = LeadState(rawValue: row["state"]) ?? .pending
        remoteID = row["remote_id"]
        attempts = row["attempts"]
        nextAttemptAt = (row["next_attempt_at"] as Double?).date
        sendStartedAt = (row["send_started_at"] as Double?).date
        lastErrorMessage = row["last_error_message"]
        createdAt = Date(timeIntervalSince1970: row["created_at"])
        syncedAt = (row["synced_at"] as Double?).date
        leadRemoteID = row["lead_remote_id"]
        fileName = row["file_name"]
        fileSize = row["file_size"]
    }
}

/// Where a note went.
public enum NoteOutcome: Sendable, Equatable {
    /// The lead has not been sent: the line was added to its COMMENTS (an edit of the waiting lead).
    case appendedToLead(LeadRecord)
    /// The lead is in the CRM or on its way: the note waits in the outbox as a timeline comment.
    case queued(NoteRecord)
}

/// One note's move after a delivery step (the note lane's `LeadTransition`).
public struct NoteTransition: Sendable, Equatable {
    public var noteID: Int64
    /// The state the note must still be in; anything else means it moved meanwhile.
    public var from: Set<LeadState>
    public var to: LeadState
    public var remoteID: Int?
    public var errorCode: String?
    public var message: String?
    public var charged: Bool
    /// Not before this time: the next send of a pending note, the next lookup of an in-doubt one.
    public var nextAttemptAt: Date?

    public init(
        noteID: Int64, from: Set<LeadState>, to: LeadState, remoteID: Int? = nil, errorCode: String? = nil,
        message: String? = nil, charged: Bool = false, nextAttemptAt: Date? = nil
    ) {
        self.noteID = noteID
        self.from = from
        self.to = to
        self.remoteID = remoteID
        self.errorCode = errorCode
        self.message = message
        self.charged = charged
        self.nextAttemptAt = nextAttemptAt
    }
}

// MARK: - Database Access: Notes

extension LeadStore {
    /// Adds a quick note to lead `leadID`, in one transaction with reading its state, so the
    /// sync engine cannot claim the lead in between: a waiting or failed lead gets a stamped line
    /// in COMMENTS (it goes out with the lead); a lead in the CRM or being sent gets a note row,
    /// delivered as a timeline comment once the lead is synced.
    public func addNote(leadID: Int64, text: String, now: Date = Date()) throws -> NoteOutcome {
        guard let cleaned = NoteText.cleaned(text) else {
            throw StoreError(.wrongState, "The note is empty; type what you want to remember about the lead.")
        }
        let line = NoteText.stamped(cleaned, at: now)
        return try write { db in
            let record = try LeadStore.record(id: leadID, db)
            switch record.state {
            case .pending, .failed:
                var lead = record.lead
                lead["COMMENTS"] = NoteText.appending(line, to: lead["COMMENTS"])
                // The stored fields are what a send copies: the note goes out with the lead.
                try db.execute(
                    sql: "UPDATE lead SET fields = ?, updated_at = ? WHERE id = ?",
                    arguments: [StoredLead(lead).fields, now.unixSeconds, leadID])
                return .appendedToLead(try LeadStore.record(id: leadID, db))
            case .sending, .inDoubt, .synced:
                try db.execute(
                    sql: """
                        INSERT INTO note (uuid, lead_id, text, state, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?)
                        """, arguments: [LeadStore.randomUUID(), leadID, line, now.unixSeconds, now.unixSeconds])
                // Touch the lead so every screen watching the outbox sees the new note.
                try db.execute(sql: "UPDATE lead SET updated_at = ? WHERE id = ?", arguments: [now.unixSeconds, leadID])
                return .queued(try LeadStore.notes(where: "note.id = ?", [db.lastInsertedRowID], db)[0])
            case .discarded:
                throw StoreError(.wrongState, "Lead #\(leadID) is discarded, so a note on it would never reach the CRM.")
            case .handedOver:
                throw StoreError(.wrongState, "Lead #\(leadID) was handed over to another laptop; add the note there, where it will be sent.")
            }
        }
    }

    /// A lead's notes, oldest first.
    public func notes(leadID: Int64) throws -> [NoteRecord] {
        try read { db in try LeadStore.notes(where: "note.lead_id = ?", [leadID], db) }
    }

    /// Notes (photos included) that still have to reach the portal — pending, sending or in
    /// doubt — and notes the portal refused.
    public func noteCounts() throws -> (waiting: Int, failed: Int) {
        try read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FILTER (WHERE state IN ('pending', 'sending', 'in_doubt')) AS waiting,
                           COUNT(*) FILTER (WHERE state = 'failed') AS failed FROM note
                    """)
            return (row?["waiting"] ?? 0, row?["failed"] ?? 0)
        }
    }

    /// Notes the portal refused (a photo too large, a comment the webhook may not add), the
    /// latest refused first: they wait for a person's `retry`, so `status` names their leads and
    /// the UI's banner the lead just refused.
    public func failedNotes(limit: Int = 100) throws -> [NoteRecord] {
        try read { db in
            try LeadStore.notes(where: "note.state = 'failed'", [], orderBy: "note.updated_at DESC, note.id DESC", limit: limit, db)
        }
    }

    // MARK: Sync

    /// A note left `sending` by a process that died may have reached the portal: it becomes
    /// `in_doubt`, to be looked up before any resend. Returns how many.
    @discardableResult
    public func markAbandonedNoteSendsInDoubt(now: Date = Date()) throws -> Int {
        try write { db in
            try db.execute(
                sql: "UPDATE note SET state = 'in_doubt', next_attempt_at = NULL, updated_at = ? WHERE state = 'sending'",
                arguments: [now.unixSeconds])
            return db.changesCount
        }
    }

    /// In-doubt notes whose lookup is due, oldest first.
    public func inDoubtNotesDue(limit: Int, now: Date = Date()) throws -> [NoteRecord] {
        try read { db in
            try LeadStore.notes(
                where: "note.state = 'in_doubt' AND (note.next_attempt_at IS NULL OR note.next_attempt_at <= ?)",
                [now.unixSeconds], limit: limit, db)
        }
    }

    /// Whether the note lane has work now: a note of a delivered lead to send, or an in-doubt
    /// note whose lookup is due. Cheap enough for every turn of the engine's loop.
    static func noteWorkDue(_ db: Database, now: Date) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT EXISTS (SELECT 1 FROM note JOIN lead ON lead.id = note.lead_id
                                   WHERE note.state = 'pending' AND lead.state = 'synced' AND lead.remote_id IS NOT NULL
                                     AND (note.next_attempt_at IS NULL OR note.next_attempt_at <= ?1))
                        OR EXISTS (SELECT 1 FROM note WHERE note.state IN ('in_doubt', 'sending')
                                     AND (note.next_attempt_at IS NULL OR note.next_attempt_at <= ?1))
                    """), arguments: [now.unixSeconds]) ?? false
    }

    /// Claims the oldest due note of a synced lead by marking it `sending` in a committed
    /// transaction. Call this **before** the request leaves.
    public func claimDueNote(now: Date = Date()) throws -> NoteRecord? {
        try write { db in
            guard
                let id = try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT note.id FROM note JOIN lead ON lead.id = note.lead_id
                        WHERE note.state = 'pending' AND lead.state = 'synced' AND lead.remote_id IS NOT NULL
                          AND (note.next_attempt_at IS NULL OR note.next_attempt_at <= ?)
                        ORDER BY note.id LIMIT 1
                        """, arguments: [now.unixSeconds])
            else { return nil }
            try db.execute(
                sql: "UPDATE note SET state = 'sending', send_started_at = ?, updated_at = ? WHERE id = ?",
                arguments: [now.unixSeconds, now.unixSeconds, id])
            return try LeadStore.notes(where: "note.id = ?", [id], db).first
        }
    }

    /// Records delivery outcomes of notes in one transaction; a note no longer in a `from`
    /// state is left alone. Returns the IDs that moved.
    @discardableResult
    public func apply(_ transitions: [NoteTransition], now: Date = Date()) throws -> [Int64] {
        guard !transitions.isEmpty else { return [] }
        return try write { db in
            var moved: [Int64] = []
            for t in transitions {
                guard let current = try String.fetchOne(db, sql: "SELECT state FROM note WHERE id = ?", arguments: [t.noteID]),
                    let state = LeadState(rawValue: current), t.from.contains(state)
                else { continue }
                let synced = t.to == .synced
                try db.execute(
                    sql: """
                        UPDATE note SET state = ?, attempts = attempts + ?, updated_at = ?, remote_id = COALESCE(?, remote_id),
                            synced_at = CASE WHEN ? THEN ? ELSE synced_at END,
                            send_started_at = CASE WHEN ? IN ('pending', 'synced', 'failed') THEN NULL ELSE send_started_at END,
                            next_attempt_at = ?,
                            last_error_code = CASE WHEN ? THEN NULL ELSE COALESCE(?, last_error_code) END,
                            last_error_message = CASE WHEN ? THEN NULL ELSE COALESCE(?, last_error_message) END
                        WHERE id = ?
                        """,
                    arguments: [
                        t.to.rawValue, t.charged ? 1 : 0, now.unixSeconds, t.remoteID, synced, now.unixSeconds,
                        t.to.rawValue, t.nextAttemptAt?.unixSeconds, synced, t.errorCode, synced, t.message, t.noteID,
                    ])
                // The lead's row changed too, as far as a screen watching the outbox is concerned.
                try db.execute(
                    sql: "UPDATE lead SET updated_at = ? WHERE id = (SELECT lead_id FROM note WHERE id = ?)",
                    arguments: [now.unixSeconds, t.noteID])
                moved.append(t.noteID)
            }
            return moved
        }
    }

    static func notes(
        where condition: String, _ arguments: StatementArguments, orderBy order: String = "note.id", limit: Int = -1, _ db: Database
    ) throws -> [NoteRecord] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT \(NoteRecord.columns) FROM note JOIN lead ON lead.id = note.lead_id LEFT JOIN note_file ON note_file.note_id = note.id
                WHERE \(condition) ORDER BY \(order) LIMIT ?
                """,
            arguments: arguments + [limit]
        ).map(NoteRecord.init(row:))
    }

    // MARK: Photos

    /// The bytes of note `noteID`'s attached file (a lead's photo), read when the note is sent;
    /// nil for a typed note, or once a purge has removed them.
    public func noteFileBytes(noteID: Int64) throws -> [UInt8]? {
        try read { db in
            try Data.fetchOne(db, sql: "SELECT bytes FROM note_file WHERE note_id = ?", arguments: [noteID]).map { [UInt8]($0) }
        }
    }

    /// The photo a lead carries, whatever its note's state (nil when it has none, or a purge removed it).
    public func photo(leadID: Int64) throws -> (fileName: String, jpeg: [UInt8])? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT name, bytes FROM note_file JOIN note ON note.id = note_file.note_id WHERE note.lead_id = ? ORDER BY note.id LIMIT 1",
                arguments: [leadID]
            ).map { (fileName: $0["name"], jpeg: [UInt8]($0["bytes"] as Data)) }
        }
    }

    /// Queues `photo` as lead `leadID`'s photo note, `pending` until the lead is synced: the note
    /// row and its file, inside the caller's transaction (the capture's, so a lead is never
    /// saved without its photo nor a photo without its lead). `text` is the stamped comment line.
    static func insertPhotoNote(leadID: Int64, fileName: String, jpeg: [UInt8], text: String, now: Date, _ db: Database) throws {
        try db.cachedStatement(
            sql: "INSERT INTO note (uuid, lead_id, text, state, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?)"
        ).execute(arguments: [LeadStore.randomUUID(), leadID, text, now.unixSeconds, now.unixSeconds])
        try db.cachedStatement(sql: "INSERT INTO note_file (note_id, name, bytes) VALUES (?, ?, ?)").execute(arguments: [
            db.lastInsertedRowID, fileName, Data(jpeg),
        ])
    }
}
