import Foundation
import Testing

/// What the photo tests share: a JPEG-looking file to attach, its digest by a third party, and
/// the states of the outbox's notes.
extension CLIHarness {
    /// A JPEG-looking file of seeded noise (`count` bytes) in the test's folder, and its digest
    /// by coreutils' `sha256sum` (neither the client's nor the portal's SHA-256).
    func photoFile(_ name: String, count: Int, seed: UInt64) throws -> (path: String, sha256: String) {
        var state = seed
        let bytes: [UInt8] =
            [0xFF, 0xD8, 0xFF, 0xE0]
            + (4..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (path, String(text.prefix(64)))
    }

    /// Every note's state, oldest first.
    func noteStates() throws -> [String] {
        try sqlite("SELECT state FROM note ORDER BY id").split(separator: "\n").map(String.init)
    }

    /// The exactly-once ordeal each photo lane must come through. A lead with a 300 KB photo is
    /// saved; a daemon sends it while the portal holds every answer back (`arrived` says when the
    /// photo is on the portal), and is killed with SIGKILL before the answer comes. A second lead
    /// with a photo is saved while no engine runs, and the next daemon's first answers are lost.
    /// Returns the two photos once both leads and both notes are synced; the caller checks where
    /// the photos are on the portal.
    func photosThroughAKillAndLostAnswers(
        _ portal: PortalProcess, arrived: () throws -> Bool
    ) throws -> (first: (path: String, sha256: String), second: (path: String, sha256: String)) {
        let first = try photoFile("card.jpg", count: 300 * 1024, seed: 1)
        let added = try run(["add", "--name", "Марина", "--email", "marina@example.com", "--attach-photo", first.path])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try sqlite("SELECT COUNT(*) || ' ' || SUM(length(bytes)) FROM note_file") == "1 \(300 * 1024)")

        _ = try portal.control("config", body: #"{"faults": {"slow": 1}, "slow_ms": 4000}"#)
        let (daemon, _, err) = try start(["daemon"])
        let log = ReadAll(err.fileHandleForReading)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let inFlight = try eventually(40) { try noteStates() == ["sending"] && (try arrived()) }
        let statesInFlight = try noteStates()
        #expect(inFlight, "\(statesInFlight) \(log.current())")
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        #expect(try noteStates() == ["sending"], "the kill came before the answer")

        let second = try photoFile("badge.jpeg", count: 120_000, seed: 2)
        #expect(try run(["add", "--name", "Глеб", "--attach-photo", second.path]).status == 0)
        _ = try portal.control("config", body: #"{"faults": {"drop": 1}}"#)
        let (again, _, againErr) = try start(["daemon"])
        let againLog = ReadAll(againErr.fileHandleForReading)
        defer { if again.isRunning { kill(again.processIdentifier, SIGKILL) } }
        let dropped = try eventually(30) {
            let stats = try portal.control("stats") as? [String: Any]
            return ((stats?["faults_injected"] as? [String: Any])?["drop"] as? Int ?? 0) >= 2
        }
        #expect(dropped, "no answer was lost")
        _ = try portal.control("config", body: #"{"faults": {}}"#)
        let done = try eventually(60) {
            try noteStates() == ["synced", "synced"] && (try sqlite("SELECT group_concat(state) FROM lead") == "synced,synced")
        }
        kill(again.processIdentifier, SIGTERM)
        again.waitUntilExit()
        let statesDone = try noteStates()
        #expect(done, "\(statesDone) \(againLog.text())")
        let stats = try #require(try portal.control("stats") as? [String: Any])
        #expect(stats["leads"] as? Int == 2)
        #expect((stats["duplicates_by_origin_id"] as? [String: Any])?["extra_copies"] as? Int == 0)
        return (first, second)
    }
}
