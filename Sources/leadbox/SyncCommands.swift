import ArgumentParser
import Bitrix24
import Foundation
import LeadCore
import LeadRuntime
import LeadStore
import Logging
import SyncEngine
import Synchronization

/// Engine tunables that tests and benchmarks may shorten through the environment
/// (`LEADBOX_SETTLE_SECONDS`: how long an in-doubt lead must age before a lookup miss means
/// "never created"; the real portal needs the default 75 s).
enum EngineEnvironment {
    static func configuration() -> EngineConfiguration {
        var configuration = EngineConfiguration()
        let environment = ProcessInfo.processInfo.environment
        if let settle = environment["LEADBOX_SETTLE_SECONDS"].flatMap(Double.init), settle >= 0 { configuration.settle = settle }
        if let probe = environment["LEADBOX_OFFLINE_PROBE_SECONDS"].flatMap(Double.init), probe > 0 { configuration.offlineProbeInterval = probe }
        return configuration
    }

    /// A stderr logger; `quietByDefault` (an interactive `sync`, whose progress bar already says
    /// what happens) logs only warnings unless LEADBOX_LOG_LEVEL asks for more.
    static func logger(_ label: String, quietByDefault: Bool = false) -> Logger {
        var logger = Logger(label: label) { LogOutput.handler(label: $0) }
        logger.logLevel =
            ProcessInfo.processInfo.environment["LEADBOX_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
            ?? (quietByDefault ? .warning : .info)
        return logger
    }
}

/// `leadbox sync`: deliver everything possible now.
struct Sync: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Deliver every waiting lead now.",
        discussion: """
            Exit status: 0 all delivered; 1 some leads were refused by the portal and need a person; \
            75 the portal is unreachable (or --timeout ran out) with leads left; 78 no or bad portal configuration.
            When the daemon is running, sync wakes it and shows its progress instead.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: "Keep trying for at most this many seconds (without it, an unreachable portal ends the sync at once).")
    var timeout: Double?

    func run() async throws {
        let context = Context(global)
        let store = try context.openStore()
        _ = try context.settings()  // a broken settings file is a usage error, reported before anything runs
        let deadline = timeout.map { Date().addingTimeInterval($0) }
        let progress = ProgressLine(total: try store.counts().waiting)
        guard let lock = try EngineLock.acquire(forDatabase: store.path) else {
            try await followDaemon(store: store, deadline: deadline, progress: progress)
            return
        }
        let engine = SyncEngine(
            store: store, settings: { try context.settings() }, configuration: EngineEnvironment.configuration(),
            logger: EngineEnvironment.logger("leadbox.sync", quietByDefault: Terminal.isInteractive))
        await engine.setProgressHandler { progress.show($0) }
        let result = DrainOutcome(nil)
        try await CommandRunner.run(
            [
                .engine(engine) {
                    let drained = await $0.drain(deadline: deadline)
                    result.update { $0 = drained }
                }
            ],
            tryNow: { await engine.tryNow() }, logger: EngineEnvironment.logger("leadbox.sync", quietByDefault: true))
        progress.finish()
        withExtendedLifetime(lock) {}
        try finish(result.value ?? .stopped, store: store)
    }

    private func finish(_ result: DrainResult, store: LeadStore) throws {
        let counts = try store.counts()
        switch result {
        case .finished(let failed):
            // A note or photo that did not reach the CRM needs a person too, whatever the leads did.
            let notes = try store.noteCounts()
            if notes.failed > 0 { Terminal.warning(try RefusedNotes.sentence(store.failedNotes(), count: notes.failed)) }
            if failed > 0 {
                throw CommandFailure(
                    "\(failed) lead\(failed == 1 ? " was" : "s were") refused by the portal and need\(failed == 1 ? "s" : "") a person: see `leadbox list --state failed`, fix with `leadbox edit`, then `leadbox retry`.",
                    .someRefused)
            }
            Terminal.line("All leads are in the CRM (\(counts[.synced]) sent in all).")
        case .unreachable(let reason, let left):
            throw CommandFailure(
                "\(left) lead\(left == 1 ? " is" : "s are") still waiting: \(reason) They are safe and will be sent when the portal answers.",
                .temporary)
        case .misconfigured(let reason):
            throw CommandFailure(reason, .configuration)
        case .stopped:
            throw CommandFailure("Stopped; \(counts.waiting) lead(s) still waiting, all safe on disk.", .temporary)
        }
    }

    /// The daemon holds the engine lock: wake it and watch the outbox until it is done.
    private func followDaemon(store: LeadStore, deadline: Date?, progress: ProgressLine) async throws {
        if let pid = EngineLock.holder(forDatabase: store.path) {
            kill(pid, SIGUSR1)
            Terminal.line("Another leadbox process (pid \(pid)) is syncing this database; woke it up and following its progress.")
        }
        // The daemon's status may predate the nudge: judge it once the daemon has written a
        // newer one, or after a grace period (an unchanged status is not rewritten at once).
        let nudgedAt = Date()
        let rule = DrainRule(deadline: deadline)
        while true {
            let counts = try store.counts()
            let portal = try store.portalStatus()
            progress.show(
                SyncProgress(sent: counts[.synced], failed: counts[.failed], waiting: counts.waiting, portal: portal.state, reason: portal.reason))
            let now = Date()
            let fresh = portal.updatedAt >= nudgedAt.addingTimeInterval(-0.001) || now.timeIntervalSince(nudgedAt) > 2
            let status = fresh ? portal : PortalStatus(state: .unknown)
            if let end = rule.end(status: status, nothingWaiting: counts.waiting == 0, now: now) {
                progress.finish()
                return try finish(DrainResult(end, failed: counts[.failed], left: counts.waiting), store: store)
            }
            try await Task.sleep(nanoseconds: 250_000_000)
        }
    }
}

extension DrainResult {
    init(_ end: DrainEnd, failed: Int, left: Int) {
        switch end {
        case .finished: self = .finished(failed: failed)
        case .unreachable(let reason): self = .unreachable(reason: reason, left: left)
        case .misconfigured(let reason): self = .misconfigured(reason: reason)
        case .stopped: self = .stopped
        }
    }
}

/// The drain's result, set by the engine part of the runner.
typealias DrainOutcome = Locked<DrainResult?>

/// A progress bar on a terminal, plain lines otherwise (one per change of the numbers).
final class ProgressLine: Sendable {
    private let interactive = Terminal.isInteractive
    private let total: Int
    /// The last line shown; held while a line is written, so two never interleave.
    private let last = Mutex("")

    init(total: Int) { self.total = max(total, 1) }

    func show(_ progress: SyncProgress) {
        last.withLock { last in show(progress, after: &last) }
    }

    private func show(_ progress: SyncProgress, after last: inout String) {
        let done = min(progress.sent + progress.failed, total)
        var text = "\(progress.sent) sent, \(progress.failed) failed, \(progress.waiting) waiting — portal \(progress.portal.rawValue)"
        if let reason = progress.reason, progress.portal != .online { text += ": \(reason)" }
        text = text.escapedForTerminal
        guard text != last else { return }
        last = text
        if interactive {
            let width = 24
            let filled = width * done / total
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            // One line that never wraps: a wrapped line could not be rewritten in place.
            let room = max(10, Terminal.columns - width - 4)
            let fitted = text.count > room ? String(text.prefix(room - 1)) + "…" : text
            FileHandle.standardOutput.write(Data("\r\u{1B}[K[\(bar)] \(fitted)".utf8))
        } else {
            Terminal.line(text)
        }
    }

    func finish() {
        last.withLock { last in
            if interactive, !last.isEmpty { FileHandle.standardOutput.write(Data("\n".utf8)) }
            last = ""
        }
    }
}

/// `leadbox daemon`: sync until SIGTERM/SIGINT.
struct Daemon: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daemon",
        abstract: "Sync continuously until SIGTERM or SIGINT (one per database).",
        discussion: "Logs one line per batch and per portal state change to standard error. A second engine on the same database is refused.")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let context = Context(global)
        let store = try context.openStore()
        _ = try context.settings()
        let logger = EngineEnvironment.logger("leadbox.daemon")
        // Ready as soon as it runs, even while another engine holds the lock: an open UI may hold
        // it for hours, and systemd would otherwise time the start out and kill the daemon.
        ServiceNotifier.ready(status: "Starting on \(store.path)")
        let engine = SyncEngine(store: store, settings: { try context.settings() }, configuration: EngineEnvironment.configuration(), logger: logger)
        let path = store.path
        logger.notice("leadbox daemon started: \(BuildInfo.versionLine), database \(path), pid \(getpid())")
        let ran = try await CommandRunner.runDaemon(engine: engine, databasePath: path, logger: logger) {
            logger.notice("syncing \(path)")
            ServiceNotifier.status("Syncing \(path)")
        }
        logger.notice(ran ? "leadbox daemon stopped cleanly" : "stopped while waiting for the other engine")
    }
}

/// `leadbox portal check|refresh`.
struct Portal: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portal",
        abstract: "Check the portal connection, or cache its fields and lists for offline validation.",
        subcommands: [Check.self, Refresh.self])

    /// The client for the configured portal, or a configuration error (exit 78).
    static func client(_ context: Context) throws -> Bitrix24Client {
        let settings = try context.settings()
        let store = try context.openStore()
        let client: Bitrix24Client?
        do {
            client = try PortalConnection.client(
                for: settings, store: store, logger: Logger(label: "leadbox.portal") { _ in SwiftLogNoOpLogHandler() })
        } catch {
            throw CommandFailure("\(error)", .configuration)
        }
        guard let client else {
            throw CommandFailure("No portal is configured: run `leadbox config set webhook URL` or pass --webhook.", .configuration)
        }
        return client
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract:
                "Check reachability, authorization, CRM scope, the ORIGIN_ID lookup, CRM mode, required fields, source and stage, and the webhook's owner."
        )
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = Context(global)
            let client = try Portal.client(context)
            let lines = await PortalCheck.run(client, profile: try context.settings().event)
            for line in lines {
                let mark =
                    switch line.status {
                    case .passed: "ok  "
                    case .warning: "WARN"
                    case .failed: "FAIL"
                    case .skipped: "--  "
                    }
                Terminal.line("\(mark) \(line.description.escapedForTerminal)")
            }
            if lines.contains(where: { $0.status == .failed }) {
                throw CommandFailure("The portal check failed; fix the first failing line above.", .configuration)
            }
        }
    }

    struct Refresh: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refresh", abstract: "Cache crm.lead.fields and crm.status.list so add and edit can validate offline.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = Context(global)
            let store = try context.openStore()
            let client = try Portal.client(context)
            let schema: PortalSchema
            do {
                schema = try await client.schema()
            } catch {
                throw CommandFailure(error.message, error.kind == .portalUnusable ? .configuration : .temporary)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            try store.setCache(PortalSchema.cacheKey, json: String(decoding: try encoder.encode(schema), as: UTF8.self))
            let sources = schema.statuses["SOURCE"]?.map(\.id).joined(separator: ", ") ?? "none"
            Terminal.line(
                "Cached \(schema.fieldNames.count) lead fields (\(schema.customFields.count) custom) and the portal's lists; sources: \(sources).")
        }
    }
}
