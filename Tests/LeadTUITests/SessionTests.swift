import Foundation
import LeadCore
import LeadStore
import Synchronization
import Testing

@testable import LeadTUI

@Suite struct SessionTests {
    let temporary = TemporaryStore()

    func session(_ store: LeadStore, width: Int = 80, height: Int = 24) -> Session {
        _ = utf8Locale
        return Session(
            store: store, options: TerminalUIOptions(noColor: true), width: width, height: height, now: fixedNow, timeZone: utc,
            queriesInBackground: false)
    }

    @Test func savedLeadIsOnDiskAndTheFormClears() throws {
        let store = try LeadStore(path: temporary.path)
        let ui = session(store)
        for key in KeyEvent.typing("Глеб") { ui.handle(key) }
        ui.handle(.control("s"))
        let saved = try store.list()
        #expect(saved.count == 1)
        #expect(saved[0].lead["TITLE"] == "Глеб")
        #expect(ui.state.form.isBlank)
        #expect(ui.state.banner?.text.hasPrefix("Saved lead #\(saved[0].id) (waiting") == true)
        #expect(ui.state.status.waiting == 1)
    }

    @Test func draftIsAutosavedAndRestored() throws {
        let store = try LeadStore(path: temporary.path)
        let ui = session(store)
        ui.handle(.tab, now: fixedNow)
        for key in KeyEvent.typing("Анна") { ui.handle(key, now: fixedNow) }
        ui.tick(now: fixedNow.addingTimeInterval(0.1))
        #expect(try store.draft() == nil)  // still typing
        ui.tick(now: fixedNow.addingTimeInterval(1))
        #expect(try store.draft() != nil)
        let reopened = session(store)
        #expect(reopened.state.form.text("NAME") == "Анна")
        #expect(reopened.state.form.focusedField.key == "NAME")
        #expect(reopened.state.banner?.text.contains("Restored") == true)
        reopened.handle(.control("s"))
        #expect(try store.draft() == nil)
    }

    @Test func aNewLeadInProgressSurvivesEditingAnotherLead() throws {
        let store = try LeadStore(path: temporary.path)
        var broken = Lead()
        broken["TITLE"] = "Сломанный"
        let id = try store.add(broken).record.id
        _ = try store.claimDueLeads(limit: 10)
        _ = try store.apply([LeadTransition(leadID: id, from: [.sending], to: .failed, outcome: "rejected", message: "bad")])
        let ui = session(store)
        ui.handle(.tab, now: fixedNow)
        for key in KeyEvent.typing("Вера") { ui.handle(key, now: fixedNow) }
        // Straight to the outbox, before the draft's autosave pause: the typing exists only in memory.
        ui.handle(.control("o"), now: fixedNow)
        ui.handle(.enter, now: fixedNow)
        ui.handle(.character("e"), now: fixedNow)
        #expect(ui.state.form.editing == id)
        ui.tick(now: fixedNow.addingTimeInterval(2))
        #expect(try store.draft()?.contains("Вера") == true, "the lead set aside is the draft meanwhile")
        ui.handle(.end)
        for key in KeyEvent.typing(" 2") { ui.handle(key) }
        ui.handle(.control("s"))
        #expect(try store.record(id: id).lead["TITLE"] == "Сломанный 2")
        #expect(ui.state.form.editing == nil)
        #expect(ui.state.form.text("NAME") == "Вера", "the new lead came back after the edit")
        // Cancelling an edit brings it back too.
        ui.handle(.control("o"))
        ui.handle(.enter)
        ui.handle(.character("e"))
        ui.handle(.escape)
        #expect(ui.state.form.text("NAME") == "Вера")
    }

