import ArgumentParser
import Camera
import Foundation
import LeadRuntime
import LeadStore
import LeadTUI
import Logging
import SyncEngine
import UnixSignals

/// `leadbox` with no arguments: the terminal UI.
///
/// While the UI is open it also syncs, unless a daemon already does: a booth worker who only
/// ever runs `leadbox` still gets every lead delivered as soon as the network allows.
struct OpenUI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui", abstract: "Open the terminal UI (the default); it syncs while open unless the daemon runs.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Draw with plain ASCII characters (for the Linux console or limited fonts).") var ascii = false
    @Flag(name: .customLong("no-sync"), help: "Do not sync from the UI (leave it to `leadbox daemon` or `leadbox sync`).") var noSync = false

    func run() async throws {
        let context = Context(global)
        let store = try context.openStore()
        let settings = try context.settings()
        if PortalConnection.identity(of: settings) == nil, try store.portalStatus().state == .unknown {
            try store.setPortalStatus(PortalStatus(state: .notConfigured, reason: "run `leadbox config set webhook URL`"))
        }
        // The UI's own engine, when the outbox has none: its log would scribble over the screen,
        // so it logs nothing; the portal state it writes to the outbox is what the UI shows.
        let lock = noSync ? nil : try EngineLock.acquire(forDatabase: store.path)
        let engine = lock.map { _ in
            SyncEngine(
                store: store, settings: { try context.settings() }, configuration: EngineEnvironment.configuration(),
                logger: Logger(label: "leadbox.ui-sync") { _ in SwiftLogNoOpLogHandler() })
        }
        let options = TerminalUIOptions(
            ascii: ascii, eventDefaults: settings.event.defaults, scanField: settings.event.scanField,
            questions: settings.event.questions, consent: settings.event.consent,
            onSyncNow: { SyncNow.trigger(engine: engine, databasePath: store.path, global: global) },
            onLeadSaved: { if let engine { Task { await engine.waker.wake() } } },
            camera: CameraSetup(device: settings.camera, environment: ProcessInfo.processInfo.environment))
        // The UI and its engine under one runner: quitting stops the engine after the request in
        // flight; SIGTERM/SIGINT/SIGHUP close the UI first (draft saved, terminal restored).
        let stop = StopRequest()
        let outcome = Locked<Result<Int32, any Error>>(.success(0))
        let ui = CommandPart(
            "terminal UI",
            run: {
                do {
                    let code = try await TerminalUI.run(store: store, options: options, stop: stop)
                    outcome.update { $0 = .success(code) }
                } catch {
                    outcome.update { $0 = .failure(error) }
                }
            }, stop: { stop.request(signal: SIGTERM) })
        var parts = [ui]
        var tryNow: (@Sendable () async -> Void)?
        if let engine {
            parts.insert(
                CommandPart.engine(engine) { engine in
                    let network = engine.wakeOnNetworkChanges()
                    defer { network.cancel() }
                    await engine.runForever()
                }, at: 0)
            tryNow = { await engine.tryNow() }
        }
        try await CommandRunner.run(
            parts, stopSignals: [.sigterm, .sigint, .sighup], tryNow: tryNow,
            onStop: { stop.request(signal: $0.rawValue) },
            logger: Logger(label: "leadbox.ui") { _ in SwiftLogNoOpLogHandler() })
        withExtendedLifetime(lock) {}
        let code = try outcome.value.get()
        if code != 0 { throw ExitCode(code) }
    }
}

/// The UI's "sync now" key: the UI's own engine tries at once; otherwise the process holding the
/// engine lock (daemon or `leadbox sync`) is woken; with no engine at all (`--no-sync`), a
/// background `leadbox sync` is started, whose progress the UI shows from the outbox.
enum SyncNow {
    static func trigger(engine: SyncEngine?, databasePath: String, global: GlobalOptions) {
        if let engine {
            Task { await engine.tryNow() }
            return
        }
        if let pid = EngineLock.holder(forDatabase: databasePath) {
            kill(pid, SIGUSR1)
            return
        }
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        var arguments = ["sync", "--timeout", "600", "--db", databasePath]
        if let config = global.config { arguments += ["--config", config] }
        if let webhook = global.webhook { arguments += ["--webhook", webhook] }
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
