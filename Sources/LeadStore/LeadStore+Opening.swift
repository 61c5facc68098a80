import Foundation
import GRDB
import Migrations

/// Opening and upgrading an outbox that other processes may be opening at the same moment: six
/// `leadbox add` on a new file, or systemd starting the daemon while the UI opens after an upgrade.
extension LeadStore {
    /// The read-write connection pool, switched to WAL.
    ///
    /// Every connection has its busy timeout before its first statement, but switching a new file
    /// to WAL reads page 1 and then upgrades to a write lock, and SQLite refuses that upgrade at
    /// once ("database is locked", no busy wait) while another opener is switching the same file:
    /// waiting could deadlock two readers that both want to write. That refusal is retried on the
    /// monotonic clock for up to the busy timeout; by then the file is in WAL mode and opening
    /// takes no write lock.
    static func openWriter(_ path: String) throws -> DatabasePool {
        let deadline = ContinuousClock.now + .seconds(busyTimeout)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration(readonly: false))
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && ContinuousClock.now < deadline {
                // The other opener holds the lock for one fsync'd page write: a short pause, not a spin.
                usleep(2_000)
            }
        }
    }

    /// The first `count` embedded migrations, or all of them: what this binary's schema is made of.
    static func embeddedMigrations(upTo count: Int? = nil) -> ArraySlice<(name: String, sql: String)> {
        SchemaMigrations.all.prefix(count ?? SchemaMigrations.all.count)
    }

    /// The migrations the file records as applied, in GRDB's `grdb_migrations` table (which
    /// earlier versions of leadbox wrote through GRDB's migrator); none on a new file.
    static func appliedMigrationNames(_ db: Database) throws -> Set<String> {
        guard try db.tableExists("grdb_migrations") else { return [] }
        return try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations")
    }

    /// Whether the file has every embedded migration (or the first `count`). A file a newer
    /// leadbox upgraded further is current too: its extra migrations are its own business.
    static func isCurrent(_ db: Database, upTo count: Int? = nil) throws -> Bool {
        let applied = try appliedMigrationNames(db)
        return embeddedMigrations(upTo: count).allSatisfy { applied.contains($0.name) }
    }

    /// Applies the embedded migrations the file lacks (all of them, or the first `count`) in one
    /// `BEGIN IMMEDIATE` transaction, reading which are applied only once inside it.
    ///
    /// SQLite's write lock is the migration lock: a process starting beside another waits for it
    /// (the busy timeout), then finds the schema already current and commits nothing. GRDB's own
    /// migrator read the applied list before taking any lock and ran each migration in a
    /// transaction of its own, so two first starts both ran `0001_init` ("table lead already
    /// exists"). One transaction also makes an upgrade all or nothing: no reader, and no crash,
    /// ever sees half a schema. The identifiers go in GRDB's `grdb_migrations` table as before,
    /// so files written by earlier versions read the same.
    static func upgradeSchema(_ writer: any DatabaseWriter, upTo count: Int? = nil) throws {
        try writer.writeWithoutTransaction { db in
            // Migrations that rewrite a table need foreign keys off outside the transaction and
            // checked before COMMIT (SQLite's procedure for schema changes, as GRDB's migrator does).
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            do {
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
                    let applied = try appliedMigrationNames(db)
                    for migration in embeddedMigrations(upTo: count) where !applied.contains(migration.name) {
                        try db.execute(sql: migration.sql)
                        try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [migration.name])
                    }
                    try db.checkForeignKeys()
                    return .commit
                }
            } catch {
                try? db.execute(sql: "PRAGMA foreign_keys = ON")
                throw error
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
    }
}
