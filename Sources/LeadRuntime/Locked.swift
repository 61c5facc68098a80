import Synchronization

/// A value shared between tasks and threads: a `Mutex` in a class, so closures can capture and
/// share it (a `Mutex` itself cannot be copied into an escaping closure).
public final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    public init(_ value: Value) { mutex = Mutex(value) }

    public var value: Value { mutex.withLock { $0 } }

    /// Changes the value and returns what `body` returns, atomically.
    @discardableResult
    public func update<T: Sendable>(_ body: (inout sending Value) throws -> sending T) rethrows -> T {
        try mutex.withLock { try body(&$0) }
    }
}
