import Foundation
import GRDB
import LeadCore

/// What the outbox holds, read by the sync engine before each decision (`LeadStore.outboxWork`).
public struct OutboxWork: Sendable, Equatable {
    /// When the next pending lead is due (nil: none pending; a past date: due now).
    public var nextDue: Date?
    /// Whether any lead is in doubt (sent, outcome unknown) and must be looked up.
    public var hasInDoubt: Bool
    /// Whether the second lane, timeline notes on delivered leads, has a send or lookup due now.
    public var notesDue: Bool
    /// Leads not yet delivered (pending, sending, in doubt), for progress shown while syncing.
    public var waiting: Int

    public init(nextDue: Date? = nil, hasInDoubt: Bool = false, notesDue: Bool = false, waiting: Int = 0) {
        self.nextDue = nextDue
        self.hasInDoubt = hasInDoubt
        self.notesDue = notesDue
        self.waiting = waiting
    }

    /// Nothing to do: no lead waits and no note is due. A note still settling after a lost answer
    /// (due only once the portal can no longer be creating it) does not hold a drain open; the
    /// next engine run looks it up.
    public var isEmpty: Bool { nextDue == nil && !hasInDoubt && !notesDue }
}

/// A lead claimed for a send: what the request carries, read by the claim's own statement (the
/// whole record would be 21 columns, 50 times a batch, for a send that passes four on).
public struct ClaimedLead: Sendable, Equatable {
    public let id: Int64
    /// Sent as ORIGIN_ID.
    public let uuid: String
    /// The stored `fields` and `options` JSON, passed on as text.
    public let fieldsText: String
    public let optionsText: String
}

/// One lead's move after a delivery step, recorded together with its attempt row.
public struct LeadTransition: Sendable, Equatable {
    public var leadID: Int64
    /// The state the lead must be in for the move to apply; a lead changed meanwhile (by a
    /// person or another engine) is left alone.
    public var from: Set<LeadState>
    public var to: LeadState
    /// The attempt row's outcome word (created, rejected, unknown, deferred, found, not_found…).
    public var outcome: String
    public var remoteID: Int? = nil
    public var httpStatus: Int? = nil
    public var errorCode: String? = nil
    public var message: String? = nil
    /// Whether this counts as one of the lead's attempts (rate-limit refusals do not).
    public var charged: Bool = true
    /// For a lead sent back to pending: not before this time.
    public var nextAttemptAt: Date? = nil

    public init(
        leadID: Int64, from: Set<LeadState>, to: LeadState, outcome: String, remoteID: Int? = nil,
        httpStatus: Int? = nil, errorCode: String? = nil, message: String? = nil, charged: Bool = true,
        nextAttemptAt: Date? = nil
    ) {
        self.leadID = leadID
        self.from = from
        self.to = to
        self.outcome = outcome
        self.remoteID = remoteID
        self.httpStatus = httpStatus
        self.errorCode = errorCode
        self.message = message
        self.charged = charged
        self.nextAttemptAt = nextAttemptAt
    }
}

// MARK: - Database Access: Sync

extension LeadStore {
    /// After a crash, a lead left `sending` may or may not have reached the portal: it becomes
    /// `in_doubt` so it is looked up before anything is resent. Returns how many.
    @discardableResult
    public func markAbandonedSendsInDoubt(now: Date = Date()) throws -> Int {
        try write { db in
            try db.execute(sql: "UPDATE lead SET state = 'in_doubt', updated_at = ? WHERE state = 'sending'", arguments: [now.unixSeconds])
            return db.changesCount
        }
    }

    /// In-doubt leads, oldest first, to be looked up on the portal.
    public func inDoubtLeads(limit: Int) throws -> [LeadRecord] {
        try read { db in
            try LeadRecord.fetchAll(
                db, sql: "SELECT \(LeadRecord.columns) FROM lead WHERE state = 'in_doubt' ORDER BY id LIMIT ?", arguments: [limit])
        }
    }

