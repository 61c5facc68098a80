import Camera
import Foundation
import Glibc
import LeadCore
import LeadStore

/// How the terminal UI looks and what it can reach outside the outbox.
public struct TerminalUIOptions: Sendable {
    /// Plain ASCII glyphs (`--ascii`), for the Linux console and fonts without box drawing.
    public var ascii: Bool
    /// No colour (NO_COLOR set, or asked for); meaning is then carried by words and attributes.
    public var noColor: Bool
    /// The event profile's field defaults (`SOURCE_ID` …) applied to every new lead.
    public var eventDefaults: [String: String]
    /// The event profile's `scan_field`: where a badge that is no contact card is kept.
    public var scanField: String
    /// The event profile's questions, asked after the contact fields.
    public var questions: [EventQuestion]
    /// The event profile's consent text, asked as a yes/no line.
    public var consent: ConsentPolicy?
    /// Called by the "sync now" key; nil shows how to start a sync instead.
    public var onSyncNow: (@Sendable () -> Void)?
    /// Called once a lead is committed to the outbox: the UI's own engine looks at once instead
    /// of at its next idle poll (which stays as the safety net).
    public var onLeadSaved: (@Sendable () -> Void)?
    /// The camera the camera key (F6) opens, and whose still F7 reads as a business card: the
    /// settings' device or a recording.
    public var camera: CameraSetup

    public init(
        ascii: Bool = false, noColor: Bool = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false,
        eventDefaults: [String: String] = [:], scanField: String = "COMMENTS", questions: [EventQuestion] = [], consent: ConsentPolicy? = nil,
        onSyncNow: (@Sendable () -> Void)? = nil, onLeadSaved: (@Sendable () -> Void)? = nil, camera: CameraSetup = CameraSetup()
    ) {
        self.camera = camera
        self.scanField = scanField
        self.questions = questions
        self.consent = consent
        self.ascii = ascii
        self.noColor = noColor
        self.eventDefaults = eventDefaults
        self.onSyncNow = onSyncNow
        self.onLeadSaved = onLeadSaved
    }
}

/// The full-screen terminal UI: capture form, outbox list, lead detail.
public enum TerminalUI {
    /// Runs the UI until the person quits or `stop` is requested (the command runner does on
    /// SIGTERM/SIGINT/SIGHUP), and returns the exit code (0, or 128 + the signal).
    ///
    /// All terminal work happens on one dedicated thread (ncurses is not thread-safe and its
    /// input call blocks); the caller awaits its result without blocking a thread. The terminal
    /// is restored on every way out, and the form in progress is kept as a draft.
    public static func run(store: LeadStore, options: TerminalUIOptions, stop: StopRequest) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Result { try loop(store: store, options: options, stop: stop) })
            }
            thread.name = "leadbox-tui"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// How often the outbox is checked for changes made by the daemon or another process.
    static let pollInterval: TimeInterval = 0.4

    private static func loop(store: LeadStore, options: TerminalUIOptions, stop: StopRequest) throws -> Int32 {
        setlocale(LC_ALL, "")
        let backend = try CursesBackend(theme: Theme(ascii: options.ascii, color: !options.noColor))
        defer { backend.end() }
        let (width, height) = backend.size
        let session = Session(store: store, options: options, width: width, height: height)
        defer { session.stopCamera() }
        var shown: Frame?
        var lastTick = Date()
        while !session.finished {
            if let signal = stop.signal {
                session.saveDraft()
                return 128 + signal
            }
            // A terminal that went away without a SIGHUP reaching us (its pty closed under a
            // process group that was not told) ends the UI as the hang-up would have.
            if backend.isHungUp {
                session.saveDraft()
                return 128 + SIGHUP
            }
            session.collectAnswers()
            let frame = ScreenRenderer.render(session.state)
            if frame != shown {
                backend.draw(frame)
                shown = frame
            }
            // While a list or count query is out, or the camera is on, wake sooner to show its answer.
            if let key = backend.readKey(timeout: session.isWaitingForQueries || session.isCameraOn ? 10 : 100) {
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
