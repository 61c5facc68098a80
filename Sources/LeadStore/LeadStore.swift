import Foundation
import GRDB
import LeadCore
import Synchronization

/// The outbox: every captured lead in one SQLite file shared by the terminal UI, the CLI and the
/// sync daemon.
///
/// Durability is the point. The file runs in WAL mode with `synchronous=FULL`, so a lead is on
/// disk once `add` returns (the method returns only after COMMIT); write transactions are
/// `BEGIN IMMEDIATE` and wait up to ten seconds for another process, so concurrent captures queue
/// rather than fail with SQLITE_BUSY. Modelled on GRDB's `AppDatabase`: one value that owns the
/// connection, runs the migrations when it opens, and exposes intention-revealing methods.
public final class LeadStore: Sendable {
    /// Where the database lives.
    public let path: String
    let writer: any DatabaseWriter
    /// The cached portal schema as last decoded, with the `fetched_at` it was decoded from: every
    /// capture validates against it, and decoding the field list each time cost more than the save.
    let decodedSchema = Mutex<(fetchedAt: Double, schema: PortalSchema?)?>(nil)
    /// A read-only connection of its own for `changeToken`, opened on first use: SQLite's
    /// `data_version` counts the commits of every *other* connection, so two readings compare
    /// only on one and the same connection, and one that never writes sees every commit.
    let changeWatcher = Mutex<DatabaseQueue?>(nil)

    /// How long a write (or an opening, or a migration) waits for another process before giving up.
    static let busyTimeout: TimeInterval = 10

    /// The default database: `$XDG_DATA_HOME/leadbox/leads.sqlite` (`~/.local/share/...`).
    public static var defaultPath: String {
        let env = ProcessInfo.processInfo.environment
        let dataHome =
            env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (env["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/leadbox/leads.sqlite"
    }

    /// What a command needs the outbox for.
    public enum Access: Sendable {
        /// Capture, edit, sync: the file is created if missing and its schema brought up to date.
        case readWrite
        /// Looking only (`list`, `show`, `status`, `export`): works on a read-only file or folder
        /// and on a full disk, where a read-write opening fails because SQLite cannot create its
        /// shared-memory file. Falls back to `readWrite` when the file does not exist yet or its
        /// schema is older than this binary's (both need writing).
        case read
    }

    /// Opens (creating if needed) the outbox at `path` and brings its schema up to date.
    ///
    /// - parameter createFolder: create a missing parent folder (mode 0700); true for the default
    ///   path, false when the user named a path, so a typo does not scatter folders around.
    /// - parameter migrations: how many of the embedded migrations to apply; tests use it to
    ///   build an old-schema database.
    /// - parameter access: `.read` for commands that only look.
    /// - throws: `StoreError` with a sentence that names the file. A file that is not a leadbox
    ///   database is never modified.
    public init(path: String, createFolder: Bool = false, migrations: Int? = nil, access: Access = .readWrite) throws(StoreError) {
        self.path = path
        do {
            if access == .read, migrations == nil, FileManager.default.fileExists(atPath: path),
                let reader = try LeadStore.openForReading(path)
            {
                writer = reader
                return
            }
            try LeadStore.prepareFile(at: path, createFolder: createFolder)
            writer = try LeadStore.openWriter(path)
            // GRDB switches its WAL writer to synchronous=NORMAL after `prepareDatabase` has run,
            // which can lose the last commits on power loss. Every write goes through this one
            // connection, so setting FULL here makes each COMMIT fsync the WAL before it returns.
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            try LeadStore.refuseForeignDatabase(writer, path: path)
            // An up-to-date file is not written to at all when it opens; an older one is checked
            // again under the write lock, where another process may have upgraded it meanwhile.
            if try !writer.read({ db in try LeadStore.isCurrent(db, upTo: migrations) }) {
                try LeadStore.upgradeSchema(writer, upTo: migrations)
            }
            LeadStore.restrictPermissions(path)
        } catch {
            throw StoreError.wrapping(error, path: path)
        }
    }

    static func configuration(readonly: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.readonly = readonly
        configuration.busyMode = .timeout(LeadStore.busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            db.add(function: LeadStore.foldFunction)
        }
        return configuration
    }

    /// A read-only connection to an existing, up-to-date outbox, or nil when the schema needs
    /// migrating (the caller then opens it read-write).
    ///
    /// When even a read-only WAL connection cannot start — SQLite must create the `-shm` file,
    /// which fails on a full disk or in a read-only folder — and no write-ahead log holds
    /// uncheckpointed commits, the file is opened `immutable`: the main file then holds every
    /// committed lead, so what is shown is exactly what is on disk.
    private static func openForReading(_ path: String) throws -> (any DatabaseWriter)? {
        try checkExistingFile(at: path)
        var reader: any DatabaseWriter
        do {
            let pool = try DatabasePool(path: path, configuration: configuration(readonly: true))
            _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            reader = pool
        } catch  where StoreError.isDiskTrouble(error) && !hasUncheckpointedLog(path) {
            reader = try DatabaseQueue(path: immutableURI(path), configuration: configuration(readonly: true))
        }
        try refuseForeignDatabase(reader, path: path)
        guard try reader.read({ db in try isCurrent(db) }) else { return nil }
        return reader
    }

    private static func hasUncheckpointedLog(_ path: String) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        return size > 0
    }

    /// `file:` URI with `immutable=1` (Debian's SQLite accepts URI filenames).
    private static func immutableURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// `leadbox_fold(text)`: lower-cases any script for search (SQLite's own LIKE folds ASCII
    /// only, so "бор" would not find "Борис").
    static let foldFunction = DatabaseFunction("leadbox_fold", argumentCount: 1, pure: true) { values in
        String.fromDatabaseValue(values[0]).map(fold)
    }

    static func fold(_ text: String) -> String { text.lowercased() }

    /// Names of the migrations applied to this database.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in try LeadStore.appliedMigrationNames(db) }.sorted()
    }

