import Foundation
import Testing

/// The daemon and a burst of adds starting together on a new outbox, as when systemd starts the
/// daemon while a booth script adds the first leads: the daemon's first start must not fail or
/// refuse an add while the others create the schema, and it delivers everything they saved.
/// (Many adds on new and older-version files: LeadStoreTests' ConcurrentOpenTests.)
@Suite struct ConcurrentFirstStartTests {
    let cli = CLIHarness()

    @Test(.timeLimit(.minutes(2))) func theDaemonAndSevenAddsStartTogetherOnANewFile() throws {
        let portal = try PortalProcess()
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        let trials = 3
        let adds = 7
        for trial in 0..<trials {
            let database = ["LEADBOX_DB": cli.folder + "/trial-\(trial).sqlite"]
            let (daemon, _, daemonErr) = try cli.start(["daemon"], extraEnvironment: database)
            defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
            let log = ReadAll(daemonErr.fileHandleForReading)
            let started = try (0..<adds).map { index in
                let (process, _, err) = try cli.start(["add", "--name", "Trial \(trial)", "--last-name", "Add \(index)"], extraEnvironment: database)
                return (process, ReadAll(err.fileHandleForReading))
            }
            for (process, err) in started {
                process.waitUntilExit()
                #expect(process.terminationStatus == 0, "trial \(trial): \(err.text())")
            }
            let synced = try eventually(20) {
                let status = try cli.run(["status", "--json"], extraEnvironment: database)
                let counts = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
                return counts?["synced"] as? Int == adds
            }
            #expect(synced, "trial \(trial): the daemon delivered every add; its log: \(log.current())")
            #expect(daemon.isRunning, "trial \(trial): \(log.current())")
            kill(daemon.processIdentifier, SIGTERM)
            daemon.waitUntilExit()
            #expect(daemon.terminationStatus == 0, "trial \(trial): \(log.text())")
        }
        #expect((try portal.control("stats") as? [String: Any])?["leads"] as? Int == trials * adds)
    }
}
