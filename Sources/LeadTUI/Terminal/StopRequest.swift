import Synchronization

/// A stop asked from outside the UI thread — SIGTERM, SIGINT or SIGHUP, which the command runner
/// traps — checked by the UI loop between keys, so those signals end the UI through the normal
/// path (draft saved, terminal restored) instead of killing it mid-draw. In raw mode Ctrl-C is a
/// key; SIGINT here means `kill -INT`.
public final class StopRequest: Sendable {
    private let number = Mutex<Int32?>(nil)

    public init() {}

    /// Asks the UI to stop because of `signal`; the first request wins (its exit code is 128 + it).
    public func request(signal: Int32) {
        number.withLock { if $0 == nil { $0 = signal } }
    }

    /// The signal that asked the UI to stop, if any.
    var signal: Int32? { number.withLock { $0 } }
}
