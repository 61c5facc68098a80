import Foundation
import LeadStore
import Testing

@testable import LeadTUI

/// Ctrl-Q with undelivered leads and nothing left to send them asks first.
@Suite struct QuitGuardTests {
    @Test func asksWhenLeadsWaitAndNoDaemonRuns() {
        var state = makeState()
        state.status.waiting = 3
        #expect(state.press([.control("q")]).isEmpty)
        guard case .quit(let outlook)? = state.confirmation else {
            Issue.record("no question asked")
            return
        }
        #expect(outlook.waiting == 3)
        let screen = state.screenText
        #expect(screen.contains("Quit? 3 leads wait to be sent."))
        #expect(screen.contains("No sync daemon runs"))
        #expect(screen.contains("y  quit anyway"))

        #expect(state.press([.character("n")]).isEmpty)
        #expect(state.confirmation == nil)
        #expect(state.press([.control("q"), .character("y")]) == [.quit])
        #expect(state.press([.control("c"), .control("q")]) == [.quit], "a second Ctrl-Q while asking quits")
    }

    @Test func quitsAtOnceWhenNothingWaitsOrADaemonSends() {
        var idle = makeState()
        idle.status.failed = 2  // failed leads wait for a person, not for a sync engine
        #expect(idle.press([.control("q")]) == [.quit])

        var daemon = makeState()
        daemon.status.waiting = 5
        daemon.status.engineElsewhere = true
        #expect(daemon.press([.control("q")]) == [.quit])
    }

    @Test func theSentenceSaysHowLeadsWillBeSent() {
        let alone = DeliveryOutlook(waiting: 1, engineElsewhere: false, portal: .offline)
        #expect(alone.sentence.hasPrefix("1 lead waits to be sent and no sync daemon runs: it stays safe on this laptop"))
        #expect(alone.leavesLeadsBehind)
        let daemon = DeliveryOutlook(waiting: 4, engineElsewhere: true, portal: .offline)
        #expect(daemon.sentence == "4 leads wait to be sent; the running sync daemon sends them as soon as the portal answers.")
        #expect(!daemon.leavesLeadsBehind)
        #expect(DeliveryOutlook(waiting: 0, engineElsewhere: false, portal: .online).sentence == "Nothing waits to be sent.")
    }
}
