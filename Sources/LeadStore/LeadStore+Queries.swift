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
    public var waiting: Int { StateCounts.waiting(in: byState) }

    /// Leads that still have to reach the portal without a person's help: pending, being sent, in doubt.
    static func waiting(in byState: [LeadState: Int]) -> Int {
        [LeadState.pending, .sending, .inDoubt].reduce(0) { $0 + (byState[$1] ?? 0) }
    }
}

// MARK: - Database Access: Reads

extension LeadStore {
    /// Leads newest first, optionally only one state, one rating and/or matching `search` in
    /// title, name, company, e-mail or phone (case-insensitive substring, see `LeadSearch`). A
    /// `cancellation` stops the read early (the UI's superseded searches).
    public func list(
        state: LeadState? = nil, search: String? = nil, rating: String? = nil, limit: Int = 50, offset: Int = 0,
        cancellation: QueryCancellation? = nil
    ) throws -> [LeadRecord] {
        let query = LeadStore.query(state: state, search: search, rating: rating)
        return try read(cancellation) { db in
            try LeadRecord.fetchAll(
                db, sql: "SELECT \(LeadRecord.columns) FROM \(query.from) WHERE \(query.condition) ORDER BY \(query.newestFirst) LIMIT ? OFFSET ?",
                arguments: query.arguments + [limit, offset])
        }
    }

    /// How many leads `list` would return without a limit. Without a search or rating this reads
    /// the per-state counters (`state_count`), so it costs the same at a million leads as at ten.
    public func count(state: LeadState? = nil, search: String? = nil, rating: String? = nil, cancellation: QueryCancellation? = nil) throws -> Int {
        if LeadSearch(search) == nil, rating == nil {
            return try read { db in
                let counters = try LeadStore.stateCounters(db)
                return state.map { counters[$0] ?? 0 } ?? counters.values.reduce(0, +)
            }
        }
        let query = LeadStore.query(state: state, search: search, rating: rating)
        return try read(cancellation) { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(query.from) WHERE \(query.condition)", arguments: query.arguments) ?? 0
        }
    }

    /// Where `list` and `count` read from. An indexed search drives the query from the FTS index,
    /// newest match first (FTS5 walks its rowids backwards, so LIMIT stops early with no sort);
    /// anything else reads `lead` by its primary key.
    static func query(state: LeadState?, search: String?, rating: String? = nil) -> (
        from: String, condition: String, arguments: StatementArguments, newestFirst: String
    ) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        var from = "lead"
        var newestFirst = "id DESC"
        if let search = LeadSearch(search) {
            if search.usesIndex {
                from = "lead_search JOIN lead ON lead.id = lead_search.rowid"
                newestFirst = "lead_search.rowid DESC"
                conditions.append("lead_search MATCH ?")
                arguments += [search.match]
            } else {
                let (condition, searchArguments) = search.scanned
                conditions.append(condition)
                arguments += searchArguments
            }
        }
        if let state {
            conditions.append("state = ?")
            arguments += [state.rawValue]
        }
        if let rating {
            conditions.append("lead.rating = ?")
            arguments += [rating]
        }
        return (from, conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), arguments, newestFirst)
    }

    /// The `state_count` table (kept by triggers, see migration 0005) as a dictionary.
    static func stateCounters(_ db: Database) throws -> [LeadState: Int] {
        var byState: [LeadState: Int] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT state, n FROM state_count")) {
            if let state = LeadState(rawValue: row["state"]) { byState[state] = row["n"] }
        }
        return byState
    }

    /// One lead, or `StoreError.notFound`.
    public func record(id: Int64) throws -> LeadRecord {
        try read { db in try LeadStore.record(id: id, db) }
    }

    /// A lead's delivery attempts, oldest first.
    public func attempts(leadID: Int64) throws -> [AttemptRecord] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT at, outcome, http_status, error_code, message FROM attempt WHERE lead_id = ? ORDER BY id", arguments: [leadID]
            ).map {
                AttemptRecord(
                    at: Date(timeIntervalSince1970: $0["at"]), outcome: $0["outcome"], httpStatus: $0["http_status"], errorCode: $0["error_code"],
                    message: $0["message"])
            }
        }
    }

    /// Leads synced since a time, counted over the partial `lead_synced_at` index. `INDEXED BY`
    /// because without table statistics SQLite 3.40 prefers the `(state, id)` index for
    /// `state = 'synced'` and then reads every synced lead's row to test `synced_at`: 2.5 s at
    /// 1,000,000 leads against 3 ms over the range (measured with the bench's 1M database).
    static let syncedSinceSQL = "SELECT COUNT(*) FROM lead INDEXED BY lead_synced_at WHERE state = 'synced' AND synced_at >= ?"

    /// Counts per state (the counters, no scan), plus leads synced since `startOfToday` (a range
    /// over the `lead_synced_at` index).
    public func counts(startOfToday: Date = Calendar.current.startOfDay(for: Date())) throws -> StateCounts {
        try read { db in
            let byState = try LeadStore.stateCounters(db)
            let today = try Int.fetchOne(db, sql: LeadStore.syncedSinceSQL, arguments: [startOfToday.unixSeconds]) ?? 0
            // States with no lead are left out, as a GROUP BY would.
            return StateCounts(byState: byState.filter { $0.value > 0 }, syncedToday: today)
        }
    }

    /// Leads waiting and failed, from the counters alone: what the sync engine asks after every
    /// batch, where `counts()`'s "sent today" range would grow with every lead it sends.
    public func deliveryCounts() throws -> (waiting: Int, failed: Int) {
        try read { db in
            let byState = try LeadStore.stateCounters(db)
            return (StateCounts.waiting(in: byState), byState[.failed] ?? 0)
        }
    }

    /// A value that changes whenever anything in the outbox changes (a lead saved, sent, edited,
    /// purged or handed over, the portal status), so a screen polls cheaply and redraws only
    /// when something happened: SQLite's `PRAGMA data_version` on the store's watching connection
    /// (no index to keep, no scan). A file opened immutable (a full disk) cannot change.
    public func changeToken() throws -> String {
        guard writer is DatabasePool else { return "immutable" }
        let watcher = try changeWatcher.withLock { watcher in
            if let watcher { return watcher }
            let opened = try DatabaseQueue(path: path, configuration: LeadStore.configuration(readonly: true))
            watcher = opened
            return opened
        }
        return try watcher.inDatabase { db in String(try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0) }
    }
}