    /// The write connection's `PRAGMA synchronous` level (2 = FULL).
    public func synchronousLevel() throws -> Int {
        try writer.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    /// Runs SQLite's own consistency check; "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try writer.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    // MARK: - Opening safely

    private static let sqliteHeader = Array("SQLite format 3\0".utf8)

    /// Creates the folder and an empty 0600 file when needed, and checks an existing file is SQLite
    /// before SQLite touches it.
    private static func prepareFile(at path: String, createFolder: Bool) throws(StoreError) {
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !fm.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard createFolder else {
                throw StoreError(.cannotCreate, "The folder \(folder) does not exist; create it first or choose another --db path.")
            }
            do {
                try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreError(
                    .cannotCreate, "The folder \(folder) could not be created; check the permissions of its parent or choose another --db path.")
            }
        } else if !isDirectory.boolValue {
            throw StoreError(.cannotCreate, "\(folder) is a file, not a folder; choose another --db path.")
        }
        if fm.fileExists(atPath: path) {
            try checkExistingFile(at: path)
            guard fm.isWritableFile(atPath: path), fm.isWritableFile(atPath: folder) else {
                throw StoreError(
                    .cannotCreate,
                    "The database \(path) or its folder is read-only; leadbox needs to write there, so fix the permissions or choose another --db path."
                )
            }
        } else {
            guard fm.isWritableFile(atPath: folder) else {
                throw StoreError(.cannotCreate, "The folder \(folder) is read-only; choose another --db path.")
            }
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            if fd < 0 && errno != EEXIST {
                throw StoreError(
                    .cannotCreate, "The database \(path) could not be created (\(String(cString: strerror(errno)))); choose another --db path.")
            }
            if fd >= 0 { close(fd) }
        }
    }

    /// An existing path must be a readable SQLite file; anything else is left untouched.
    private static func checkExistingFile(at path: String) throws(StoreError) {
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if isDirectory.boolValue { throw StoreError(.notADatabase, "\(path) is a folder, not a database file; choose another --db path.") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.unreadable, "The database \(path) cannot be read; check its permissions or choose another --db path.")
        }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        if !head.isEmpty && Array(head) != sqliteHeader {
            throw StoreError(
                .notADatabase, "\(path) is not a leadbox database (it is not an SQLite file); it was left untouched, so choose another --db path.")
        }
    }

    /// An SQLite file made by some other program has tables but no leadbox migrations: refuse it
    /// instead of adding our tables to someone else's data.
    private static func refuseForeignDatabase(_ writer: any DatabaseWriter, path: String) throws {
        let foreign = try writer.read { db -> Bool in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            return !tables.isEmpty && !tables.contains("grdb_migrations")
        }
        if foreign {
            throw StoreError(
                .notADatabase,
                "\(path) is an SQLite database of another program, not a leadbox outbox; it was left untouched, so choose another --db path.")
        }
    }

    /// The database and its WAL companions hold customer data: owner-only, whatever the umask.
    private static func restrictPermissions(_ path: String) {
        for file in [path, path + "-wal", path + "-shm"] {
            chmod(file, 0o600)
        }
    }
}

extension Date {
    /// Seconds since 1970, the unit the outbox stores times in.
    var unixSeconds: Double { timeIntervalSince1970 }
}

extension Optional where Wrapped == Double {
    var date: Date? { map { Date(timeIntervalSince1970: $0) } }
}
