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
            try Row.fetchAll(db, sql: "SELECT \(LeadRecord.columns) FROM lead WHERE state = 'in_doubt' ORDER BY id LIMIT ?", arguments: [limit])
                .map(LeadRecord.init(row:))
        }
    }

    /// Claims up to `limit` due pending leads (oldest first) by marking them `sending` in one
    /// committed transaction. Call this **before** the request leaves: a crash after it leaves
    /// the leads `sending`, which the next engine turns into `in_doubt`.
    public func claimDueLeads(limit: Int, now: Date = Date()) throws -> [LeadRecord] {
        try write { db in
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM lead WHERE state = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
                ORDER BY id LIMIT ?
                """, arguments: [now.unixSeconds, limit])
            guard !ids.isEmpty else { return [] }
            let list = ids.map(String.init).joined(separator: ",")
            try db.execute(sql: "UPDATE lead SET state = 'sending', send_started_at = ?, updated_at = ? WHERE id IN (\(list))",
                           arguments: [now.unixSeconds, now.unixSeconds])
            return try Row.fetchAll(db, sql: "SELECT \(LeadRecord.columns) FROM lead WHERE id IN (\(list)) ORDER BY id").map(LeadRecord.init(row:))
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
            let currentState = try db.cachedStatement(sql: "SELECT state FROM lead WHERE id = ?")
            let update = try db.cachedStatement(sql: """
                    UPDATE lead SET state = ?, attempts = attempts + ?, updated_at = ?,
                        remote_id = COALESCE(?, remote_id),
                        synced_at = CASE WHEN ? = 'synced' THEN ? ELSE synced_at END,
                        send_started_at = CASE WHEN ? IN ('pending', 'synced', 'failed') THEN NULL ELSE send_started_at END,
                        next_attempt_at = ?,
                        last_error_code = CASE WHEN ? = 'synced' THEN NULL WHEN ? THEN ? ELSE last_error_code END,
                        last_error_message = CASE WHEN ? = 'synced' THEN NULL WHEN ? THEN ? ELSE last_error_message END
                    WHERE id = ?
                    """)
            let insertAttempt = try db.cachedStatement(sql: "INSERT INTO attempt(lead_id, at, outcome, http_status, error_code, message) VALUES (?, ?, ?, ?, ?, ?)")
            for t in transitions {
                guard let current = try String.fetchOne(currentState, arguments: [t.leadID]),
                      let state = LeadState(rawValue: current), t.from.contains(state) else { continue }
                let keepsError = t.to == .synced ? false : t.errorCode != nil || t.message != nil
                try update.execute(arguments: [t.to.rawValue, t.charged ? 1 : 0, now.unixSeconds,
                                     t.remoteID,
                                     t.to.rawValue, now.unixSeconds,
                                     t.to.rawValue,
                                     t.nextAttemptAt?.unixSeconds,
                                     t.to.rawValue, keepsError, t.errorCode ?? "",
                                     t.to.rawValue, keepsError, t.message ?? "",
                                     t.leadID])
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
