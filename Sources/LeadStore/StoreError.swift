import GRDB

/// Why the outbox could not do what was asked, in one sentence a booth worker can act on.
public struct StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The database file or its folder cannot be used (missing, read-only, not SQLite).
        case unusableDatabase
        /// The lead does not exist.
        case notFound
        /// The lead's state forbids the action (editing a synced lead, say).
        case wrongState
        /// Anything else SQLite reported.
        case database
    }

    public let kind: Kind
    public let description: String

    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }

    static func notFound(_ id: Int64) -> StoreError {
        StoreError(.notFound, "There is no lead #\(id); `leadbox list` shows the leads there are.")
    }

    /// Wraps an SQLite error from a path-level operation in a sentence that names the file.
    static func wrapping(_ error: any Error, path: String) -> StoreError {
        if let store = error as? StoreError { return store }
        if let db = error as? DatabaseError {
            switch db.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return StoreError(.unusableDatabase, "\(path) is not a leadbox database (it is not SQLite or it is damaged); it was left untouched, so choose another --db path.")
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
                return StoreError(.unusableDatabase, "The database \(path) cannot be opened for writing; check that its folder exists and is writable, or choose another --db path.")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return StoreError(.database, "The database \(path) stayed locked by another leadbox process for too long; try again.")
            case .SQLITE_FULL, .SQLITE_IOERR:
                return StoreError(.database, "The disk holding \(path) is full or failing; free some space and try again — nothing was saved.")
            default:
                return StoreError(.database, "The database \(path) reported an error (\(db.resultCode)): \(db.message ?? "unknown").")
            }
        }
        return StoreError(.database, "The database \(path) could not be used: \(error).")
    }
}
