import Foundation
import GRDB
import LeadCore

/// What `retry` of one lead put back in the queue: the lead itself (when it had failed) and its
/// notes the portal refused (a photo, say), so the message can say which.
public struct Requeued: Sendable, Equatable {
    /// The lead as it is now.
    public let record: LeadRecord
    /// 1 when the lead itself had failed, else 0.
    public let leads: Int
    public let notes: Int
}

/// What `retry --failed` put back in the queue.
public struct RequeuedCount: Sendable, Equatable {
    public let leads: Int
    public let notes: Int
}

/// An earlier lead with the same e-mail address or phone number as a new one.
public struct DuplicateMatch: Sendable, Hashable {
    public let leadID: Int64
    public let title: String
    /// `.email` or `.phone`.
    public let kind: MultiFieldKind
    /// The address or number as the earlier lead has it.
    public let value: String

    public init(leadID: Int64, title: String, kind: MultiFieldKind, value: String) {
        self.leadID = leadID
        self.title = title
        self.kind = kind
        self.value = value
    }
}

/// What `add` saved, and which earlier leads look like the same person.
public struct CaptureResult: Sendable {
    public let record: LeadRecord
    public let duplicates: [DuplicateMatch]
}

// MARK: - Database Access: Captures and edits

extension LeadStore {
    /// Saves a new lead as `pending`. Returns only after COMMIT, so a returned lead is on disk.
    /// A photo in the request is saved in the same transaction, as the lead's photo note.
    ///
    /// Every front door builds a `CaptureRequest` (the event's rules applied in one order); the
    /// lead is validated here, inside the write transaction, so nothing invalid can reach the
    /// outbox whichever way it came. A same e-mail or phone as an earlier lead does not stop the
    /// save: it is reported in `duplicates` for a warning.
    public func add(_ request: CaptureRequest, clearingDraft: Bool = false, now: Date = Date()) throws -> CaptureResult {
        try write { db in
            // Validated inside the write transaction: one transaction per capture, not a read first.
            let context = try captureContext(db)
            try request.lead.validate(against: context.schema)
            let stored = StoredLead(request.lead)
            let duplicates = try LeadStore.duplicates(of: stored.contacts, excluding: nil, hashedToo: context.anyPurge, db)
            let record = try LeadStore.insert(
                request.lead, stored: stored, rawScan: request.rawScan, qualification: request.qualification,
                rating: request.rating, photo: request.photo, now: now, db)
            if clearingDraft { try db.execute(sql: "DELETE FROM draft") }
            return CaptureResult(record: record, duplicates: duplicates)
        }
    }

    /// Saves a lead as it is, with no event rules applied (`CaptureRequest(asCaptured:)`).
    public func add(_ lead: Lead, now: Date = Date()) throws -> CaptureResult {
        try add(CaptureRequest(asCaptured: lead), now: now)
    }

    /// Saves many leads in one transaction: all of them or, on any error, none.
    public func addAll(_ requests: [CaptureRequest], now: Date = Date()) throws -> [LeadRecord] {
        try write { db in
            let schema = try schema(db)
            for request in requests { try request.lead.validate(against: schema) }
            return try requests.map {
                try LeadStore.insert(
                    $0.lead, rawScan: $0.rawScan, qualification: $0.qualification, rating: $0.rating, photo: $0.photo, now: now, db)
            }
        }
    }

    /// `addAll` of leads as they are (`CaptureRequest(asCaptured:)`).
    public func addAll(_ leads: [Lead], now: Date = Date()) throws -> [LeadRecord] {
        try addAll(leads.map { CaptureRequest(asCaptured: $0) }, now: now)
    }

    /// Earlier leads sharing an e-mail or phone with `lead` (for the duplicate warning).
    public func duplicates(of lead: Lead, excluding id: Int64? = nil) throws -> [DuplicateMatch] {
        try read { db in try LeadStore.duplicates(of: LeadStore.contactKeys(of: lead), excluding: id, hashedToo: true, db) }
    }

