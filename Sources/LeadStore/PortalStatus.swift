import Foundation
import GRDB
import LeadCore

/// What the sync engine last knew about the portal, written to the database so the UI, `status`
/// and every other process show the same truth.
public struct PortalStatus: Sendable, Equatable {
    public enum State: String, Sendable, Codable {
        /// The last request got an answer.
        case online
        /// The portal could not be reached; the engine probes again at `nextAttemptAt`.
        case offline
        /// Sync waits for a person (bad webhook, missing scope, blocked portal) or for a limit.
        case paused
        /// No webhook is configured.
        case notConfigured = "not_configured"
        /// No engine has run yet.
        case unknown
    }

    public var state: State
    /// Why, in words a booth worker can act on (secrets already redacted).
    public var reason: String?
    public var nextAttemptAt: Date?
    public var lastSuccessAt: Date?
    public var updatedAt: Date
    /// The process that wrote it, so a reader can tell whether a daemon is running.
    public var enginePID: Int32?

    public init(
        state: State, reason: String? = nil, nextAttemptAt: Date? = nil, lastSuccessAt: Date? = nil,
        updatedAt: Date = Date(), enginePID: Int32? = nil
    ) {
        self.state = state
        self.reason = reason
        self.nextAttemptAt = nextAttemptAt
        self.lastSuccessAt = lastSuccessAt
        self.updatedAt = updatedAt
        self.enginePID = enginePID
    }

    public static let unknown = PortalStatus(state: .unknown, updatedAt: Date(timeIntervalSince1970: 0))
}

// MARK: - Database Access: Portal state, cache and credentials

extension LeadStore {
    public func portalStatus() throws -> PortalStatus {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM portal_state WHERE id = 1") else { return .unknown }
            return PortalStatus(
                state: PortalStatus.State(rawValue: row["state"]) ?? .unknown,
                reason: row["reason"],
                nextAttemptAt: (row["next_attempt_at"] as Double?).date,
                lastSuccessAt: (row["last_success_at"] as Double?).date,
                updatedAt: Date(timeIntervalSince1970: row["updated_at"]),
                enginePID: row["engine_pid"])
        }
    }

    public func setPortalStatus(_ status: PortalStatus) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO portal_state(id, state, reason, next_attempt_at, last_success_at, updated_at, engine_pid)
                    VALUES (1, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    status.state.rawValue, status.reason, status.nextAttemptAt?.unixSeconds,
                    status.lastSuccessAt?.unixSeconds, status.updatedAt.unixSeconds, status.enginePID,
                ])
        }
    }

    /// Stores portal metadata (`fields`, `status.SOURCE`, …) as JSON for offline validation.
    public func setCache(_ kind: String, json: String, now: Date = Date()) throws {
        try write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO portal_cache(kind, json, fetched_at) VALUES (?, ?, ?)", arguments: [kind, json, now.unixSeconds])
        }
    }

    public func cache(_ kind: String) throws -> (json: String, fetchedAt: Date)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT json, fetched_at FROM portal_cache WHERE kind = ?", arguments: [kind]).map {
                ($0["json"], Date(timeIntervalSince1970: $0["fetched_at"]))
            }
        }
    }

    /// The newest OAuth token pair; the refresh token rotates on every refresh, so it is written
    /// durably before it is used.
    public func saveTokens(access: String, refresh: String, now: Date = Date()) throws {
        try write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO oauth_token(id, access_token, refresh_token, updated_at) VALUES (1, ?, ?, ?)",
                arguments: [access, refresh, now.unixSeconds])
        }
    }

    public func tokens() throws -> (access: String, refresh: String)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT access_token, refresh_token FROM oauth_token WHERE id = 1").map {
                ($0["access_token"], $0["refresh_token"])
            }
        }
    }
}
