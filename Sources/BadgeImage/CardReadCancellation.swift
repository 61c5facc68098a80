import Synchronization

/// Tells a card reading in progress to stop: a code the retries found beside it has made it
/// moot. Tesseract asks between words (its monitor's cancel function), and the reader between
/// turns, so the reading ends within a word or two and no thread outlives the command that
/// started it (a process exiting under a Tesseract still at work could crash in its teardown).
final class CardReadCancellation: Sendable {
    private let cancelled = Atomic<Bool>(false)

    func cancel() { cancelled.store(true, ordering: .relaxed) }

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }
}