    /// Replaces the fields of a lead that has not reached the portal (pending or failed).
    /// A failed lead stays failed until `retry`, so an edit alone never sends anything.
    public func edit(id: Int64, lead: Lead, now: Date = Date()) throws -> LeadRecord {
        try write { db in
            try lead.validate(against: try schema(db))
            let current = try LeadStore.record(id: id, db)
            guard current.state.isEditable else {
                throw StoreError(
                    .wrongState, "Lead #\(id) is \(current.state.rawValue) and can no longer be edited; only waiting or failed leads can.")
            }
            // The stored fields are what a send copies, so an edit refreshes them here.
            let stored = StoredLead(lead)
            try db.execute(
                sql: """
                    UPDATE lead SET fields = ?, options = ?, title = ?, person = ?, company = ?, updated_at = ?
                    WHERE id = ?
                    """, arguments: [stored.fields, stored.options, stored.title, stored.person, stored.company, now.unixSeconds, id])
            try db.execute(sql: "DELETE FROM lead_contact WHERE lead_id = ?", arguments: [id])
            try LeadStore.indexContacts(of: stored, leadID: id, replacing: true, db)
            return try LeadStore.record(id: id, db)
        }
    }

    /// Marks a lead that has not reached the portal as not to be sent.
    public func discard(id: Int64, now: Date = Date()) throws -> LeadRecord {
        try write { db in
            let current = try LeadStore.record(id: id, db)
            guard current.state.isEditable else {
                let why =
                    current.state == .synced
                    ? "it is already in the CRM"
                    : current.state == .discarded
                        ? "it is already discarded"
                        : current.state == .handedOver
                            ? "it was handed over to another laptop" : "its delivery is in progress; wait until its outcome is known"
                throw StoreError(.wrongState, "Lead #\(id) cannot be discarded: \(why).")
            }
            try db.execute(sql: "UPDATE lead SET state = 'discarded', updated_at = ? WHERE id = ?", arguments: [now.unixSeconds, id])
            // Its notes and photo would never be sent either (a note waits for its lead to be in the
            // CRM): they go with it, rather than waiting in the outbox forever.
            try db.execute(sql: "DELETE FROM note WHERE lead_id = ? AND state = 'pending'", arguments: [id])
            return try LeadStore.record(id: id, db)
        }
    }

    /// Puts a failed lead back in the queue, due now, with its failed notes; a lead already in
    /// the CRM whose photo or note the portal refused gets those notes queued again. Refuses a
    /// lead with nothing failed.
    public func retry(id: Int64, now: Date = Date()) throws -> Requeued {
        try write { db in
            let current = try LeadStore.record(id: id, db)
            let failedNotes = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM note WHERE lead_id = ? AND state = 'failed'", arguments: [id]) ?? 0
            guard current.state == .failed || failedNotes > 0 else {
                throw StoreError(
                    .wrongState, "Lead #\(id) is \(current.state.word), not failed, and has no failed note or photo; there is nothing to retry.")
            }
            try LeadStore.requeueFailed(where: "id = ?", [id], now: now, db)
            let notes = try LeadStore.requeueFailedNotes(where: "lead_id = ?", [id], now: now, db)
            return Requeued(record: try LeadStore.record(id: id, db), leads: current.state == .failed ? 1 : 0, notes: notes)
        }
    }

    /// Puts every failed lead and every failed note back in the queue.
    public func retryAllFailed(now: Date = Date()) throws -> RequeuedCount {
        try write { db in
            try LeadStore.requeueFailed(where: "1", [], now: now, db)
            let leads = db.changesCount
            return RequeuedCount(leads: leads, notes: try LeadStore.requeueFailedNotes(where: "1", [], now: now, db))
        }
    }

    /// Failed notes back to pending, due now (sent once their lead is in the CRM); returns how many.
    private static func requeueFailedNotes(where condition: String, _ arguments: StatementArguments, now: Date, _ db: Database) throws -> Int {
        // Touch the leads first, while their notes can still be told by `failed`, so every screen
        // watching the outbox sees them move, and no other lead.
        try db.execute(
            sql: "UPDATE lead SET updated_at = ? WHERE id IN (SELECT lead_id FROM note WHERE state = 'failed' AND \(condition))",
            arguments: [now.unixSeconds] + arguments)
        try db.execute(
            sql: """
                UPDATE note SET state = 'pending', next_attempt_at = NULL, send_started_at = NULL,
                    last_error_code = NULL, last_error_message = NULL, updated_at = ?
                WHERE state = 'failed' AND \(condition)
                """, arguments: [now.unixSeconds] + arguments)
        return db.changesCount
    }

