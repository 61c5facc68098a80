import Foundation
import GRDB
import LeadCore

/// How many leads are in each state, for `status` and the status line.
public struct StateCounts: Sendable, Equatable {
    public var byState: [LeadState: Int]
    /// Leads synced since local midnight.
    public var syncedToday: Int

    public subscript(state: LeadState) -> Int { byState[state] ?? 0 }
    public var total: Int { byState.values.reduce(0, +) }
    /// Leads that still have to reach the portal without a person's help.
    public var waiting: Int { self[.pending] + self[.sending] + self[.inDoubt] }
}

// MARK: - Database Access: Reads

extension LeadStore {
    /// Leads newest first, optionally only one state and/or matching `search` in title, name or
    /// company (case-insensitive substring).
    public func list(state: LeadState? = nil, search: String? = nil, rating: String? = nil, limit: Int = 50, offset: Int = 0) throws -> [LeadRecord] {
        var (condition, arguments) = LeadStore.filter(state: state, search: search)
        if let rating {
            condition += " AND rating = ?"
            arguments += [rating]
        }
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT \(LeadRecord.columns) FROM lead WHERE \(condition) ORDER BY id DESC LIMIT ? OFFSET ?",
                             arguments: arguments + [limit, offset]).map(LeadRecord.init(row:))
        }
    }

    /// How many leads `list` would return without a limit.
    public func count(state: LeadState? = nil, search: String? = nil) throws -> Int {
        let (condition, arguments) = LeadStore.filter(state: state, search: search)
        return try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lead WHERE \(condition)", arguments: arguments) ?? 0 }
    }

    private static func filter(state: LeadState?, search: String?) -> (String, StatementArguments) {
        var conditions = ["1"]
        var arguments: StatementArguments = []
        if let state {
            conditions.append("state = ?")
            arguments += [state.rawValue]
        }
        if let search = search?.trimmingSpaces, !search.isEmpty {
            // What a booth worker searches by: title, name, company, e-mail or phone. Text columns
            // are compared case-insensitively in any script (SQLite's own LIKE folds ASCII only);
            // e-mails and phone digits through their index table, already normalised.
            let escaped = search.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
            // Digits match phone numbers only when the search looks like (part of) a phone number.
            let phoneLike = search.allSatisfy { "0123456789+-() .".contains($0) } && PhoneNumber.normalized(search).count >= 3
            let digits = phoneLike ? PhoneNumber.normalized(search) : ""
            conditions.append("""
                (leadbox_fold(title || ' ' || person || ' ' || company) LIKE ? ESCAPE '\\'
                 OR id IN (SELECT lead_id FROM lead_contact WHERE value LIKE ? ESCAPE '\\' OR (kind = 'phone' AND ? != '' AND value LIKE ?)))
                """)
            let folded = "%" + LeadStore.fold(escaped) + "%"
            arguments += [folded, folded, digits, "%" + digits + "%"]
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    /// One lead, or `StoreError.notFound`.
    public func record(id: Int64) throws -> LeadRecord {
        try read { db in try LeadStore.record(id: id, db) }
    }

    /// A lead's delivery attempts, oldest first.
    public func attempts(leadID: Int64) throws -> [AttemptRecord] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT at, outcome, http_status, error_code, message FROM attempt WHERE lead_id = ? ORDER BY id", arguments: [leadID]).map {
                AttemptRecord(at: Date(timeIntervalSince1970: $0["at"]), outcome: $0["outcome"], httpStatus: $0["http_status"], errorCode: $0["error_code"], message: $0["message"])
            }
        }
    }

    /// Counts per state, plus leads synced since `startOfToday`.
    public func counts(startOfToday: Date = Calendar.current.startOfDay(for: Date())) throws -> StateCounts {
        try read { db in
            var byState: [LeadState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM lead GROUP BY state") {
                if let state = LeadState(rawValue: row["state"]) { byState[state] = row["n"] }
            }
            let today = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM lead WHERE state = 'synced' AND synced_at >= ?", arguments: [startOfToday.unixSeconds]) ?? 0
            return StateCounts(byState: byState, syncedToday: today)
        }
    }

    /// A value that changes whenever a lead or the portal status changes, so a screen polls
    /// cheaply and redraws only when something happened (two index look-ups, no scan).
    public func changeToken() throws -> String {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT MAX(updated_at) FROM lead) AS lead_time, (SELECT MAX(id) FROM lead) AS last_id,
                       (SELECT updated_at FROM portal_state WHERE id = 1) AS portal_time
                """)
            let leadTime: Double = row?["lead_time"] ?? 0, lastID: Int64 = row?["last_id"] ?? 0, portalTime: Double = row?["portal_time"] ?? 0
            return "\(leadTime)/\(lastID)/\(portalTime)"
        }
    }
}
