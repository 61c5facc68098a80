import Foundation
import GRDB
import LeadCore
import Testing

@testable import LeadStore

@Suite struct OutboxTests {
    let folder = TemporaryFolder()

    func lead(_ name: String, email: String? = nil, phone: String? = nil) -> Lead {
        OutboxTests.lead(name, email: email, phone: phone)
    }

    static func lead(_ name: String, email: String? = nil, phone: String? = nil) -> Lead {
        var lead = Lead(values: ["NAME": name, "TITLE": "Lead \(name)"])
        if let email { lead.append(.email, .init(value: email, valueType: "WORK")) }
        if let phone { lead.append(.phone, .init(value: phone, valueType: "WORK")) }
        return lead
    }

    @Test func addedLeadsReadBackExactly() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        var lead = lead("Глеб 🙂", email: "g@example.com", phone: "+7 999 123-45-67")
        lead["COMMENTS"] = "tab\there\u{1B}[31m and a NUL-free control \u{7}"
        lead["UF_CRM_BADGE_ID"] = "B-1"
        lead.registerSonetEvent = true
        let saved = try store.add(lead).record
        let again = try store.record(id: saved.id)
        #expect(again.lead == lead)
        #expect(again.state == .pending)
        #expect(again.uuid.count == 36)
    }

    /// The ID list bound to `json_each` is written as digits: every outbox ID reads back exactly,
    /// beyond a double's 2^53 too.
    @Test func idListsReadBackExactlyInSQLite() throws {
        let ids: [Int64] = [1, 22, 9_007_199_254_740_993, Int64.max]
        #expect(LeadStore.idList(ids) == "[1,22,9007199254740993,9223372036854775807]")
        #expect(LeadStore.idList([]) == "[]")
        let store = try LeadStore(path: folder.file("ids.sqlite"))
        let back = try store.read { db in try Int64.fetchAll(db, sql: "SELECT value FROM json_each(?)", arguments: [LeadStore.idList(ids)]) }
        #expect(back == ids)
    }

    @Test func filesAreOwnerOnly() throws {
        let path = folder.file("nested/deeper/leads.sqlite")
        _ = try LeadStore(path: path, createFolder: true)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder.file("nested/deeper"))
        #expect((folderAttributes[.posixPermissions] as? Int) == 0o700)
    }

    @Test func invalidLeadsNeverReachTheOutbox() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        #expect(throws: LeadValidationError.self) { try store.add(lead("x", email: "not-an-address")) }
        #expect(try store.count() == 0)
    }

    @Test func duplicatesAreReportedButSaved() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let first = try store.add(lead("A", email: "Same@Example.com")).record
        let second = try store.add(lead("B", email: "same@example.com"))
        #expect(second.duplicates.map(\.leadID) == [first.id])
        let third = try store.add(lead("C", phone: "+7 (999) 000-11-22"))
        #expect(third.duplicates.isEmpty)
        let fourth = try store.add(lead("D", phone: "79990001122"))
        #expect(fourth.duplicates.map(\.leadID) == [third.record.id])
        #expect(try store.count() == 4)
    }

    @Test func aRepeatVisitorListsTheFiveNewestLiveLeadsPerContact() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let ids = try (0..<7).map { try store.add(lead("V\($0)", email: "v@example.com", phone: $0 == 6 ? "+7 999 555-00-00" : nil)).record.id }
        _ = try store.discard(id: ids[5])
        let again = try store.add(lead("V", email: "V@example.com", phone: "79995550000"))
        #expect(again.duplicates.filter { $0.kind == .email }.map(\.leadID) == [ids[6], ids[4], ids[3], ids[2], ids[1]])
        #expect(again.duplicates.filter { $0.kind == .phone }.map(\.leadID) == [ids[6]])
        #expect(again.duplicates.first?.title == "Lead V6")
        #expect(try store.duplicates(of: lead("V", email: "v@example.com"), excluding: ids[6]).map(\.leadID).first == again.record.id)
    }

    @Test func onlyWaitingOrFailedLeadsCanBeEditedOrDiscarded() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let record = try store.add(lead("A")).record
        _ = try store.claimDueLeads(limit: 10)
        #expect(throws: StoreError.self) { try store.edit(id: record.id, lead: lead("B")) }
        #expect(throws: StoreError.self) { try store.discard(id: record.id) }
        try store.apply([
            LeadTransition(
                leadID: record.id, from: [.sending], to: .failed, outcome: "rejected", httpStatus: 400, errorCode: "ERROR_CORE", message: "bad e-mail"
            )
        ])
        let edited = try store.edit(id: record.id, lead: lead("B"))
        #expect(edited.state == .failed)
        #expect(edited.lastErrorMessage == "bad e-mail")
        let retried = try store.retry(id: record.id).record
        #expect(retried.state == .pending)
        #expect(retried.lastErrorMessage == nil)
        #expect(try store.discard(id: record.id).state == .discarded)
        #expect(throws: StoreError.self) { try store.retry(id: record.id) }
    }

    @Test func claimingMarksSendingAndCrashRecoveryMarksInDoubt() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        for i in 0..<60 { _ = try store.add(lead("L\(i)")) }
        let claimed = try store.claimDueLeads(limit: 50)
        #expect(claimed.count == 50)
        #expect(claimed.allSatisfy { $0.state == .sending })
        #expect(claimed.map(\.id) == claimed.map(\.id).sorted())
        let reopened = try LeadStore(path: folder.file("leads.sqlite"))
        #expect(try reopened.markAbandonedSendsInDoubt() == 50)
        #expect(try reopened.inDoubtLeads(limit: 100).count == 50)
        #expect(try reopened.counts()[.pending] == 10)
    }

    @Test func transitionsApplyOnlyFromTheExpectedState() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let record = try store.add(lead("A")).record
        let moved = try store.apply([LeadTransition(leadID: record.id, from: [.sending], to: .synced, outcome: "created", remoteID: 7)])
        #expect(moved.isEmpty)
        _ = try store.claimDueLeads(limit: 1)
        try store.apply([LeadTransition(leadID: record.id, from: [.sending], to: .synced, outcome: "created", remoteID: 7, httpStatus: 200)])
        let synced = try store.record(id: record.id)
        #expect(synced.state == .synced)
        #expect(synced.remoteID == 7)
        #expect(synced.attempts == 1)
        #expect(try store.attempts(leadID: record.id).map(\.outcome) == ["created"])
        #expect(try store.counts().syncedToday == 1)
    }

    /// "Sent today" must stay a range over today's syncs at any size: the plan, not a timing.
    @Test func sentTodayIsCountedOverTheSyncedAtIndex() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        _ = try store.add(lead("A"))
        let plan = try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + LeadStore.syncedSinceSQL, arguments: [0]).map { $0["detail"] as String }.joined()
        }
        #expect(plan == "SEARCH lead USING INDEX lead_synced_at (synced_at>?)")
    }

    /// The engine asks for the next due lead before every batch: one step down `lead_due`, no
    /// sort of the pending leads (which made a drain quadratic).
    @Test func theNextDueLeadIsOneIndexStep() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        _ = try store.add(lead("A"))
        let plan = try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + LeadStore.nextDueSQL).map { $0["detail"] as String }
        }
        #expect(plan == ["SCAN lead USING INDEX lead_due"])
    }

    /// A batch mixing deliveries of two kinds (sent and charged; found by a lookup) with a
    /// rejection and a lead someone moved meanwhile: every lead ends as the general rule says,
    /// whichever statement recorded it (deliveries travel as pairs, the rest as full rows).
    @Test func aMixedBatchRecordsEveryLeadAsTheRuleSays() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let ids = try (0..<5).map { try store.add(lead("L\($0)")).record.id }
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        // ids[0] was rejected once and retried, so it carries an old error; ids[3] is discarded,
        // ids[4] in doubt.
        _ = try store.claimDueLeads(limit: 1, now: t0)
        try store.apply(
            [
                LeadTransition(
                    leadID: ids[0], from: [.sending], to: .failed, outcome: "rejected", httpStatus: 400, errorCode: "ERROR_CORE", message: "bad")
            ], now: t0)
        _ = try store.retry(id: ids[0], now: t0)
        _ = try store.discard(id: ids[3], now: t0)
        #expect(try store.claimDueLeads(limit: 5, now: t0).map(\.id) == [ids[0], ids[1], ids[2], ids[4]])
        try store.apply([LeadTransition(leadID: ids[4], from: [.sending], to: .inDoubt, outcome: "unknown")], now: t0)
        let t1 = t0.addingTimeInterval(5)
        let work = try store.record(
            [
                LeadTransition(leadID: ids[0], from: [.sending], to: .synced, outcome: "created", remoteID: 10, httpStatus: 200),
                LeadTransition(leadID: ids[1], from: [.sending], to: .synced, outcome: "created", remoteID: 11, httpStatus: 200),
                LeadTransition(
                    leadID: ids[2], from: [.sending], to: .failed, outcome: "rejected", httpStatus: 200, errorCode: "ERROR_CORE", message: "no"),
                LeadTransition(leadID: ids[3], from: [.sending], to: .synced, outcome: "created", remoteID: 13, httpStatus: 200),
                LeadTransition(leadID: ids[4], from: [.inDoubt], to: .synced, outcome: "found", remoteID: 14, charged: false),
            ], now: t1)
        #expect(work == OutboxWork(nextDue: nil, hasInDoubt: false, notesDue: false, waiting: 0))
        let rows = try ids.map { try store.record(id: $0) }
        #expect(rows.map(\.state) == [.synced, .synced, .failed, .discarded, .synced])
        #expect(rows.map(\.remoteID) == [10, 11, nil, nil, 14])
        #expect(rows.map(\.attempts) == [2, 1, 1, 0, 1])
        #expect(rows.map(\.syncedAt) == [t1, t1, nil, nil, t1])
        #expect(rows.map(\.lastErrorCode) == [nil, nil, "ERROR_CORE", nil, nil])
        #expect(
            rows.filter { $0.state == .synced }.allSatisfy {
                $0.sendStartedAt == nil && $0.nextAttemptAt == nil && $0.lastErrorMessage == nil && $0.updatedAt == t1
            })
        #expect(try store.attempts(leadID: ids[0]).map(\.outcome) == ["rejected", "created"])
        #expect(try store.attempts(leadID: ids[0]).last.map { [$0.httpStatus, $0.errorCode == nil ? 0 : 1] } == [200, 0])
        #expect(try store.attempts(leadID: ids[3]).isEmpty, "a lead moved meanwhile gets no attempt row")
        #expect(try store.attempts(leadID: ids[4]).map(\.outcome) == ["unknown", "found"])
        #expect(try store.counts()[.synced] == 3)
    }

    /// The screens' change token moves with every commit, whoever makes it (this store, another
    /// process's store, a delivery, a purge), and stays put while nothing changes.
    @Test func theChangeTokenMovesWithEveryCommitAndOnlyThen() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let other = try LeadStore(path: folder.file("leads.sqlite"))
        let start = try store.changeToken()
        #expect(try store.changeToken() == start)
        let record = try store.add(lead("A")).record
        let added = try store.changeToken()
        #expect(added != start, "the store's own write")
        _ = try other.claimDueLeads(limit: 1)
        let claimed = try store.changeToken()
        #expect(claimed != added, "another connection's write")
        try other.apply([LeadTransition(leadID: record.id, from: [.sending], to: .synced, outcome: "created", remoteID: 1)])
        let delivered = try store.changeToken()
        #expect(delivered != claimed)
        #expect(try store.changeToken() == delivered)
        let purge = try other.purgeDelivered(before: Date().addingTimeInterval(60))
        #expect(purge.purged == 1)
        #expect(try store.changeToken() != delivered, "a purge")
        let reader = try LeadStore(path: folder.file("leads.sqlite"), access: .read)
        let seen = try reader.changeToken()
        _ = try store.add(lead("B"))
        #expect(try reader.changeToken() != seen, "a read-only store sees writes too")
    }

    /// An outcome and the outbox as it leaves it are read in one transaction: the engine decides
    /// its next step on what `record` returns.
    @Test func recordingAnOutcomeReturnsTheOutboxAfterIt() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let ids = try (0..<5).map { try store.add(lead("L\($0)")).record.id }
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try store.claimDueLeads(limit: 2, now: t0)
        let delivered = first.map { LeadTransition(leadID: $0.id, from: [.sending], to: .synced, outcome: "created", remoteID: Int($0.id)) }
        let work = try store.record(delivered, now: t0)
        #expect(work == (try store.outboxWork(now: t0)))
        #expect(work.waiting == 3)
        #expect(work.nextDue != nil)
        #expect(try ids.map { try store.record(id: $0).state } == [.synced, .synced, .pending, .pending, .pending])
        #expect(try store.counts()[.synced] == 2)
    }

    /// A delivery that carries a message (any transition to `synced` is recorded as a delivery)
    /// keeps it in its attempt row, and the delivered lead keeps no error.
    @Test func aDeliveryWithAMessageKeepsItInTheAttemptRow() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let record = try store.add(lead("A")).record
        _ = try store.claimDueLeads(limit: 1)
        try store.apply([
            LeadTransition(
                leadID: record.id, from: [.sending], to: .pending, outcome: "deferred", errorCode: "QUERY_LIMIT_EXCEEDED", message: "slow down",
                charged: false)
        ])
        _ = try store.claimDueLeads(limit: 1)
        try store.apply([
            LeadTransition(
                leadID: record.id, from: [.sending], to: .synced, outcome: "created", remoteID: 3, httpStatus: 200, errorCode: "NOTE",
                message: "created after a retry")
        ])
        let delivered = try store.record(id: record.id)
        #expect(delivered.state == .synced && delivered.remoteID == 3)
        #expect(delivered.lastErrorCode == nil && delivered.lastErrorMessage == nil)
        let last = try #require(try store.attempts(leadID: record.id).last)
        #expect(last.outcome == "created" && last.httpStatus == 200 && last.errorCode == "NOTE" && last.message == "created after a retry")
        #expect(try store.counts()[.synced] == 1 && store.counts()[.sending] == 0)
    }

    /// A repeated transition for one lead moves it once and writes one attempt row.
    @Test func aRepeatedTransitionCountsOnce() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let record = try store.add(lead("A")).record
        _ = try store.claimDueLeads(limit: 1)
        let created = LeadTransition(leadID: record.id, from: [.sending], to: .synced, outcome: "created", remoteID: 7)
        let refused = LeadTransition(leadID: record.id, from: [.sending, .synced], to: .failed, outcome: "rejected", message: "no")
        #expect(try store.apply([created, refused]) == [record.id])
        #expect(try store.record(id: record.id).state == .synced)
        #expect(try store.attempts(leadID: record.id).map(\.outcome) == ["created"])
    }

    @Test func deferredLeadsWaitUntilTheirTime() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let record = try store.add(lead("A")).record
        let now = Date()
        _ = try store.claimDueLeads(limit: 1, now: now)
        try store.apply(
            [
                LeadTransition(
                    leadID: record.id, from: [.sending], to: .pending, outcome: "deferred", charged: false, nextAttemptAt: now.addingTimeInterval(30))
            ], now: now)
        #expect(try store.claimDueLeads(limit: 1, now: now).isEmpty)
        #expect(try store.outboxWork(now: now).nextDue.map { abs($0.timeIntervalSince(now) - 30) < 0.01 } == true)
        #expect(try store.claimDueLeads(limit: 1, now: now.addingTimeInterval(31)).count == 1)
        #expect(try store.record(id: record.id).attempts == 0)
    }

    @Test func listFiltersAndSearches() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        for name in ["Анна", "Борис", "Вера 50%"] { _ = try store.add(lead(name)) }
        #expect(try store.list().map { $0.lead["NAME"] } == ["Вера 50%", "Борис", "Анна"])
        #expect(try store.list(search: "бор").count == 1)
        #expect(try store.list(search: "50%").count == 1)
        #expect(try store.list(search: "%").count == 1)
        #expect(try store.list(state: .synced).isEmpty)
        #expect(try store.list(limit: 1, offset: 1).map { $0.lead["NAME"] } == ["Борис"])
        _ = try store.add(lead("Глеб", email: "Gleb.Titov@Example.com", phone: "+7 (999) 123-45-67"))
        #expect(try store.list(search: "gleb.titov@").map { $0.lead["NAME"] } == ["Глеб"])
        #expect(try store.list(search: "999 123").map { $0.lead["NAME"] } == ["Глеб"])
        #expect(try store.list(search: "ГЛЕБ").count == 1)
    }

    @Test func concurrentWritersNeverSeeBusy() async throws {
        let path = folder.file("leads.sqlite")
        _ = try LeadStore(path: path)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let store = try LeadStore(path: path)  // its own connection pool, as a separate process would have
                    for i in 0..<100 { _ = try store.add(OutboxTests.lead("w\(worker)-\(i)")) }
                }
            }
            try await group.waitForAll()
        }
        #expect(try LeadStore(path: path).count() == 400)
    }

    @Test func portalStatusCacheAndDraftPersist() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        #expect(try store.portalStatus() == .unknown)
        let status = PortalStatus(state: .paused, reason: "The webhook was refused.", updatedAt: Date(timeIntervalSince1970: 100), enginePID: 42)
        try store.setPortalStatus(status)
        #expect(try store.portalStatus() == status)
        try store.setCache("schema", json: "{}")
        #expect(try store.cache("schema")?.json == "{}")
        try store.saveDraft("{\"NAME\":\"Гл\"}")
        #expect(try store.draft() == "{\"NAME\":\"Гл\"}")
        _ = try store.add(CaptureRequest(asCaptured: lead("A")), clearingDraft: true)
        #expect(try store.draft() == nil)
    }

    /// Captures validate against the cached schema decoded once per refresh: a refresh written
    /// later (here, or by another process on the same file) is what the next capture checks.
    @Test func aRefreshedSchemaIsWhatTheNextCaptureChecks() throws {
        let path = folder.file("leads.sqlite")
        let store = try LeadStore(path: path)
        var lead = lead("A")
        lead["UF_CRM_BOOTH"] = "7"
        _ = try store.add(lead)  // no schema cached: offline checks only
        let without = PortalSchema(fieldNames: ["NAME", "TITLE"], customFields: [], statuses: [:])
        try store.setCache(
            PortalSchema.cacheKey, json: String(decoding: try JSONEncoder().encode(without), as: UTF8.self), now: Date(timeIntervalSince1970: 1))
        #expect(throws: LeadValidationError.self) { try store.add(lead) }
        let other = try LeadStore(path: path)
        let with = PortalSchema(
            fieldNames: ["NAME", "TITLE", "UF_CRM_BOOTH"], customFields: [.init(name: "UF_CRM_BOOTH", label: "Booth", type: "string")], statuses: [:])
        try other.setCache(
            PortalSchema.cacheKey, json: String(decoding: try JSONEncoder().encode(with), as: UTF8.self), now: Date(timeIntervalSince1970: 2))
        _ = try store.add(lead)
        #expect(try store.count() == 2)
    }

    /// The hashed keys a purge leaves are probed once a purge has run, so a repeat visitor
    /// still warns; before any purge a capture probes the plain keys only.
    @Test func aPurgedVisitorStillWarnsWhenCapturedAgain() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let first = try store.add(lead("P", email: "p@example.com", phone: "+7 999 111-22-33")).record
        let claimed = try store.claimDueLeads(limit: 10)
        #expect(claimed.map(\.id) == [first.id])
        try store.apply([LeadTransition(leadID: first.id, from: [.sending], to: .synced, outcome: "created", remoteID: 9)])
        #expect(try store.purgeDelivered(before: Date().addingTimeInterval(60)).purged == 1)
        let again = try store.add(lead("P2", email: "P@example.com", phone: "79991112233"))
        #expect(Set(again.duplicates.map(\.kind)) == [.email, .phone])
        #expect(again.duplicates.allSatisfy { $0.leadID == first.id })
    }

    @Test func leadUUIDsAreRandomVersion4() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let uuids = try (0..<200).map { try store.add(lead("U\($0)")).record.uuid }
        #expect(Set(uuids).count == 200)
        for uuid in uuids {
            #expect(UUID(uuidString: uuid)?.uuidString.lowercased() == uuid)
            let characters = Array(uuid)
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
        }
    }
}
