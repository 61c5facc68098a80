import Dispatch
import Glibc
import Synchronization

/// SIGTERM, SIGINT and SIGHUP turned into a flag the UI loop checks between keys, so those
/// signals end the UI through the normal path (draft saved, terminal restored) instead of
/// killing it mid-draw. In raw mode Ctrl-C is a key; SIGINT here means `kill -INT`.
final class StopSignals {
    private static let handled = [SIGTERM, SIGINT, SIGHUP]
    private let received = Received()
    private var sources: [any DispatchSourceSignal] = []

    /// The number of the signal that arrived (0: none), written by the dispatch handler.
    private final class Received: Sendable {
        let value = Atomic<Int32>(0)
    }

    init() {
        let queue = DispatchQueue(label: "leadbox.tui.signals")
        for number in StopSignals.handled {
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            let received = self.received
            source.setEventHandler { received.value.store(number, ordering: .relaxed) }
            source.resume()
            sources.append(source)
        }
    }

    /// The signal that asked the UI to stop, if any.
    var signal: Int32? {
        let value = received.value.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// Puts the default dispositions back once the terminal is restored.
    func cancel() {
        for source in sources { source.cancel() }
        sources.removeAll()
        for number in StopSignals.handled { Glibc.signal(number, SIG_DFL) }
    }
}
