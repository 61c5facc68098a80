import Foundation
import LeadStore

/// How a drain (`leadbox sync`) ended; maps to the command's exit code.
public enum DrainResult: Sendable, Equatable {
    /// Nothing is waiting; `failed` leads (if any) need a person.
    case finished(failed: Int)
    /// The portal could not be reached, or the time ran out, with leads left.
    case unreachable(reason: String, left: Int)
    /// No portal configured, or it refuses this configuration.
    case misconfigured(reason: String)
    /// Asked to stop.
    case stopped
}

/// Why a drain ends, before the outbox is counted for the message.
public enum DrainEnd: Sendable, Equatable {
    case finished
    case unreachable(reason: String)
    case misconfigured(reason: String)
    case stopped
}

/// When a one-off `leadbox sync` stops waiting, judged from the portal status alone — the status
/// the engine keeps, or the one a daemon wrote to the outbox — so a sync that runs its own engine
/// and one that follows the daemon end on the same rules.
public struct DrainRule: Sendable, Equatable {
    /// `--timeout`: keep trying until then. Without it an unreachable portal ends the drain at once.
    public var deadline: Date?
    /// A pause longer than this (an operating-time block lasts minutes) is not worth holding a
    /// one-off sync for: report it; the daemon or a later sync goes on.
    public var longestWait: TimeInterval = 60

    public init(deadline: Date?) {
        self.deadline = deadline
    }

    /// The end of the drain, or nil to go on. `nothingWaiting`: no lead is pending, sending or in doubt.
    public func end(status: PortalStatus, nothingWaiting: Bool, now: Date) -> DrainEnd? {
        if let deadline, now >= deadline {
            return .unreachable(
                reason: status.state == .online ? "The time given with --timeout ran out." : status.reason ?? "The time given with --timeout ran out."
            )
        }
        if status.needsPerson {
            return .misconfigured(reason: status.reason ?? "The portal refuses this configuration.")
        }
        if nothingWaiting { return .finished }
        guard deadline == nil else { return nil }
        if status.state == .offline { return .unreachable(reason: status.reason ?? "The portal cannot be reached.") }
        if status.state == .paused, let next = status.nextAttemptAt, next.timeIntervalSince(now) > longestWait {
            return .unreachable(reason: status.reason ?? "The portal asked leadbox to wait.")
        }
        return nil
    }
}

extension PortalStatus {
    /// Sync waits for a person: no portal configured, or a pause with no time to try again (a
    /// refused webhook, missing scope, unreadable settings). Limits and backoffs carry a time.
    public var needsPerson: Bool {
        state == .notConfigured || (state == .paused && nextAttemptAt == nil)
    }
}
