import Foundation

/// Time as the sync engine sees it: a seam so the policy can be tested without sleeping.
public protocol SyncClock: Sendable {
    func now() -> Date
    /// Sleeps until `deadline` or until `waker` is woken, whichever comes first.
    func sleep(until deadline: Date, waker: Waker) async
}

/// The wall clock.
public struct SystemClock: SyncClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date, waker: Waker) async {
        let seconds = deadline.timeIntervalSinceNow
        guard seconds > 0 else { return }
        await waker.sleep(seconds: seconds)
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

    /// Sleeps up to `seconds`; returns early when woken.
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
