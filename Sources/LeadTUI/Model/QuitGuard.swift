import Foundation
import LeadStore

/// Quitting with undelivered leads and no daemon asks first: the laptop may be closed for the
/// night with leads on it that nothing will send. A second Ctrl-Q (or y) quits anyway.
enum QuitGuard {
    /// Whether a process other than this one holds the engine lock (the daemon, `leadbox sync`).
    static func engineElsewhere(databasePath: String) -> Bool {
        guard let holder = EngineLock.holder(forDatabase: databasePath) else { return false }
        return holder != getpid()
    }

    /// The confirm box: how many wait, how they will be sent, and the keys.
    static func lines(_ outlook: DeliveryOutlook) -> [String] {
        [
            "Quit? \(outlook.waitingPhrase).",
            "No sync daemon runs, so nothing sends \(outlook.waiting == 1 ? "it" : "them") after you quit;",
            "they stay safe here until leadbox, `leadbox sync` or",
            "`leadbox daemon` runs (or `leadbox handover export FILE`).",
            "y  quit anyway      n  stay and keep sending",
        ]
    }
}

extension AppState {
    /// Ctrl-Q / Ctrl-C: quits, unless that would leave undelivered leads with nothing to send
    /// them — then it asks (and a second Ctrl-Q while asking quits).
    mutating func requestQuit() -> [Command] {
        if case .quit? = confirmation { return [.quit] }
        let outlook = DeliveryOutlook(waiting: status.waiting, engineElsewhere: status.engineElsewhere, portal: status.portal.state)
        guard outlook.leavesLeadsBehind, !isTooSmall else { return [.quit] }
        showingHelp = false
        confirmation = .quit(outlook)
        return []
    }
}
