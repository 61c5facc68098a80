import Foundation
import Testing

/// Notes on leads, through real `leadbox` processes and the fake portal process: a waiting lead
/// gets a COMMENTS line; a synced lead's notes reach its timeline exactly once, whatever answers
/// are lost and whenever the sending process is killed.
@Suite struct NoteTests {
    let cli = CLIHarness()

    /// The fake portal's timeline comments on a lead, by the note UUID in their marker line.
    private func commentsByMarker(_ portal: PortalProcess) throws -> [String: Int] {
        let comments = try #require(try portal.control("comments") as? [[String: Any]])
        var count: [String: Int] = [:]
        for comment in comments {
            let text = comment["COMMENT"] as? String ?? ""
            guard let last = text.split(separator: "\n").last, last.hasPrefix("leadbox-note: ") else { continue }
            count[String(last.dropFirst("leadbox-note: ".count)), default: 0] += 1
        }
        return count
    }

    private func noteStates() throws -> [String] {
        try cli.sqlite("SELECT state FROM note ORDER BY id").split(separator: "\n").map(String.init)
    }

    /// A lead synced on a clean portal, ready for notes.
    private func syncedLead(_ portal: PortalProcess) throws {
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        #expect(try cli.run(["add", "--name", "Марина", "--email", "marina@example.com"]).status == 0)
        #expect(try cli.run(["sync"]).status == 0)
        #expect(try cli.sqlite("SELECT state FROM lead WHERE id = 1") == "synced")
    }

    @Test func aNoteOnAWaitingLeadIsALineOfItsCommentsAndGoesOutWithIt() throws {
        #expect(try cli.run(["add", "--name", "Ждёт", "--comments", "met at the booth"]).status == 0)
        let note = try cli.run(["note", "1", "wants a demo\non Friday"])
        #expect(note.status == 0, "\(note.stderr)")
        #expect(note.stdout.contains("COMMENTS"))
        let lead = try #require(try cli.json(["show", "1", "--json"]) as? [String: Any])
        let comments = (lead["fields"] as? [String: Any])?["COMMENTS"] as? String ?? ""
        let lines = comments.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first == "met at the booth")
        #expect(lines.last?.hasSuffix(" wants a demo on Friday") == true)
        #expect(try cli.sqlite("SELECT COUNT(*) FROM note") == "0")

        let empty = try cli.run(["note", "1", "  \n "])
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("empty"))
        #expect(try cli.run(["discard", "1"]).status == 0)
        let discarded = try cli.run(["note", "1", "too late"])
        #expect(discarded.status != 0)
        #expect(discarded.stderr.contains("discarded"))
    }

    @Test func notesOnASyncedLeadReachTheTimelineOnceUnderLostAnswers() throws {
        let portal = try PortalProcess(["--rate", "0", "--seed", "7"])
        defer { portal.stop() }
        try syncedLead(portal)
        _ = try portal.control("config", body: #"{"faults": {"drop": 0.4}}"#)
        let texts = (1...10).map { "note number \($0)" }
        for text in texts {
            let result = try cli.run(["note", "1", text])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("timeline"))
        }
        let (daemon, _, err) = try cli.start(["daemon"])
        let log = ReadAll(err.fileHandleForReading)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let done = try eventually(60) { try noteStates().allSatisfy { $0 == "synced" } }
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        let states = try noteStates()
        #expect(done, "\(states) \(log.text())")

        let stats = try #require(try portal.control("stats") as? [String: Any])
        #expect(((stats["faults_injected"] as? [String: Any])?["drop"] as? Int ?? 0) > 0, "no answer was lost")
        let uuids = try cli.sqlite("SELECT uuid FROM note ORDER BY id").split(separator: "\n").map(String.init)
        let onPortal = try commentsByMarker(portal)
        #expect(onPortal.count == texts.count)
        for uuid in uuids { #expect(onPortal[uuid] == 1, "note \(uuid) is on the portal \(onPortal[uuid] ?? 0) times") }
        let remoteIDs = try cli.sqlite("SELECT COUNT(DISTINCT remote_id) FROM note WHERE remote_id IS NOT NULL")
        #expect(remoteIDs == String(texts.count))
        let show = try cli.run(["show", "1"])
        #expect(show.stdout.contains("note #6 sent (synced) comment"))
    }

    @Test func aNoteWhoseSenderIsKilledMidSendIsLookedUpNotSentTwice() throws {
        let portal = try PortalProcess(["--rate", "0"])
        defer { portal.stop() }
        try syncedLead(portal)
        // Every call now runs, then its answer is held back: the comment exists while the
        // sender still waits for the answer.
        _ = try portal.control("config", body: #"{"faults": {"slow": 1}, "slow_ms": 8000}"#)
        #expect(try cli.run(["note", "1", "killed while sending"]).status == 0)
        let (daemon, _, _) = try cli.start(["daemon"])
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        #expect(try eventually(20) { try noteStates() == ["sending"] && (try commentsByMarker(portal).count == 1) })
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        let afterKill = try cli.sqlite("SELECT state || ' ' || COALESCE(last_error_message, '') FROM note")
        #expect(afterKill == "sending", "\(afterKill)")

        _ = try portal.control("config", body: #"{"faults": {}}"#)
        let sync = try cli.run(["sync"])
        #expect(sync.status == 0, "\(sync.stderr)")
        #expect(
            try eventually(20) {
                if try noteStates() == ["synced"] { return true }
                _ = try cli.run(["sync"])
                return false
            })
        let uuid = try cli.sqlite("SELECT uuid FROM note")
        #expect(try commentsByMarker(portal) == [uuid: 1])
        #expect(try cli.sqlite("SELECT remote_id IS NOT NULL FROM note") == "1")
    }
}