    /// Claims up to `limit` due pending leads (oldest first) by marking them `sending` in one
    /// committed transaction. Call this **before** the request leaves: a crash after it leaves
    /// the leads `sending`, which the next engine turns into `in_doubt`. Returns the whole
    /// records as stored after the claim, for callers that look at them; the engine, which only
    /// sends them, uses `claimBatch`.
    public func claimDueLeads(limit: Int, now: Date = Date()) throws -> [LeadRecord] {
        try write { db in
            let ids = try LeadStore.claimBatch(limit: limit, now: now, db).map(\.id)
            return try LeadRecord.fetchAll(
                db, sql: "SELECT \(LeadRecord.columns) FROM lead WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
                arguments: [LeadStore.idList(ids)])
        }
    }

    /// `claimDueLeads` for the sync engine: the claimed leads as a send needs them, no more.
    public func claimBatch(limit: Int, now: Date = Date()) throws -> [ClaimedLead] {
        try write { db in try LeadStore.claimBatch(limit: limit, now: now, db) }
    }

    static func claimBatch(limit: Int, now: Date, _ db: Database) throws -> [ClaimedLead] {
        // One prepared statement claims and returns the whole batch; the rows keep their stored
        // JSON undecoded, since a send passes it on as text. Read through a cursor, each row in
        // place: `Row.fetchAll` would copy every row (and its column names) first.
        let rows = try Row.fetchCursor(
            db.cachedStatement(
                sql: """
                    UPDATE lead SET state = 'sending', send_started_at = ?1, updated_at = ?1
                    WHERE id IN (SELECT id FROM lead WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
                                 ORDER BY id LIMIT ?2)
                    RETURNING id, uuid, fields, options
                    """), arguments: [now.unixSeconds, limit])
        var claimed: [ClaimedLead] = []
        claimed.reserveCapacity(limit)
        while let row = try rows.next() {
            claimed.append(ClaimedLead(id: row[0], uuid: row[1], fieldsText: row[2], optionsText: row[3]))
        }
        claimed.sort { $0.id < $1.id }
        return claimed
    }

    /// What the sync engine may do next, read in one go before every step: when the next pending
    /// lead is due, whether any lead is in doubt, whether a timeline note is due, and how many
    /// leads wait (from the `state_count` counters).
    public func outboxWork(now: Date = Date()) throws -> OutboxWork {
        try read { db in try LeadStore.outboxWork(db, now: now) }
    }

    static func outboxWork(_ db: Database, now: Date) throws -> OutboxWork {
        let counts = try stateCounters(db)
        return OutboxWork(
            nextDue: try nextDueDate(db), hasInDoubt: (counts[.inDoubt] ?? 0) > 0,
            notesDue: try noteWorkDue(db, now: now), waiting: StateCounts.waiting(in: counts))
    }

