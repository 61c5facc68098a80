import Foundation
import GRDB
import LeadCore
import Testing

@testable import LeadStore

/// The FTS5 search index and the state counters must say exactly what a scan of the outbox says.
@Suite struct SearchIndexTests {
    let folder = TemporaryFolder()

    static let names = [
        "Анна", "Борис", "Вера", "Глеб", "Jürgen", "Ömer", "Zoë", "Mary-Jane", "O'Neil", "Ёжиков", "李雷", "50% off", "a_b", "Quote \"Q\"",
    ]

    func randomLead(_ random: inout SeededRandom) -> Lead {
        var lead = Lead()
        lead["NAME"] = SearchIndexTests.names.randomElement(using: &random)!
        if Bool.random(using: &random) { lead["LAST_NAME"] = SearchIndexTests.names.randomElement(using: &random)!.uppercased() }
        if Bool.random(using: &random) { lead["COMPANY_TITLE"] = "ООО " + SearchIndexTests.names.randomElement(using: &random)! }
        if Bool.random(using: &random) { lead["TITLE"] = "Выставка " + String(Int.random(in: 1...99, using: &random)) }
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            lead.append(.email, .init(value: "User\(Int.random(in: 1...500, using: &random))@Example.RU", valueType: "WORK"))
        }
        for _ in 0..<Int.random(in: 0...2, using: &random) {
            lead.append(
                .phone,
                .init(value: "+7 (9\(Int.random(in: 10...99, using: &random))) \(Int.random(in: 100...999, using: &random))-45-67", valueType: "WORK")
            )
        }
        return lead
    }

    /// A substring of something a lead has, its case changed at random, or a phone fragment.
    func randomQuery(_ random: inout SeededRandom, _ lead: Lead) -> String {
        let sources = [
            lead["NAME"], lead["LAST_NAME"], lead["COMPANY_TITLE"], lead["TITLE"],
            lead.entries(.email).first?.value, lead.entries(.phone).first?.value,
        ].compactMap { $0 }
        let source = Array(sources.randomElement(using: &random)!)
        let length = Int.random(in: 1...min(8, source.count), using: &random)
        let start = Int.random(in: 0...(source.count - length), using: &random)
        let piece = String(source[start..<(start + length)])
        return Bool.random(using: &random) ? piece.uppercased() : piece.lowercased()
    }

    /// The leads a scan of every row finds, newest first, as `list` orders them.
    func scanned(_ store: LeadStore, _ search: LeadSearch) throws -> [Int64] {
        try store.writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM lead WHERE \(search.scanned.0) ORDER BY id DESC", arguments: search.scanned.1)
        }
    }

    @Test func indexedSearchFindsWhatAScanFinds() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        var random = SeededRandom(seed: 11)
        let leads = (0..<300).map { _ in randomLead(&random) }
        _ = try store.addAll(leads)
        var indexedQueries = 0
        for _ in 0..<400 {
            let query = randomQuery(&random, leads.randomElement(using: &random)!)
            guard let search = LeadSearch(query) else { continue }
            let scanned = try scanned(store, search)
            #expect(try store.list(search: query, limit: 1000).map(\.id) == scanned, "search \(query.debugDescription)")
            #expect(try store.count(search: query) == scanned.count)
            #expect(try store.list(state: .pending, search: query, limit: 3, offset: 1).map(\.id) == Array(scanned.dropFirst().prefix(3)))
            if search.usesIndex && !scanned.isEmpty { indexedQueries += 1 }
        }
        // Most pieces find their lead; punctuation-only phone pieces ("(9") rightly find nothing.
        #expect(indexedQueries > 150)
    }

    @Test func searchSyntaxIsTakenLiterally() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        _ = try store.add(Lead(values: ["NAME": "Quote \"Q\" AND -x* OR (y)"]))
        _ = try store.add(Lead(values: ["NAME": "Other"]))
        for query in ["\"Q\"", "AND -x*", "OR (y)", "e \"", "-x*"] {
            #expect(try store.list(search: query).count == 1, "search \(query.debugDescription)")
        }
    }

    @Test func editsAndContactsKeepTheIndexCurrent() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        var lead = Lead(values: ["NAME": "Прохор"])
        lead.append(.email, .init(value: "prokhor@old.ru", valueType: "WORK"))
        lead.append(.phone, .init(value: "+7 912 555-01-02", valueType: "WORK"))
        let id = try store.add(lead).record.id
        #expect(try store.list(search: "old.ru").map(\.id) == [id])
        #expect(try store.list(search: "555-01").map(\.id) == [id])
        var edited = Lead(values: ["NAME": "Пахом"])
        edited.append(.email, .init(value: "pakhom@new.ru", valueType: "WORK"))
        _ = try store.edit(id: id, lead: edited)
        #expect(try store.list(search: "old.ru").isEmpty)
        #expect(try store.list(search: "555-01").isEmpty)
        #expect(try store.list(search: "прохор").isEmpty)
        #expect(try store.list(search: "ПАХОМ").map(\.id) == [id])
        #expect(try store.list(search: "new.ru").map(\.id) == [id])
        try store.writer.write { try $0.execute(sql: "DELETE FROM lead WHERE id = ?", arguments: [id]) }
        #expect(try store.list(search: "new.ru").isEmpty)
        #expect(try store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM lead_search") } == 0)
    }

    @Test func migrationsIndexAndCountAnExistingOutbox() throws {
        let path = folder.file("leads.sqlite")
        let old = try LeadStore(path: path, migrations: 3)
        var random = SeededRandom(seed: 5)
        let leads = (0..<50).map { _ in randomLead(&random) }
        // Rows as the code before migration 0004 wrote them: lead and lead_contact only.
        try old.writer.write { db in
            for (index, lead) in leads.enumerated() {
                let stored = StoredLead(lead)
                try db.execute(
                    sql: """
                        INSERT INTO lead(uuid, state, fields, options, title, person, company, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)
                        """,
                    arguments: [
                        "u\(index)", index < 7 ? "sending" : index == 20 ? "discarded" : "pending",
                        stored.fields, stored.options, stored.title, stored.person, stored.company,
                    ])
                let id = db.lastInsertedRowID
                for key in LeadStore.contactKeys(of: lead) {
                    try db.execute(sql: "INSERT INTO lead_contact(lead_id, kind, value) VALUES (?, ?, ?)", arguments: [id, key.kind, key.value])
                }
            }
        }
        let upgraded = try LeadStore(path: path)
        #expect(try upgraded.appliedMigrations().contains("0004_search_index"))
        var random2 = SeededRandom(seed: 6)
        for _ in 0..<100 {
            let query = randomQuery(&random2, leads.randomElement(using: &random2)!)
            guard let search = LeadSearch(query) else { continue }
            #expect(try upgraded.list(search: query, limit: 1000).map(\.id) == scanned(upgraded, search), "search \(query.debugDescription)")
        }
        let counts = try upgraded.counts()
        #expect(counts[.sending] == 7)
        #expect(counts[.discarded] == 1)
        #expect(counts[.pending] == 42)
        #expect(try upgraded.count() == 50)
        #expect(try upgraded.count(state: .sending) == 7)
    }

    @Test func countersFollowEveryKindOfWrite() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        var random = SeededRandom(seed: 3)
        _ = try store.addAll((0..<60).map { _ in randomLead(&random) })
        let claimed = try store.claimDueLeads(limit: 30)
        try store.apply(
            claimed.map { record in
                let to: LeadState = [.synced, .failed, .inDoubt, .pending].randomElement(using: &random)!
                return LeadTransition(leadID: record.id, from: [.sending], to: to, outcome: "x")
            })
        _ = try store.retryAllFailed()
        _ = try store.discard(id: 45)
        _ = try store.markAbandonedSendsInDoubt()
        try store.writer.write { try $0.execute(sql: "DELETE FROM lead WHERE id IN (1, 2, 3)") }
        let scanned = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM lead GROUP BY state").reduce(into: [LeadState: Int]()) {
                $0[LeadState(rawValue: $1["state"])!] = $1["n"]
            }
        }
        #expect(try store.counts().byState == scanned)
        #expect(try store.count() == 57)
    }
}

@Suite struct QueryCancellationTests {
    let folder = TemporaryFolder()

    @Test func aCancelledReadStopsAndTheStoreStaysUsable() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        _ = try store.addAll((0..<3000).map { Lead(values: ["NAME": "Имя\($0)"]) })
        let cancellation = QueryCancellation()
        cancellation.cancel()
        #expect(throws: CancellationError.self) { try store.count(search: "я", cancellation: cancellation) }
        #expect(try store.count(search: "я") == 3000)
        #expect(try store.count(search: "я", cancellation: QueryCancellation()) == 3000)
        _ = try store.add(Lead(values: ["NAME": "После"]))
        #expect(try store.count() == 3001)
    }
}