    private static func requeueFailed(where condition: String, _ arguments: StatementArguments, now: Date, _ db: Database) throws {
        try db.execute(
            sql: """
                UPDATE lead SET state = 'pending', next_attempt_at = NULL, send_started_at = NULL,
                    last_error_code = NULL, last_error_message = NULL, updated_at = ?
                WHERE state = 'failed' AND \(condition)
                """, arguments: [now.unixSeconds] + arguments)
    }

    // MARK: - Drafts

    /// Keeps the terminal UI's form in progress (opaque JSON) across crashes.
    public func saveDraft(_ json: String, now: Date = Date()) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO draft(id, json, updated_at) VALUES (1, ?, ?)", arguments: [json, now.unixSeconds])
        }
    }

    public func draft() throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT json FROM draft WHERE id = 1") }
    }

    public func clearDraft() throws {
        try write { db in try db.execute(sql: "DELETE FROM draft") }
    }

    // MARK: - Helpers

    static func insert(
        _ lead: Lead, stored: StoredLead? = nil, rawScan: String? = nil, qualification: Qualification = .none, rating: String? = nil,
        photo: LeadPhoto? = nil, now: Date, _ db: Database
    ) throws -> LeadRecord {
        let uuid = LeadStore.randomUUID()
        let stored = stored ?? StoredLead(lead)
        let qualifying = qualification.columns
        try db.cachedStatement(
            sql: """
                INSERT INTO lead (uuid, state, fields, options, title, person, company, created_at, updated_at, raw_scan, answers, consent, rating)
                VALUES (?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            uuid, stored.fields, stored.options, stored.title, stored.person, stored.company,
            now.unixSeconds, now.unixSeconds, rawScan, qualifying.answers, qualifying.consent, rating,
        ])
        let id = db.lastInsertedRowID
        try indexContacts(of: stored, leadID: id, replacing: false, db)
        if let photo {
            try insertPhotoNote(
                leadID: id, fileName: photo.fileName, jpeg: photo.jpeg, text: NoteText.stamped(photo.commentText, at: now), now: now, db)
        }
        // Built from what was just written rather than read back: a capture is one INSERT, not
        // an INSERT plus a SELECT and a JSON decode.
        var record = LeadRecord(id: id, uuid: uuid, stored: stored, createdAt: Date(timeIntervalSince1970: now.unixSeconds), rawScan: rawScan)
        record.qualification = qualification
        record.rating = rating
        return record
    }

    /// A random (version 4) UUID in lowercase text, from the system generator (`getrandom`):
    /// Foundation's `UUID()` opens and reads /dev/urandom for each one, 3 % of a capture (perf).
    static func randomUUID() -> String {
        var random = SystemRandomNumberGenerator()
        var bytes = [UInt8](repeating: 0, count: 16)
        for offset in stride(from: 0, to: 16, by: 8) {
            let word = random.next()
            for byte in 0..<8 { bytes[offset + byte] = UInt8(truncatingIfNeeded: word >> (8 * byte)) }
        }
        bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
        bytes[8] = bytes[8] & 0x3F | 0x80  // RFC 4122 variant
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func contactKeys(of lead: Lead) -> [(kind: String, value: String)] {
        let emails = lead.entries(.email).map { ("email", $0.value.trimmingSpaces.lowercased()) }
        let phones = lead.entries(.phone).map { ("phone", PhoneNumber.normalized($0.value)) }.filter { $0.1.count >= 5 }
        return emails + phones
    }

    /// Writes what finds a lead again: its e-mails and phone digits for the duplicate warning
    /// (`lead_contact`) and its row in the search index (`lead_search`, migration 0004), replacing
    /// any earlier one. Every path that saves a lead's fields calls this.
    static func indexContacts(of stored: StoredLead, leadID: Int64, replacing: Bool, _ db: Database) throws {
        let keys = stored.contacts
        for key in keys {
            try db.cachedStatement(sql: "INSERT INTO lead_contact(lead_id, kind, value) VALUES (?, ?, ?)").execute(arguments: [
                leadID, key.kind, key.value,
            ])
        }
        if replacing { try db.cachedStatement(sql: "DELETE FROM lead_search WHERE rowid = ?").execute(arguments: [leadID]) }
        let emails = keys.filter { $0.kind == "email" }.map(\.value).joined(separator: "\n")
        let phones = keys.filter { $0.kind == "phone" }.map(\.value).joined(separator: "\n")
        try db.cachedStatement(sql: "INSERT INTO lead_search(rowid, names, emails, phones) VALUES (?, ?, ?, ?)")
            .execute(arguments: [leadID, stored.title + " " + stored.person + " " + stored.company, emails, phones])
    }

    /// Up to five earlier leads per e-mail or phone key, newest first, discarded ones left out.
    ///
    /// Equality probes of the `(kind, value)` index a capture writes anyway — the value as typed
    /// and, once any purge has run (`hashedToo`), hashed as a purge keeps it — and a look at the
    /// lead only when one hits. A new visitor, the usual case, costs one index seek per key; the
    /// earlier single JOIN with `IN` and `ORDER BY` built a temporary B-tree and an IN table for
    /// every key, a fifth of a capture's CPU (perf).
    static func duplicates(of keys: [(kind: String, value: String)], excluding id: Int64?, hashedToo: Bool, _ db: Database) throws -> [DuplicateMatch]
    {
        let probe = try db.cachedStatement(sql: "SELECT lead_id FROM lead_contact WHERE kind = ? AND value = ?")
        let earlier = try db.cachedStatement(sql: "SELECT title FROM lead WHERE id = ? AND state != 'discarded'")
        var matches: [DuplicateMatch] = []
        for key in keys {
            var ids = Set<Int64>()
            for value in hashedToo ? [key.value, hashedContactKey(key.value)] : [key.value] {
                ids.formUnion(try Int64.fetchAll(probe, arguments: [key.kind, value]))
            }
            if let id { ids.remove(id) }
            let kind: MultiFieldKind = key.kind == "phone" ? .phone : .email
            var found = 0
            for leadID in ids.sorted(by: >) where found < 5 {
                guard let title = try String.fetchOne(earlier, arguments: [leadID]) else { continue }
                found += 1
                if !matches.contains(where: { $0.leadID == leadID && $0.kind == kind }) {
                    matches.append(DuplicateMatch(leadID: leadID, title: title, kind: kind, value: key.value))
                }
            }
        }
        return matches
    }

    static func record(id: Int64, _ db: Database) throws -> LeadRecord {
        guard let record = try LeadRecord.fetchOne(db.cachedStatement(sql: "SELECT \(LeadRecord.columns) FROM lead WHERE id = ?"), arguments: [id])
        else {
            throw StoreError.notFound(id)
        }
        return record
    }

    /// A write transaction (BEGIN IMMEDIATE) whose SQLite errors are reworded for people.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.writeWithoutTransaction { db in try LeadStore.immediateTransaction(db, body) }
        } catch let error as StoreError { throw error } catch let error as LeadValidationError { throw error } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    /// BEGIN IMMEDIATE … COMMIT through cached statements, rolled back when `body` or the COMMIT
    /// throws. GRDB's `write` compiles both statements anew for each transaction, which was 5 % of
    /// a capture (perf); what a transaction guarantees is the same.
    static func immediateTransaction<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE").execute()
        do {
            let result = try body(db)
            try db.cachedStatement(sql: "COMMIT").execute()
            return result
        } catch {
            if db.isInsideTransaction { try? db.cachedStatement(sql: "ROLLBACK").execute() }
            throw error
        }
    }

    func read<T>(_ cancellation: QueryCancellation? = nil, _ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read { db in
                guard let cancellation else { return try body(db) }
                return try cancellation.guarding(db) { try body(db) }
            }
        } catch let error as StoreError { throw error } catch let error as CancellationError { throw error } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }
}
