import Foundation
import Glibc
import LeadStore

/// How the terminal UI looks and what it can reach outside the outbox.
public struct TerminalUIOptions: Sendable {
    /// Plain ASCII glyphs (`--ascii`), for the Linux console and fonts without box drawing.
    public var ascii: Bool
    /// No colour (NO_COLOR set, or asked for); meaning is then carried by words and attributes.
    public var noColor: Bool
    /// The event profile's field defaults (`SOURCE_ID` …) applied to every new lead.
    public var eventDefaults: [String: String]
    /// Called by the "sync now" key; nil shows how to start a sync instead.
    public var onSyncNow: (@Sendable () -> Void)?

    public init(ascii: Bool = false, noColor: Bool = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false,
                eventDefaults: [String: String] = [:], onSyncNow: (@Sendable () -> Void)? = nil) {
        self.ascii = ascii
        self.noColor = noColor
        self.eventDefaults = eventDefaults
        self.onSyncNow = onSyncNow
    }
}

/// The full-screen terminal UI: capture form, outbox list, lead detail.
public enum TerminalUI {
    /// Runs the UI until the person quits or a SIGTERM/SIGINT/SIGHUP arrives, and returns the
    /// exit code (0, or 128 + the signal).
    ///
    /// All terminal work happens on one dedicated thread (ncurses is not thread-safe and its
    /// input call blocks); the calling thread waits for it. The terminal is restored on every
    /// way out, and the form in progress is kept as a draft.
    public static func run(store: LeadStore, options: TerminalUIOptions) throws -> Int32 {
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            outcome.set(Result { try loop(store: store, options: options) })
            done.signal()
        }
        thread.name = "leadbox-tui"
        thread.stackSize = 8 << 20
        thread.start()
        done.wait()
        return try outcome.get()
    }

    /// How often the outbox is checked for changes made by the daemon or another process.
    static let pollInterval: TimeInterval = 0.4

    private static func loop(store: LeadStore, options: TerminalUIOptions) throws -> Int32 {
        setlocale(LC_ALL, "")
        let signals = StopSignals()
        defer { signals.cancel() }
        let backend = try CursesBackend(theme: Theme(ascii: options.ascii, color: !options.noColor))
        defer { backend.end() }
        let (width, height) = backend.size
        let session = Session(store: store, options: options, width: width, height: height)
        var shown: Frame?
        var lastTick = Date()
        while !session.finished {
            if let signal = signals.signal {
                session.saveDraft()
                return 128 + signal
            }
            session.collectAnswers()
            let frame = ScreenRenderer.render(session.state)
            if frame != shown {
                backend.draw(frame)
                shown = frame
            }
            // While a list or count query is out, wake sooner to show its answer.
            if let key = backend.readKey(timeout: session.isWaitingForQueries ? 10 : 100) {
                session.handle(key)
                // A scanner types faster than we draw: take everything already waiting first.
                var drained = 0
                while drained < 512, !session.finished, !session.suspendRequested, let next = backend.readKey(timeout: 0) {
                    session.handle(next)
                    drained += 1
                }
                if session.suspendRequested {
                    backend.suspend()
                    session.suspendRequested = false
                    shown = nil
                    let (w, h) = backend.size
                    session.handle(.resize(width: w, height: h))
                }
            }
            if Date().timeIntervalSince(lastTick) >= pollInterval {
                session.tick()
                lastTick = Date()
            }
        }
        return 0
    }
}

/// The UI thread's result, handed to the waiting caller.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<Int32, any Error> = .success(0)

    func set(_ result: Result<Int32, any Error>) {
        lock.withLock { self.result = result }
    }

    func get() throws -> Int32 {
        try lock.withLock { result }.get()
    }
}
