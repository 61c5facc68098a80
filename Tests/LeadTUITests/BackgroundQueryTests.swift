import Foundation
import LeadCore
import LeadStore
import Synchronization
import Testing

@testable import LeadTUI

/// The UI asks for the list and counts off its input thread; these check that answers arrive,
/// match the store, and that a newer question always wins.
@Suite struct BackgroundQueryTests {
    let temporary = TemporaryStore()

    @Test func aSearchTypedInTheBackgroundShowsWhatTheStoreFinds() throws {
        let store = try LeadStore(path: temporary.path)
        _ = try store.addAll((0..<400).map { Lead(values: ["NAME": "Фамилия\($0)", "TITLE": "Лид \($0)"]) })
        _ = utf8Locale
        let ui = Session(store: store, options: TerminalUIOptions(noColor: true), width: 80, height: 24, now: fixedNow, timeZone: utc)
        ui.handle(.control("o"))
        #expect(ui.settle())
        #expect(ui.state.outbox.total == 400)
        #expect(ui.state.status.waiting == 400)
        ui.handle(.character("/"))
        for key in KeyEvent.typing("ФАМИЛИЯ12") { ui.handle(key) }
        #expect(ui.settle())
        let expected = try store.list(search: "ФАМИЛИЯ12", limit: 100)
        #expect(ui.state.outbox.total == expected.count)
        #expect(ui.state.outbox.rows.map(\.id) == expected.prefix(ui.state.outbox.rows.count).map(\.id))
        #expect(ui.state.outbox.rows.count == min(expected.count, OutboxState.visibleRows(height: 24)))
        #expect(ui.state.screenText.contains("Лид 129"))
    }

    @Test func aNewerQuestionSupersedesAnOlderOne() throws {
        let query = BackgroundQuery<String>(label: "test", inBackground: true)
        let firstStarted = DispatchSemaphore(value: 0)
        let releaseFirst = DispatchSemaphore(value: 0)
        let firstSawCancel = Flag()
        query.ask { cancellation in
            firstStarted.signal()
            releaseFirst.wait()
            firstSawCancel.set(cancellation.isCancelled)
            return "first"
        }
        firstStarted.wait()
        query.ask { _ in "second" }
        query.ask { _ in "third" }
        #expect(query.isWaiting)
        releaseFirst.signal()
        #expect(query.waitUntilAnswered(timeout: 10))
        #expect(firstSawCancel.value, "the running query was told to stop")
        #expect(try query.take()?.get() == "third", "only the newest answer is kept")
        #expect(query.take() == nil)
    }

    @Test func theScreenKeepsThePreviousRowsUntilNewOnesArrive() throws {
        let store = try LeadStore(path: temporary.path)
        _ = try store.addAll((0..<30).map { Lead(values: ["NAME": "Имя\($0)"]) })
        _ = utf8Locale
        let ui = Session(store: store, options: TerminalUIOptions(noColor: true), width: 80, height: 24, now: fixedNow, timeZone: utc)
        ui.handle(.control("o"))
        #expect(ui.settle())
        let before = ui.state.outbox.rows
        #expect(!before.isEmpty)
        ui.handle(.character("/"))
        ui.handle(.character("Я"))
        // Whether or not the answer is already in, the list is never blank in between.
        #expect(!ui.state.outbox.rows.isEmpty)
        #expect(ui.settle())
        #expect(ui.state.outbox.total == 30)
    }
}

private final class Flag: Sendable {
    private let stored = Mutex(false)
    func set(_ value: Bool) { stored.withLock { $0 = value } }
    var value: Bool { stored.withLock { $0 } }
}
