import Foundation
import Logging
import ServiceLifecycle
import SyncEngine
import Synchronization
import UnixSignals

/// One piece of a long-lived command (the sync engine, the terminal UI, a lock wait): how to run
/// it and how to ask it to stop gracefully.
public struct CommandPart: Sendable {
    let name: String
    let body: @Sendable () async throws -> Void
    let stop: @Sendable () async -> Void

    public init(_ name: String, run: @escaping @Sendable () async throws -> Void, stop: @escaping @Sendable () async -> Void) {
        self.name = name
        self.body = run
        self.stop = stop
    }

    /// The engine doing `work` (`runForever`, a drain), stopped after the request in flight.
    public static func engine(_ engine: SyncEngine, _ work: @escaping @Sendable (SyncEngine) async -> Void) -> CommandPart {
        CommandPart("sync engine", run: { await work(engine) }, stop: { await engine.requestStop() })
    }
}

/// The one way every long-lived leadbox command runs (`daemon`, `sync`, the UI with its engine):
/// its parts in one swift-service-lifecycle `ServiceGroup`. A stop signal (SIGTERM/SIGINT, and
/// SIGHUP for the UI) or any part finishing shuts the whole group down gracefully, parts listed
/// later first (so a UI listed after its engine is closed before the engine stops). SIGUSR1 means
/// "try now" — `leadbox sync`, the UI's key and capturing processes send it to the lock holder —
/// and is trapped for the whole run, since its default action would kill the process.
///
/// The stop signals are heard by our own listener service rather than by the group's
/// `gracefulShutdownSignals`: the group does not tell its services which signal arrived, and the
/// UI must know it before its part is asked to stop, to exit 128 + that signal (SIGHUP is not
/// SIGTERM to a shell or systemd). The listener records it, then triggers the group's shutdown.
public enum CommandRunner {
    /// Runs `parts` until one finishes or a stop signal arrives; returns that signal, if one did.
    /// `onStop` hears the signal before any part is asked to stop (the UI reports 128 + it).
    @discardableResult
    public static func run(
        _ parts: [CommandPart], stopSignals: [UnixSignal] = [.sigterm, .sigint],
        tryNow: (@Sendable () async -> Void)? = nil, onStop: (@Sendable (UnixSignal) -> Void)? = nil,
        logger: Logger
    ) async throws -> UnixSignal? {
        // Trapped before any part starts: ignored first, so that no signal can take its default
        // action in between, and before the UI's ncurses would install handlers of its own.
        let trapped = stopSignals + [.sigusr1]
        for number in trapped { signal(number.rawValue, SIG_IGN) }
        let sequence = await UnixSignalsSequence(trapping: trapped)
        let signals = SignalListener(signals: sequence, tryNow: tryNow, onStop: onStop)
        var services = parts.map {
            ServiceGroupConfiguration.ServiceConfiguration(
                service: PartService(part: $0), successTerminationBehavior: .gracefullyShutdownGroup,
                failureTerminationBehavior: .gracefullyShutdownGroup)
        }
        services.append(.init(service: signals))
        let group = ServiceGroup(configuration: .init(services: services, logger: logger))
        signals.group.withLock { $0 = group }
        try await group.run()
        return signals.received.withLock { $0 }
    }
}

/// A `CommandPart` as a `Service`.
private struct PartService: Service, CustomStringConvertible {
    let part: CommandPart
    var description: String { part.name }

    func run() async throws {
        let part = self.part
        try await withGracefulShutdownHandler {
            try await part.body()
        } onGracefulShutdown: {
            Task { await part.stop() }
        }
    }
}

/// Turns the process's signals into the group's graceful shutdown and "try now".
private final class SignalListener: Service, Sendable {
    let signals: UnixSignalsSequence
    let tryNow: (@Sendable () async -> Void)?
    let onStop: (@Sendable (UnixSignal) -> Void)?
    let group = Mutex<ServiceGroup?>(nil)
    let received = Mutex<UnixSignal?>(nil)

    init(signals: UnixSignalsSequence, tryNow: (@Sendable () async -> Void)?, onStop: (@Sendable (UnixSignal) -> Void)?) {
        self.signals = signals
        self.tryNow = tryNow
        self.onStop = onStop
    }

    func run() async throws {
        for await signal in signals.cancelOnGracefulShutdown() {
            if signal == .sigusr1 {
                await tryNow?()
                continue
            }
            let first = received.withLock { received in
                defer { if received == nil { received = signal } }
                return received == nil
            }
            guard first else { continue }
            onStop?(signal)
            await group.withLock { $0 }?.triggerGracefulShutdown()
        }
    }
}