    @Test func duplicateEmailIsNamedButSavingIsAllowed() throws {
        let store = try LeadStore(path: temporary.path)
        var earlier = Lead()
        earlier["TITLE"] = "Первый"
        earlier.append(.email, MultiFieldValue(value: "anna@example.ru", valueType: "WORK"))
        let first = try store.add(earlier).record
        let ui = session(store)
        for _ in 0..<6 { ui.handle(.tab) }
        for key in KeyEvent.typing("Anna@Example.ru") { ui.handle(key) }
        ui.handle(.tab)
        #expect(ui.state.form.duplicates == [DuplicateMatch(leadID: first.id, title: "Первый", kind: .email, value: "anna@example.ru")])
        #expect(ui.state.screenText.contains("Same e-mail as lead #\(first.id) Первый"))
        ui.handle(.control("s"))
        #expect(try store.count() == 2)
        #expect(ui.state.banner?.kind == .warning)
    }

    @Test func failedLeadIsEditedAndRetried() throws {
        let store = try LeadStore(path: temporary.path)
        var lead = Lead()
        lead["TITLE"] = "Сломанный"
        let id = try store.add(lead).record.id
        _ = try store.claimDueLeads(limit: 10)
        _ = try store.apply([
            LeadTransition(
                leadID: id, from: [.sending], to: .failed, outcome: "rejected", httpStatus: 400, errorCode: "ERROR_CORE",
                message: "Bad\u{1B}[31m value")
        ])
        let ui = session(store)
        ui.handle(.control("o"))
        #expect(ui.state.outbox.rows.first?.state == .failed)
        ui.handle(.enter)
        #expect(ui.state.screen == .detail)
        #expect(ui.state.screenText.contains("Portal said: ERROR_CORE: Bad\\e[31m value"))
        ui.handle(.character("e"))
        ui.handle(.end)
        for key in KeyEvent.typing(" исправлен") { ui.handle(key) }
        ui.handle(.control("s"))
        #expect(try store.record(id: id).lead["TITLE"] == "Сломанный исправлен")
        #expect(ui.state.screen == .detail)
        ui.handle(.character("r"))
        #expect(try store.record(id: id).state == .pending)
    }

    @Test func discardAsksThenDiscards() throws {
        let store = try LeadStore(path: temporary.path)
        var lead = Lead()
        lead["TITLE"] = "Лишний"
        let id = try store.add(lead).record.id
        let ui = session(store)
        ui.handle(.control("o"))
        ui.handle(.enter)
        ui.handle(.character("d"))
        #expect(try store.record(id: id).state == .pending)
        ui.handle(.character("y"))
        #expect(try store.record(id: id).state == .discarded)
    }

    @Test func outboxLoadsOnlyTheVisibleWindowAndFollowsChanges() throws {
        let store = try LeadStore(path: temporary.path)
        let leads = (1...2_000).map { n -> Lead in
            var lead = Lead()
            lead["TITLE"] = "Лид \(n)"
            return lead
        }
        _ = try store.addAll(leads)
        let ui = session(store)
        ui.handle(.control("o"))
        #expect(ui.state.outbox.total == 2_000)
        #expect(ui.state.outbox.rows.count == OutboxState.visibleRows(height: 24))
        #expect(ui.state.outbox.rows.first?.title == "Лид 2000")
        ui.handle(.end)
        #expect(ui.state.outbox.selectedRow?.title == "Лид 1")
        ui.handle(.home)
        var another = Lead()
        another["TITLE"] = "Новый"
        _ = try store.add(another)
        #expect(ui.tick(now: fixedNow))
        #expect(ui.state.outbox.total == 2_001)
        #expect(ui.state.outbox.rows.first?.title == "Новый")
    }

    @Test func syncNowCallsTheInjectedClosure() throws {
        let store = try LeadStore(path: temporary.path)
        let calls = Calls()
        let ui = Session(
            store: store, options: TerminalUIOptions(eventDefaults: [:], onSyncNow: { calls.bump() }), width: 80, height: 24,
            queriesInBackground: false)
        ui.handle(.control("r"))
        #expect(calls.count == 1)
    }
}

final class Calls: Sendable {
    private let n = Mutex(0)
    func bump() { n.withLock { $0 += 1 } }
    var count: Int { n.withLock { $0 } }
}