    /// When the next pending lead becomes due (nil: none pending; a past date: due now): one
    /// step down the partial `lead_due` index (NULL, "due now", sorts first). `INDEXED BY`
    /// because without table statistics SQLite 3.40 picks the `(state, id)` index and sorts every
    /// pending lead: the engine asks before every batch, so a drain of n leads cost n² / 50 row
    /// reads (a tenth of the sync's CPU at 3,000 leads, measured with perf).
    static func nextDueDate(_ db: Database) throws -> Date? {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: nextDueSQL)) else { return nil }
        return Date(timeIntervalSince1970: (row[0] as Double?) ?? 0)
    }

    static let nextDueSQL = "SELECT next_attempt_at FROM lead INDEXED BY lead_due WHERE state = 'pending' ORDER BY next_attempt_at, id LIMIT 1"

    /// Records the outcome of a delivery step for every lead in it, in one transaction: the
    /// lead's new state and an attempt row each. Returns the IDs that moved, in the order given.
    ///
    /// A few statements for the whole batch rather than two per lead (perf put the per-lead
    /// statements at a third of a sync's CPU). Deliveries (every transition to `synced`, nearly
    /// every transition of a healthy sync) travel as `[lead, remote ID]` pairs per kind of
    /// delivery, every other column a bound constant; any other transition travels as one JSON row of thirteen columns (`json_each`),
    /// which costs SQLite twice as much per lead. The expected states are one ",pending,sending,"
    /// text, so the state check is part of each UPDATE, and the attempt rows are written for
    /// exactly the leads it moved.
    @discardableResult
    public func apply(_ transitions: [LeadTransition], now: Date = Date()) throws -> [Int64] {
        try write { db in try LeadStore.apply(transitions, now: now, db) }
    }

    /// `apply`, then `outboxWork` read in the same transaction: the sync engine's one store call
    /// after each answer, where it used to make three (outcome, progress counts, next step), each
    /// a hop to the store's thread and a transaction of its own.
    public func record(_ transitions: [LeadTransition], now: Date = Date()) throws -> OutboxWork {
        try write { db in
            try LeadStore.apply(transitions, now: now, db)
            return try LeadStore.outboxWork(db, now: now)
        }
    }

    @discardableResult
    static func apply(_ transitions: [LeadTransition], now: Date, _ db: Database) throws -> [Int64] {
        // One row per lead in a set-based UPDATE (which row wins for a repeated lead would be
        // SQLite's choice): a repeat is dropped, the first transition for a lead counts.
        var seen = Set<Int64>()
        let transitions = transitions.filter { seen.insert($0.leadID).inserted }
        guard !transitions.isEmpty else { return [] }
        var deliveries: [DeliveryKind: [LeadTransition]] = [:]
        var others: [LeadTransition] = []
        for transition in transitions {
            if let kind = DeliveryKind(transition) { deliveries[kind, default: []].append(transition) } else { others.append(transition) }
        }
        var moved = Set<Int64>()
        for (kind, group) in deliveries { moved.formUnion(try recordDeliveries(group, as: kind, at: now, db)) }
        if !others.isEmpty { moved.formUnion(try recordTransitions(others, at: now, db)) }
        return transitions.map(\.leadID).filter { moved.contains($0) }
    }

    /// Deliveries of one kind (see `DeliveryKind`): the leads found in an expected state become
    /// `synced` with their remote IDs, and get an attempt row each.
    private static func recordDeliveries(_ group: [LeadTransition], as kind: DeliveryKind, at now: Date, _ db: Database) throws -> [Int64] {
        let pairs = pairList(group)
        let moved = try Int64.fetchAll(
            db.cachedStatement(
                sql: """
                    UPDATE lead SET state = 'synced', attempts = attempts + ?3, updated_at = ?2,
                        remote_id = COALESCE(t.remote_id, lead.remote_id), synced_at = ?2, send_started_at = NULL,
                        next_attempt_at = NULL, last_error_code = NULL, last_error_message = NULL
                    FROM (SELECT json_extract(value, '$[0]') AS lead_id, json_extract(value, '$[1]') AS remote_id FROM json_each(?1)) AS t
                    WHERE lead.id = t.lead_id AND instr(?4, ',' || lead.state || ',') > 0
                    RETURNING lead.id
                    """), arguments: [pairs, now.unixSeconds, kind.charged ? 1 : 0, kind.expected])
        guard !moved.isEmpty else { return [] }
        try db.cachedStatement(
            sql: """
                INSERT INTO attempt(lead_id, at, outcome, http_status, error_code, message) SELECT value, ?2, ?3, ?4, ?5, ?6 FROM json_each(?1)
                """
        ).execute(arguments: [idList(moved), now.unixSeconds, kind.outcome, kind.httpStatus, kind.errorCode, kind.message])
        return moved
    }

    /// Transitions other than deliveries (rejections, deferrals, leads put in doubt or back in
    /// the queue), each as a JSON row of `LeadTransition.rowColumns`.
    private static func recordTransitions(_ transitions: [LeadTransition], at now: Date, _ db: Database) throws -> [Int64] {
        let rows = JSONValue.array(transitions.map { $0.row }).compactText
        let moved = try Int64.fetchAll(
            db.cachedStatement(
                sql: """
                    WITH t AS (SELECT \(LeadTransition.rowColumns) FROM json_each(?1))
                    UPDATE lead SET state = t.to_state, attempts = attempts + t.charged, updated_at = ?2,
                        remote_id = COALESCE(t.remote_id, lead.remote_id),
                        send_started_at = CASE WHEN t.to_state IN ('pending', 'failed') THEN NULL ELSE lead.send_started_at END,
                        next_attempt_at = t.next_attempt_at,
                        last_error_code = CASE WHEN t.keeps_error THEN t.error_text_code ELSE lead.last_error_code END,
                        last_error_message = CASE WHEN t.keeps_error THEN t.error_text ELSE lead.last_error_message END
                    FROM t WHERE lead.id = t.lead_id AND instr(t.expected, ',' || lead.state || ',') > 0
                    RETURNING lead.id
                    """), arguments: [rows, now.unixSeconds])
        guard !moved.isEmpty else { return [] }
        try db.cachedStatement(
            sql: """
                WITH t AS (SELECT \(LeadTransition.rowColumns) FROM json_each(?1))
                INSERT INTO attempt(lead_id, at, outcome, http_status, error_code, message)
                SELECT lead_id, ?2, outcome, http_status, error_code, message FROM t
                WHERE lead_id IN (SELECT value FROM json_each(?3))
                """
        ).execute(arguments: [rows, now.unixSeconds, idList(moved)])
        return moved
    }

    /// Outbox IDs as a JSON array, for `json_each(?)`: one bound value for a whole batch,
    /// written as digits (a `JSONValue` tree would hold them as doubles).
    static func idList(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// Deliveries as `[[lead ID, remote ID or null], …]`, the same way.
    private static func pairList(_ group: [LeadTransition]) -> String {
        "[" + group.map { "[\($0.leadID),\($0.remoteID.map(String.init) ?? "null")]" }.joined(separator: ",") + "]"
    }
}

