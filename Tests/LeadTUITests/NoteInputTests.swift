import Foundation
import LeadCore
import LeadStore
import Testing

@testable import LeadTUI

/// The `n` key: a one-line note over the outbox and detail screens, saved through the store.
@Suite struct NoteInputTests {
    let temporary = TemporaryStore()

    @Test func nOpensTheLineTypingStaysInItAndEscDropsIt() {
        var state = makeState()
        state.detail = LeadDetail(id: 7, uuid: "u", state: .synced, lead: Lead(values: ["TITLE": "Т"]), createdAt: fixedNow)
        state.screen = .detail
        state.press([.character("n")])
        #expect(state.noteInput?.leadID == 7)
        // q, ? and e are text now, not commands.
        state.type("q? e")
        #expect(state.noteInput?.text.text == "q? e")
        #expect(state.screen == .detail && !state.showingHelp)
        #expect(state.screenText.contains("Note for #7: q? e"))
        #expect(state.screenText.contains("Enter save note"))
        state.press([.escape])
        #expect(state.noteInput == nil)
        #expect(state.press([.enter]) == [])
    }

    @Test func enterSavesANoteAndAnEmptyOneIsNotSent() {
        var state = makeState()
        state.detail = LeadDetail(id: 3, uuid: "u", state: .pending, lead: Lead(), createdAt: fixedNow)
        state.screen = .detail
        state.press([.character("n")])
        state.type("  ")
        #expect(state.press([.enter]) == [])
        #expect(state.banner?.text.contains("empty") == true)
        state.press([.character("n")])
        state.type("позвонить в пятницу")
        #expect(state.press([.enter]) == [.addNote(leadID: 3, text: "позвонить в пятницу")])
        #expect(state.noteInput == nil)
    }

    @Test func aNoteFromTheOutboxReachesTheStoreTheRightWay() throws {
        _ = utf8Locale
        let store = try LeadStore(path: temporary.path)
        let waiting = try store.add(Lead(values: ["TITLE": "Ждёт"])).record
        let ui = Session(
            store: store, options: TerminalUIOptions(noColor: true), width: 80, height: 24, now: fixedNow, timeZone: utc,
            queriesInBackground: false)
        ui.handle(.control("o"))
        ui.tick(now: fixedNow)
        ui.handle(.character("n"))
        for key in KeyEvent.typing("wants a demo") { ui.handle(key) }
        ui.handle(.enter)
        #expect(try store.record(id: waiting.id).lead["COMMENTS"]?.hasSuffix(" wants a demo") == true)
        #expect(ui.state.banner?.text.contains("comments of lead #\(waiting.id)") == true)

        // A sent lead's note is listed on its detail screen with its state.
        _ = try store.claimDueLeads(limit: 1)
        try store.apply([LeadTransition(leadID: waiting.id, from: [.sending], to: .synced, outcome: "created", remoteID: 5)])
        ui.handle(.enter)
        #expect(ui.state.screen == .detail)
        ui.handle(.character("n"))
        for key in KeyEvent.typing("call back") { ui.handle(key) }
        ui.handle(.enter)
        #expect(ui.state.detail?.notes.map(\.state) == [.pending])
        #expect(ui.state.screenText.contains("Notes for the CRM timeline (1)"))
        #expect(ui.state.screenText.contains("call back  waiting"))
    }

    /// A note the portal refused on a lead already in the CRM: the status line counts it, a
    /// banner names the lead once, its detail offers r, and r queues the note again.
    @Test func aRefusedNoteIsShownAndRQueuesItAgain() throws {
        _ = utf8Locale
        let store = try LeadStore(path: temporary.path)
        let lead = try store.add(Lead(values: ["TITLE": "Отказ"])).record
        _ = try store.claimDueLeads(limit: 1)
        try store.apply([LeadTransition(leadID: lead.id, from: [.sending], to: .synced, outcome: "created", remoteID: 5)])
        guard case .queued(let note) = try store.addNote(leadID: lead.id, text: "price list") else {
            Issue.record("a synced lead's note is queued")
            return
        }
        let ui = Session(
            store: store, options: TerminalUIOptions(noColor: true), width: 100, height: 24, now: fixedNow, timeZone: utc,
            queriesInBackground: false)
        ui.tick(now: fixedNow)
        #expect(ui.state.banner == nil || ui.state.banner?.kind != .warning)
        _ = try store.claimDueNote()
        try store.apply([NoteTransition(noteID: note.id, from: [.sending], to: .failed, errorCode: "ERROR_CORE", message: "Not found")])
        ui.tick(now: fixedNow)
        #expect(ui.state.status.refusedNotes == 1)
        #expect(ui.state.banner?.text.contains("A note or photo of lead #\(lead.id) did not reach the CRM") == true)
        #expect(ui.state.screenText.contains("notes failed 1"))
        // The banner is said once, not again at every refresh with the same count.
        var state = makeState()
        state.statusArrived(StatusInfo(refusedNotes: 1, refusedNoteLead: 4))
        #expect(state.banner?.text.contains("lead #4") == true)
        state.banner = nil
        state.statusArrived(StatusInfo(refusedNotes: 1, refusedNoteLead: 4))
        #expect(state.banner == nil)

        ui.handle(.control("o"))
        ui.tick(now: fixedNow)
        ui.handle(.enter)
        #expect(ui.state.detail?.id == lead.id)
        #expect(ui.state.screenText.contains("r retry"))
        ui.handle(.character("r"))
        #expect(try store.notes(leadID: lead.id).map(\.state) == [.pending])
        #expect(ui.state.banner?.text.contains("queued again") == true)
        ui.tick(now: fixedNow)
        #expect(ui.state.status.refusedNotes == 0)
    }
}
