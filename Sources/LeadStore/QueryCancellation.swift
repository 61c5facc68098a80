import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// A switch that stops a read already running in SQLite, for a screen whose question went stale
/// (the person typed another letter): the query ends within a few thousand SQLite steps instead
/// of scanning on for an answer nobody will look at.
///
/// It works through SQLite's progress handler on the reading connection only, so a capture or a
/// sync write on the writer connection is never interrupted.
public final class QueryCancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)

    public init() {}

    public func cancel() { cancelled.store(true, ordering: .releasing) }

    public var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    /// Runs `body` with the handler installed; a cancelled read throws `CancellationError`.
    func guarding<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        guard let connection = db.sqliteConnection else { return try body() }
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_progress_handler(
            connection, 1000,
            { context in
                Unmanaged<QueryCancellation>.fromOpaque(context!).takeUnretainedValue().isCancelled ? 1 : 0
            }, context)
        defer { sqlite3_progress_handler(connection, 0, nil, nil) }
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
            throw CancellationError()
        }
    }
}
