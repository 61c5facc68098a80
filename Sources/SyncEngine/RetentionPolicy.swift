import Foundation

/// When the daemon removes the personal data of delivered leads (`retention_days`): a pure value,
/// so the schedule is tested with a manual clock and the daemon only asks it.
///
/// The daemon purges once a day: at start when no purge ran for a day (a laptop that sleeps
/// through the night still purges the next morning), then every `interval` after the last one.
public struct RetentionPolicy: Sendable, Equatable {
    /// Days a delivered lead keeps its personal data; nil means never purge.
    public var retentionDays: Int?
    /// How often the daemon purges.
    public var interval: TimeInterval

    public init(retentionDays: Int?, interval: TimeInterval = 24 * 3600) {
        self.retentionDays = retentionDays
        self.interval = interval
    }

    /// Leads delivered before this moment lose their personal data; nil when retention is off.
    public func cutoff(now: Date) -> Date? {
        retentionDays.map { now.addingTimeInterval(-Double($0) * 24 * 3600) }
    }

    /// When the next purge is due, given when the last one ran: nil when retention is off, `now`
    /// when one is due already (never ran, or ran `interval` ago or more).
    public func nextPurge(lastPurge: Date?, now: Date) -> Date? {
        guard retentionDays != nil else { return nil }
        guard let lastPurge, lastPurge <= now else { return now }
        return max(now, lastPurge.addingTimeInterval(interval))
    }

    /// Whether the daemon should purge now.
    public func isDue(lastPurge: Date?, now: Date) -> Bool {
        nextPurge(lastPurge: lastPurge, now: now).map { $0 <= now } ?? false
    }
}
