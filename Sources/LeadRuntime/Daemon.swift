import Foundation
import LeadStore
import Logging
import SyncEngine
import Synchronization

extension CommandRunner {
    /// The daemon: waits for the engine lock (another engine may hold it: an open UI hands over
    /// when it closes), then syncs until SIGTERM/SIGINT, letting the request in flight finish and
    /// recording its outcome before returning. `started` runs once the lock is taken. Returns
    /// false when stopped while still waiting.
    public static func runDaemon(engine: SyncEngine, databasePath: String, logger: Logger, started: @escaping @Sendable () -> Void) async throws
        -> Bool
    {
        let taken = LockHandover()
        let waiting = CommandPart(
            "daemon",
            run: {
                guard let lock = try await taken.wait(forDatabase: databasePath, logger: logger) else { return }
                started()
                let network = engine.wakeOnNetworkChanges()
                defer { network.cancel() }
                await engine.runForever()
                withExtendedLifetime(lock) {}
            },
            stop: {
                taken.stop()
                await engine.requestStop()
            })
        try await run([waiting], tryNow: { await engine.tryNow() }, logger: logger)
        return taken.took
    }
}

/// Waits for the engine lock, polling (a `flock` has no wake-up), until it is taken or stop is asked.
final class LockHandover: Sendable {
    private let stopAsked = Atomic<Bool>(false)
    private let taken = Atomic<Bool>(false)
    var stopped: Bool { stopAsked.load(ordering: .acquiring) }
    /// Whether the lock was ever taken.
    var took: Bool { taken.load(ordering: .acquiring) }

    func stop() { stopAsked.store(true, ordering: .releasing) }

    func wait(forDatabase path: String, logger: Logger) async throws -> EngineLock? {
        if let lock = try EngineLock.acquire(forDatabase: path) { return record(lock) }
        let pid = EngineLock.holder(forDatabase: path).map { " (pid \($0))" } ?? ""
        logger.notice("another leadbox process\(pid) is already syncing \(path); only one may run per database, so this daemon waits for it to stop")
        while !stopped {
            try? await Task.sleep(nanoseconds: 200_000_000)
            if stopped { break }
            if let lock = try EngineLock.acquire(forDatabase: path) {
                logger.notice("the other engine stopped; this daemon takes over")
                return record(lock)
            }
        }
        return nil
    }

    private func record(_ lock: EngineLock) -> EngineLock {
        taken.store(true, ordering: .releasing)
        return lock
    }
}
