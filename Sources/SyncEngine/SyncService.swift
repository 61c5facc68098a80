import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// The daemon as a swift-service-lifecycle `Service`: runs the engine until a graceful shutdown
/// (SIGTERM/SIGINT), then lets the request in flight finish and records its outcome before
/// returning. SIGUSR1 (sent by `leadbox sync` or the UI's "sync now") ends any wait at once.
public struct SyncService: Service {
    let engine: SyncEngine

    public init(engine: SyncEngine) {
        self.engine = engine
    }

    public func run() async throws {
        let engine = self.engine
        let nudges = engine.wakeOnNudges()
        defer { nudges.cancel() }
        let network = engine.wakeOnNetworkChanges(); defer { network.cancel() }
        await withGracefulShutdownHandler {
            await engine.runForever()
        } onGracefulShutdown: {
            Task { await engine.requestStop() }
        }
    }

    /// Runs the daemon until SIGTERM or SIGINT; returns when it has stopped cleanly.
    public static func runDaemon(engine: SyncEngine, logger: Logger) async throws {
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: SyncService(engine: engine))],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
    }
}

extension SyncEngine {
    /// SIGUSR1 means "try now" (sent by `leadbox sync` and the UI's sync-now key to whichever
    /// process holds the engine lock). Every process that holds the lock must listen, or the
    /// signal's default action would kill it. Cancel the task when the engine stops.
    public nonisolated func wakeOnNudges() -> Task<Void, Never> {
        Task {
            for await _ in await UnixSignalsSequence(trapping: .sigusr1) {
                await self.tryNow()
            }
        }
    }
}
