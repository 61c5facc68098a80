import Foundation
import GRDB
import LeadCore

/// What a purge did.
public struct PurgeResult: Sendable, Equatable {
    /// Delivered leads whose personal data was removed by this purge.
    public var purged: Int
    /// False when another process kept the write-ahead log busy, so old pages may linger in the
    /// -wal file until the next checkpoint.
    public var logCleared: Bool
}

// MARK: - Database Access: Purge

extension LeadStore {
    /// The title a purged lead shows instead of the person's name.
    public static let purgedTitle = "(personal data removed)"

    /// Removes the personal data of every lead delivered before `cutoff`: fields, options, the
    /// title/name/company copies, error messages and attempt messages (a portal's refusal can
    /// quote an address), delivered notes' text and delivered photos' bytes. Kept: the row's state, remote ID, times and attempt outcomes, so counts
    /// still add up, and each e-mail/phone key as a SHA-256 hash, so capturing the same person
    /// again still warns of a duplicate. Then VACUUM rewrites the file and the write-ahead log is
    /// checkpointed and truncated, so the removed bytes are gone from disk, not only from view.
    public func purgeDelivered(before cutoff: Date, now: Date = Date()) throws -> PurgeResult {
        let purged = try write { db -> Int in
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM lead WHERE state = 'synced' AND synced_at < ? AND title != ?",
                arguments: [cutoff.unixSeconds, LeadStore.purgedTitle])
            for id in ids {
                let keys = try Row.fetchAll(db, sql: "SELECT kind, value FROM lead_contact WHERE lead_id = ?", arguments: [id])
                    .map { (kind: $0["kind"] as String, value: $0["value"] as String) }
                try db.execute(sql: "DELETE FROM lead_contact WHERE lead_id = ?", arguments: [id])
                for key in keys where !key.value.hasPrefix(LeadStore.hashedKeyPrefix) {
                    try db.execute(
                        sql: "INSERT INTO lead_contact(lead_id, kind, value) VALUES (?, ?, ?)",
                        arguments: [id, key.kind, LeadStore.hashedContactKey(key.value)])
                }
                try db.execute(
                    sql: """
                        UPDATE lead SET fields = '{}', options = '{}', title = ?, person = '', company = '',
                            last_error_message = NULL, raw_scan = NULL, answers = '{}', consent = NULL, rating = NULL,
                            updated_at = ? WHERE id = ?
                        """, arguments: [LeadStore.purgedTitle, now.unixSeconds, id])
                try db.execute(sql: "UPDATE attempt SET message = NULL WHERE lead_id = ?", arguments: [id])
                // The search index holds the names and contacts; delivered notes hold what was said.
                try db.execute(sql: "DELETE FROM lead_search WHERE rowid = ?", arguments: [id])
                try db.execute(sql: "UPDATE note SET text = '' WHERE lead_id = ? AND state = 'synced'", arguments: [id])
                // A delivered photo is on the portal now; its bytes go with the rest.
                try db.execute(
                    sql: "DELETE FROM note_file WHERE note_id IN (SELECT id FROM note WHERE lead_id = ? AND state = 'synced')", arguments: [id])
            }
            try db.execute(sql: "INSERT OR REPLACE INTO maintenance(kind, at) VALUES ('purge', ?)", arguments: [now.unixSeconds])
            // A full-text index keeps deleted terms in old segments until they are merged.
            try db.execute(sql: "INSERT INTO lead_search(lead_search) VALUES ('optimize')")
            return ids.count
        }
        return PurgeResult(purged: purged, logCleared: try compactFile())
    }

    /// When the last purge ran, for the daemon's retention schedule.
    public func lastPurge() throws -> Date? {
        try read { db in try Double.fetchOne(db, sql: "SELECT at FROM maintenance WHERE kind = 'purge'") }.date
    }

    /// VACUUM, then a truncating checkpoint so the -wal file holds no old page either.
    private func compactFile() throws -> Bool {
        do {
            return try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                try db.execute(sql: "VACUUM")
                let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
                return (row?[0] as Int?) == 0
            }
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    static let hashedKeyPrefix = "sha256:"

    /// A contact key (normalised e-mail or phone digits) as a purged lead keeps it.
    static func hashedContactKey(_ value: String) -> String { hashedKeyPrefix + SHA256.hex(value) }
}
