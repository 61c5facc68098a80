import Foundation
import LeadCore
import Testing

@testable import LeadStore

@Suite struct OpeningTests {
    let folder = TemporaryFolder()

    @Test func anOldSchemaDatabaseUpgradesWithEveryLeadIntact() throws {
        let path = folder.file("old.sqlite")
        let old = try LeadStore(path: path, migrations: 1)
        #expect(try old.appliedMigrations() == ["0001_init"])
        // Rows as the first schema's code wrote them (today's `add` also fills later tables).
        try old.writer.write { db in
            for i in 0..<20 {
                let stored = StoredLead(Lead(values: ["NAME": "Лид \(i)"]))
                try db.execute(
                    sql: """
                        INSERT INTO lead(uuid, fields, options, title, person, company, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: ["uuid-\(i)", stored.fields, stored.options, stored.title, stored.person, stored.company, i, i])
            }
        }
        let upgraded = try LeadStore(path: path)
        #expect(
            try upgraded.appliedMigrations() == [
                "0001_init", "0002_change_index", "0003_synced_today_index", "0004_search_index",
                "0005_state_counts", "0007_raw_scan", "0008_answers_consent", "0009_handover", "0010_notes", "0011_handed_over_count",
                "0012_change_watch", "0013_bulk_state_counts", "0014_one_counter_owner", "0015_note_file",
            ])
        let kept = Array(try upgraded.list(limit: 100).reversed())
        #expect(kept.map(\.uuid) == (0..<20).map { "uuid-\($0)" })
        #expect(kept.map { $0.lead["NAME"] } == (0..<20).map { "Лид \($0)" })
        #expect(try upgraded.list(search: "ЛИД 1").count == 11)
        #expect(try upgraded.counts()[.pending] == 20)
        #expect(try upgraded.integrityCheck() == "ok")
    }

    @Test func everyCommitIsDurable() throws {
        let store = try LeadStore(path: folder.file("durable.sqlite"))
        #expect(try store.synchronousLevel() == 2, "synchronous=FULL on the connection that writes")
        let mode = try store.writer.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    @Test func aFileThatIsNotSQLiteIsLeftUntouched() throws {
        let path = folder.file("notes.txt")
        let content = Data(repeating: 0x41, count: 4096)
        FileManager.default.createFile(atPath: path, contents: content)
        #expect { try LeadStore(path: path) } throws: { error in
            (error as? StoreError)?.kind == .notADatabase && "\(error)".contains("not a leadbox database")
        }
        #expect(FileManager.default.contents(atPath: path) == content)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func aCorruptSQLiteFileIsReportedAndLeftUntouched() throws {
        let path = folder.file("corrupt.sqlite")
        _ = try LeadStore(path: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for i in 100..<min(bytes.count, 4000) { bytes[i] = 0xFF }
        try bytes.write(to: URL(fileURLWithPath: path))
        try? FileManager.default.removeItem(atPath: path + "-wal")
        try? FileManager.default.removeItem(atPath: path + "-shm")
        #expect(throws: StoreError.self) { try LeadStore(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes)
    }

    @Test func anotherProgramsDatabaseIsRefused() throws {
        let path = folder.file("other.sqlite")
        let other = try LeadStore(path: path, migrations: 0)
        try other.writer.write { try $0.execute(sql: "DROP TABLE IF EXISTS grdb_migrations; CREATE TABLE invoices(id INTEGER)") }
        #expect { try LeadStore(path: path) } throws: { "\($0)".contains("another program") }
    }

    @Test func aMissingFolderIsAnErrorUnlessAskedToCreateIt() throws {
        let path = folder.file("missing/leads.sqlite")
        #expect { try LeadStore(path: path) } throws: { "\($0)".contains("does not exist") }
        #expect(!FileManager.default.fileExists(atPath: folder.file("missing")))
    }
}
