import GRDB
import LeadCore

/// Why the outbox could not do what was asked, in one sentence a booth worker can act on.
public struct StoreError: UserFacingError, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The database file or its folder cannot be created or written (missing folder, read-only).
        case cannotCreate
        /// The file is not a leadbox database (another program's, damaged, a folder).
        case notADatabase
        /// The file exists but cannot be read (permissions).
        case unreadable
        /// The lead does not exist.
        case notFound
        /// The lead's state forbids the action (editing a synced lead, say).
        case wrongState
        /// Another process kept the database locked for longer than the busy timeout.
        case busy
        /// The disk is full or failing.
        case diskFull
        /// Anything else SQLite reported.
        case database
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    public var exitStatus: ExitStatus {
        switch kind {
        case .cannotCreate: .cannotCreate
        case .notADatabase: .dataError
        case .notFound, .wrongState: .usage
        case .busy: .temporary
        case .unreadable, .diskFull, .database: .ioError
        }
    }

    static func notFound(_ id: Int64) -> StoreError {
        StoreError(.notFound, "There is no lead #\(id); `leadbox list` shows the leads there are.")
    }

    /// Whether SQLite's error means the disk cannot take more or cannot be read reliably, which a
    /// read-only opening can work around (see `LeadStore.Access.read`).
    static func isDiskTrouble(_ error: any Error) -> Bool {
        guard let db = error as? DatabaseError else { return false }
        return [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_READONLY].contains(db.resultCode)
    }

    /// Wraps an SQLite error from a path-level operation in a sentence that names the file.
    static func wrapping(_ error: any Error, path: String) -> StoreError {
        if let store = error as? StoreError { return store }
        if let db = error as? DatabaseError {
            switch db.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return StoreError(
                    .notADatabase,
                    "\(path) is not a leadbox database (it is not SQLite or it is damaged); it was left untouched, so choose another --db path.")
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
                return StoreError(
                    .cannotCreate,
                    "The database \(path) cannot be opened for writing; check that its folder exists and is writable, or choose another --db path.")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(.busy, "The database \(path) stayed locked by another leadbox process for too long; try again.")
            case .SQLITE_FULL, .SQLITE_IOERR:
                return StoreError(.diskFull, "The disk holding \(path) is full or failing; free some space and try again — nothing was saved.")
            default:
                return StoreError(.database, "The database \(path) reported an error (\(db.resultCode)): \(db.message ?? "unknown").")
            }
        }
        return StoreError(.database, "The database \(path) could not be used: \(error).")
    }
}