/// What a group of deliveries (transitions to `synced`) has in common, so that only the lead and
/// its remote ID differ within the group. Every delivery goes this way, whatever it carries.
private struct DeliveryKind: Hashable {
    var expected: String
    var outcome: String
    var httpStatus: Int?
    var charged: Bool
    /// For the attempt row only: a delivered lead keeps no error.
    var errorCode: String?
    var message: String?

    init?(_ transition: LeadTransition) {
        guard transition.to == .synced else { return nil }
        expected = transition.expectedStates
        outcome = transition.outcome
        httpStatus = transition.httpStatus
        charged = transition.charged
        errorCode = transition.errorCode
        message = transition.message
    }
}

extension LeadTransition {
    /// The transition as one element of `apply`'s JSON array, in the order of `rowColumns`.
    fileprivate var row: JSONValue {
        let keepsError = errorCode != nil || message != nil
        return .array([
            .number(Double(leadID)), .string(to.rawValue), .number(charged ? 1 : 0), remoteID.map { .number(Double($0)) } ?? .null,
            nextAttemptAt.map { .number($0.unixSeconds) } ?? .null, .bool(keepsError), .string(errorCode ?? ""), .string(message ?? ""),
            .string(expectedStates), .string(outcome), httpStatus.map { .number(Double($0)) } ?? .null,
            errorCode.map(JSONValue.string) ?? .null, message.map(JSONValue.string) ?? .null,
        ])
    }

    /// The states the lead may be in, as ",in_doubt,sending,": the UPDATE's `instr` check.
    fileprivate var expectedStates: String { "," + from.map(\.rawValue).sorted().joined(separator: ",") + "," }

    /// `json_each` rows back as named columns.
    fileprivate static let rowColumns = [
        "lead_id", "to_state", "charged", "remote_id", "next_attempt_at", "keeps_error", "error_text_code", "error_text",
        "expected", "outcome", "http_status", "error_code", "message",
    ].enumerated().map { "json_extract(value, '$[\($0.offset)]') AS \($0.element)" }.joined(separator: ", ")
}

// MARK: - Async access for async callers

extension LeadStore {
    /// Runs store calls on a thread of their own and awaits them, for async callers: the sync
    /// engine's actor (and the cooperative thread under it) stays free while SQLite waits up to
    /// the busy timeout for another process's write, or an fsync takes its time. One wrapper
    /// instead of an async copy of every statement: each statement exists once.
    public func awaiting<T: Sendable>(_ calls: @escaping @Sendable (LeadStore) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            LeadStore.blockingCalls.async { continuation.resume(with: Result { try calls(self) }) }
        }
    }

    /// Concurrent: reads never wait for one another; SQLite (WAL) orders the writes.
    private static let blockingCalls = DispatchQueue(label: "leadbox.store.async", qos: .utility, attributes: .concurrent)
}
