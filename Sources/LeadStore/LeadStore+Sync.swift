import Foundation
import GRDB
import LeadCore

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

    public init(leadID: Int64, from: Set<LeadState>, to: LeadState, outcome: String, remoteID: Int? = nil,
                httpStatus: Int? = nil, errorCode: String? = nil, message: String? = nil, charged: Bool = true,
                nextAttemptAt: Date? = nil) {
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
            try LeadRecord.fetchAll(db, sql: "SELECT \(LeadRecord.columns) FROM lead WHERE state = 'in_doubt' ORDER BY id LIMIT ?", arguments: [limit])
        }
    }

    /// Claims up to `limit` due pending leads (oldest first) by marking them `sending` in one
    /// committed transaction. Call this **before** the request leaves: a crash after it leaves
    /// the leads `sending`, which the next engine turns into `in_doubt`.
    public func claimDueLeads(limit: Int, now: Date = Date()) throws -> [LeadRecord] {
        // One prepared statement claims and returns the whole batch; the rows keep their stored
        // JSON undecoded, since a send passes it on as text.
        try write { db in
            try LeadRecord.fetchAll(db.cachedStatement(sql: """
                UPDATE lead SET state = 'sending', send_started_at = ?1, updated_at = ?1
                WHERE id IN (SELECT id FROM lead WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)
                             ORDER BY id LIMIT ?2)
                RETURNING \(LeadRecord.columns)
                """), arguments: [now.unixSeconds, limit]).sorted { $0.id < $1.id }
        }
    }

    /// When the next pending lead becomes due: nil when none is pending, a past date when one is
    /// due now.
    public func nextDueDate() throws -> Date? {
        // One step down the partial `lead_due` index (NULL, "due now", sorts first): the engine
        // asks this before every batch, so it must not count the queue.
        try read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT next_attempt_at FROM lead WHERE state = 'pending' ORDER BY next_attempt_at, id LIMIT 1
                """)) else { return nil }
            return Date(timeIntervalSince1970: (row["next_attempt_at"] as Double?) ?? 0)
        }
    }

    /// Records the outcome of a delivery step for every lead in it, in one transaction: the
    /// lead's new state and an attempt row each. Returns the IDs that moved.
    @discardableResult
    public func apply(_ transitions: [LeadTransition], now: Date = Date()) throws -> [Int64] {
        guard !transitions.isEmpty else { return [] }
        return try write { db in
            var moved: [Int64] = []
            // The expected states travel as ",pending,sending," so the state check is part of the
            // one UPDATE per lead (no SELECT first); changesCount says whether it applied.
            let update = try db.cachedStatement(sql: """
                    UPDATE lead SET state = ?1, attempts = attempts + ?2, updated_at = ?3,
                        remote_id = COALESCE(?4, remote_id),
                        synced_at = CASE WHEN ?1 = 'synced' THEN ?3 ELSE synced_at END,
                        send_started_at = CASE WHEN ?1 IN ('pending', 'synced', 'failed') THEN NULL ELSE send_started_at END,
                        next_attempt_at = ?5,
                        last_error_code = CASE WHEN ?1 = 'synced' THEN NULL WHEN ?6 THEN ?7 ELSE last_error_code END,
                        last_error_message = CASE WHEN ?1 = 'synced' THEN NULL WHEN ?6 THEN ?8 ELSE last_error_message END
                    WHERE id = ?9 AND instr(?10, ',' || state || ',') > 0
                    """)
            let insertAttempt = try db.cachedStatement(sql: "INSERT INTO attempt(lead_id, at, outcome, http_status, error_code, message) VALUES (?, ?, ?, ?, ?, ?)")
            for t in transitions {
                let keepsError = t.to == .synced ? false : t.errorCode != nil || t.message != nil
                let expected = "," + t.from.map(\.rawValue).joined(separator: ",") + ","
                try update.execute(arguments: [t.to.rawValue, t.charged ? 1 : 0, now.unixSeconds, t.remoteID,
                                               t.nextAttemptAt?.unixSeconds, keepsError, t.errorCode ?? "", t.message ?? "",
                                               t.leadID, expected])
                guard db.changesCount == 1 else { continue }
                try insertAttempt.execute(arguments: [t.leadID, now.unixSeconds, t.outcome, t.httpStatus, t.errorCode, t.message])
                moved.append(t.leadID)
            }
            return moved
        }
    }
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
