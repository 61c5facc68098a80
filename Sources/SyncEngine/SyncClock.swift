import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One moment as the engine sees it, on two clocks. The wall clock says what people read and
/// what the outbox stores; NTP, a person or a dead RTC battery can move it back or forward at
/// any time. The steady clock never jumps and keeps counting while the laptop sleeps: every
/// wait, pace, backoff and bound is measured on it, so a corrected clock neither stalls sending
/// for the size of the jump nor ends a wait early.
public struct SyncInstant: Sendable, Equatable {
    public var wall: Date
    /// The same moment on the steady timeline. A `Date` so that it reads like one in a log, but
    /// only ever compared with other steady moments.
    public var steady: Date

    public init(wall: Date, steady: Date) {
        self.wall = wall
        self.steady = steady
    }

    /// A moment of a clock that never jumps: both timelines agree (a manual test clock).
    public init(_ date: Date) {
        self.init(wall: date, steady: date)
    }

    /// A wall-clock moment (the portal's reset time, a deadline typed by a person) placed on the
    /// steady timeline as far from now as it is on the wall.
    public func onSteady(_ wallMoment: Date) -> Date {
        steady.addingTimeInterval(wallMoment.timeIntervalSince(wall))
    }

    /// A steady moment as a person reads it: as far from the wall clock's now as it is from the
    /// steady now.
    public func onWall(_ steadyMoment: Date) -> Date {
        wall.addingTimeInterval(steadyMoment.timeIntervalSince(steady))
    }
}

/// Time as the sync engine sees it: a seam so the policy can be tested without sleeping.
public protocol SyncClock: Sendable {
    /// The wall clock: for what people read and what the outbox stores.
    func now() -> Date
    /// The steady clock (see `SyncInstant`).
    func steadyNow() -> Date
    /// Sleeps until the steady moment `deadline` or until `waker` is woken, whichever comes first.
    func sleep(until deadline: Date, waker: Waker) async
}

extension SyncClock {
    /// A clock that cannot jump needs no second timeline: manual clocks in tests.
    public func steadyNow() -> Date { now() }

    public func instant() -> SyncInstant {
        SyncInstant(wall: now(), steady: steadyNow())
    }
}

/// The system's clocks: the wall clock, and `CLOCK_BOOTTIME` as the steady one (monotonic, and
/// unlike `CLOCK_MONOTONIC` it counts a suspended laptop's sleep: the portal's limits and the
/// in-doubt bound went on running meanwhile).
public struct SystemClock: SyncClock {
    /// Where the steady timeline starts: the wall clock's reading the first time it is used,
    /// so steady moments read like calendar time in logs until the wall clock jumps.
    private static let origin = (wall: Date(), boot: BootClock.seconds())

    public init() {}

    public func now() -> Date { Date() }

    public func steadyNow() -> Date {
        Self.origin.wall.addingTimeInterval(BootClock.seconds() - Self.origin.boot)
    }

    public func sleep(until deadline: Date, waker: Waker) async {
        let seconds = deadline.timeIntervalSince(steadyNow())
        guard seconds > 0 else { return }
        await waker.sleep(seconds: seconds)
    }
}

/// Seconds since this machine booted, suspended time included (`CLOCK_BOOTTIME`).
public enum BootClock {
    public static func seconds() -> TimeInterval {
        var spec = timespec()
        clock_gettime(CLOCK_BOOTTIME, &spec)
        return TimeInterval(spec.tv_sec) + TimeInterval(spec.tv_nsec) / 1e9
    }
}

/// Lets one sleeping loop be woken early: by a "sync now" (the key, SIGUSR1), a network change
/// or a stop request.
public actor Waker {
    private var continuation: CheckedContinuation<Void, Never>?
    private var pending = false
    private var generation = 0

    public init() {}

    /// Wakes the sleeper now, or makes its next sleep return at once.
    public func wake() {
        if let continuation {
            self.continuation = nil
            continuation.resume()
        } else {
            pending = true
        }
    }

    /// Sleeps up to `seconds` (measured by the system's monotonic clock, never the wall clock);
    /// returns early when woken.
    public func sleep(seconds: TimeInterval) async {
        if pending {
            pending = false
            return
        }
        generation += 1
        let mine = generation
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            self.continuation = continuation
            Task { [weak self] in
                try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                await self?.timeUp(mine)
            }
        }
    }

    private func timeUp(_ sleeper: Int) {
        guard sleeper == generation, let continuation else { return }
        self.continuation = nil
        continuation.resume()
    }
}
