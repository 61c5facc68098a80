/// How the leads still on this laptop will reach the portal, in words: `leadbox status` and the
/// terminal UI's quit guard say the same thing, so a booth worker closing the laptop knows.
public struct DeliveryOutlook: Sendable, Hashable {
    /// Leads that still have to reach the portal without a person's help.
    public var waiting: Int
    /// Whether a sync engine other than the asker (the daemon, a `leadbox sync`) is running and
    /// will keep sending once the asker is gone.
    public var engineElsewhere: Bool
    public var portal: PortalStatus.State

    public init(waiting: Int, engineElsewhere: Bool, portal: PortalStatus.State) {
        self.waiting = waiting
        self.engineElsewhere = engineElsewhere
        self.portal = portal
    }

    /// Whether quitting the UI now leaves leads that nothing will send.
    public var leavesLeadsBehind: Bool { waiting > 0 && !engineElsewhere }

    /// "3 leads wait" and the like.
    public var waitingPhrase: String { "\(waiting) lead\(waiting == 1 ? "" : "s") \(waiting == 1 ? "waits" : "wait") to be sent" }

    /// One or two sentences: what waits, and what will send it.
    public var sentence: String {
        guard waiting > 0 else { return "Nothing waits to be sent." }
        if engineElsewhere {
            let when = portal == .online ? "now" : "as soon as the portal answers"
            return "\(waitingPhrase); the running sync daemon sends \(waiting == 1 ? "it" : "them") \(when)."
        }
        return
            "\(waitingPhrase) and no sync daemon runs: \(waiting == 1 ? "it stays" : "they stay") safe on this laptop until `leadbox`, `leadbox sync` or `leadbox daemon` runs, or `leadbox handover export FILE` hands \(waiting == 1 ? "it" : "them") to another laptop."
    }
}
