import Foundation

/// The client-side twin of the portal's leaky bucket (reference §4.1): every request adds one to
/// a level that drains at `rate` per second, and a request is sent only while the level stays
/// below `burst`. Matching the portal's own bucket is what lets a backlog drain at the ceiling
/// without ever being refused with 503.
public struct RequestPacer: Sendable {
    /// The portal's drain rate as configured: the pace a lone client may keep.
    public let rate: Double
    public let burst: Int
    /// The pace used now. The portal's bucket is shared by every client behind the same address
    /// (booth laptops on one Wi-Fi), so a refusal halves it and each accepted request wins a
    /// little back (additive increase, multiplicative decrease): several daemons settle on
    /// fair shares of the portal's rate instead of trading 503s.
    public private(set) var currentRate: Double
    /// Requests kept in reserve below the portal's burst: network jitter can bunch two requests
    /// closer together on arrival than they were on departure, and one request of headroom
    /// absorbs that for half a second's worth of drift at 2 req/s.
    public let headroom: Double

    private var level: Double = 0
    private var lastUpdate: Date?

    public init(rate: Double, burst: Int, headroom: Double = 1) {
        self.rate = rate
        self.burst = burst
        self.currentRate = rate
        self.headroom = min(headroom, Double(max(0, burst - 1)))
    }

    /// Books the next request and returns when it may leave (now, or later when the bucket is full).
    public mutating func reserve(at now: Date) -> Date {
        // A slot already booked in the future is the earliest point the next one can follow.
        let start = max(now, lastUpdate ?? now)
        drain(to: start)
        let limit = Double(burst) - headroom
        var sendAt = start
        if level + 1 > limit {
            sendAt = start.addingTimeInterval((level + 1 - limit) / currentRate)
            drain(to: sendAt)
        }
        level += 1
        return sendAt
    }

    /// The portal refused a request as over its limit: someone else shares the bucket. Assume
    /// it is full and halve the pace; returns when the next request may go.
    public mutating func refused(at now: Date) -> Date {
        drain(to: now)
        level = max(level, Double(burst))
        currentRate = max(rate / 64, currentRate / 2)
        return now.addingTimeInterval(1 / currentRate)
    }

    /// The portal accepted a request: win back a little of the pace.
    public mutating func accepted() {
        currentRate = min(rate, currentRate + rate / 20)
    }

    private mutating func drain(to time: Date) {
        if let lastUpdate, time > lastUpdate {
            level = max(0, level - time.timeIntervalSince(lastUpdate) * currentRate)
        }
        if lastUpdate == nil || time > lastUpdate! { lastUpdate = time }
    }
}

/// Full-jitter exponential backoff for portal-wide trouble (reference §2 of the anchors):
/// `sleep = random(0, min(cap, base · 2^n))`, reset after a success.
public struct Backoff: Sendable {
    public let base: TimeInterval
    public let cap: TimeInterval
    public private(set) var failures = 0

    public init(base: TimeInterval = 1, cap: TimeInterval = 300) {
        self.base = base
        self.cap = cap
    }

    /// The delay before the next try after one more failure.
    public mutating func nextDelay(using random: inout some RandomNumberGenerator) -> TimeInterval {
        let ceiling = min(cap, base * pow(2, Double(min(failures, 30))))
        failures += 1
        return Double.random(in: 0...ceiling, using: &random)
    }

    public mutating func reset() { failures = 0 }
}
