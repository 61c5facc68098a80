import Foundation

/// A value shared between tasks and threads behind a lock (`Mutex` needs macOS 15).
public final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    public init(_ value: Value) { stored = value }

    public var value: Value { lock.withLock { stored } }

    /// Changes the value and returns what `body` returns, atomically.
    @discardableResult
    public func update<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        try lock.withLock { try body(&stored) }
    }
}
