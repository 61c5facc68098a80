/// The portal's request-rate limit: every request adds one to a counter that drains at `rate`
/// per second; a request that would push it past `burst` is refused (and does not run).
struct LeakyBucket {
    private var level = 0.0
    private var lastDrain: ContinuousClock.Instant?

    mutating func admit(rate: Double, burst: Int, now: ContinuousClock.Instant) -> Bool {
        guard rate > 0 else { return true }
        if let lastDrain { level = max(0, level - (now - lastDrain).seconds * rate) }
        lastDrain = now
        guard level + 1 <= Double(burst) else { return false }
        level += 1
        return true
    }
}

/// Per-method operating time summed over a sliding window (`time.operating`), and when its
/// oldest charge expires (`time.operating_reset_at`, Unix seconds).
struct OperatingTracker {
    private var charges: [String: [(at: Double, cost: Double)]] = [:]

    struct Usage {
        var operating: Double
        var resetAt: Int
    }

    mutating func usage(of method: String, now: Double, window: Double) -> Usage {
        let live = (charges[method] ?? []).filter { $0.at + window > now }
        charges[method] = live
        let oldest = live.first?.at ?? now
        return Usage(operating: live.reduce(0) { $0 + $1.cost }, resetAt: Int((oldest + window).rounded(.up)))
    }

    mutating func charge(_ method: String, cost: Double, now: Double) {
        charges[method, default: []].append((now, cost))
    }
}

/// SplitMix64: a tiny seeded generator so a seed and a request order always give the same faults.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

extension Duration {
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
