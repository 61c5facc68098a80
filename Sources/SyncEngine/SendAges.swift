import Foundation

/// How long ago each in-doubt send left, measured so that no clock can make a lead look older
/// than it is: an in-doubt lead that the lookup does not find is sent again only once the
/// portal can no longer be creating it (`EngineConfiguration.settle`), and a lead judged older
/// than it is would be sent twice.
///
/// The wall-clock time stored with a send is no such measure: NTP moving the clock forward a
/// day right after a lost answer would make the send look a day old, and moving it back would
/// hold the lead for hours. So the engine notes the steady moment of each send it makes; a send
/// it did not make (left in doubt by an engine that stopped or crashed) left before this engine
/// started, so its age is taken as the time since then: never more than the truth, and at most
/// one `settle` more than needed.
public struct SendAges: Sendable, Equatable {
    /// The steady moment this engine started running (not when it was made: a daemon is made
    /// before it waits, maybe for hours, for the engine lock an open UI holds).
    public private(set) var engineStart: Date
    private var sentAt: [Int64: Date] = [:]

    public init(engineStart: Date) {
        self.engineStart = engineStart
    }

    /// Leads claimed for a send at the steady moment `steady`: timed from the claim, before the
    /// request leaves, so a send whose outcome could not be recorded is timed too.
    public mutating func sent(_ ids: some Sequence<Int64>, at steady: Date) {
        for id in ids { sentAt[id] = steady }
    }

    /// The engine starts (again) to run at the steady moment `now`: sends it did not time are
    /// taken as leaving no earlier. A later start only makes such sends look younger: safe.
    public mutating func started(at now: Date) {
        engineStart = max(engineStart, now)
    }

    /// Leads that are no longer in doubt.
    public mutating func forget(_ ids: some Sequence<Int64>) {
        for id in ids { sentAt[id] = nil }
    }

    /// Seconds since the send of lead `id` left, at the steady moment `now`; never negative.
    public func age(of id: Int64, now: Date) -> TimeInterval {
        max(0, now.timeIntervalSince(sentAt[id] ?? engineStart))
    }

    /// How many sends are being timed (for tests: resolved leads are forgotten).
    public var count: Int { sentAt.count }
}
