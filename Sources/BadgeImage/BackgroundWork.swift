import Foundation
import Synchronization

/// Work started at once on a thread of its own, whose result is waited for only when it is
/// needed, and not at all when something else made it moot (a card reading once a code was found:
/// its thread finishes on its own and the result is dropped).
final class BackgroundWork<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, BadgeImageError>?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    /// Tesseract recurses deeply on busy pages; the main thread's 8 MB is what it is tested with.
    static var stackSize: Int { 8 << 20 }

    init(_ work: @escaping @Sendable () throws(BadgeImageError) -> Value) {
        let thread = Thread { [self] in
            let outcome: Result<Value, BadgeImageError>
            do throws(BadgeImageError) { outcome = .success(try work()) } catch { outcome = .failure(error) }
            result.withLock { $0 = outcome }
            finished.signal()
        }
        thread.stackSize = Self.stackSize
        thread.start()
    }

    /// Waits for the work to end and gives its value, or throws its error.
    func value() throws(BadgeImageError) -> Value {
        finished.wait()
        finished.signal()  // a second call returns at once too
        return try result.withLock { $0! }.get()
    }
}
