import Foundation
import LeadStore

/// One kind of question the UI asks the outbox (the list window, the status-line counts),
/// answered off the input thread so typing never waits for SQLite.
///
/// Only the newest question matters: asking again cancels the one running (its SQLite read stops
/// within a few thousand steps, see `QueryCancellation`) and skips any not started yet. The
/// answer waits here until the UI thread takes it; until then the screen keeps what it showed.
final class BackgroundQuery<Answer: Sendable>: @unchecked Sendable {
    /// Nil runs every question at once on the asking thread (tests of the session's flow).
    private let queue: DispatchQueue?
    private let condition = NSCondition()
    private var asked = 0
    private var answered = 0
    private var running: QueryCancellation?
    private var answer: Result<Answer, any Error>?

    init(label: String, inBackground: Bool) {
        queue = inBackground ? DispatchQueue(label: "leadbox.ui." + label, qos: .userInitiated) : nil
    }

    /// Asks `work` (which must pass the cancellation on to the store), superseding any earlier question.
    func ask(_ work: @escaping @Sendable (QueryCancellation) throws -> Answer) {
        let cancellation = QueryCancellation()
        let ticket = locked {
            running?.cancel()
            running = cancellation
            asked += 1
            return asked
        }
        guard let queue else { return finish(ticket, Result { try work(cancellation) }) }
        queue.async { [self] in
            if cancellation.isCancelled { return finish(ticket, nil) }
            let result = Result { try work(cancellation) }
            if case .failure(let error) = result, error is CancellationError { return finish(ticket, nil) }
            finish(ticket, result)
        }
    }

    /// The newest answer, once; nil when none arrived since the last call.
    func take() -> Result<Answer, any Error>? {
        locked {
            defer { answer = nil }
            return answer
        }
    }

    /// Whether the newest question is still being answered.
    var isWaiting: Bool { locked { answered < asked } }

    /// Blocks until the newest question is answered or `timeout` passes; true when answered.
    @discardableResult
    func waitUntilAnswered(timeout: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while answered < asked {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    private func finish(_ ticket: Int, _ result: Result<Answer, any Error>?) {
        locked {
            // An older question finishing late never overwrites a newer answer.
            guard ticket == asked else { return }
            answered = ticket
            if let result { answer = result }
            condition.broadcast()
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }
}
