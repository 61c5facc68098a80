import Foundation
import Testing

/// A note the portal refuses after its lead went in — here because the lead is gone from the
/// portal, as when a colleague deletes it in the CRM — is not stuck without a word: `sync` and
/// `status` name the lead and say how to send it again, `show` says why, and `retry` queues it
/// again. Real processes against the stand-in portal.
@Suite struct RefusedNoteTests {
    let cli = CLIHarness()

    @Test func aRefusedNoteIsNamedByStatusAndSyncAndQueuedAgainByRetry() throws {
        let portal = try PortalProcess(["--rate", "0"])
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        #expect(try cli.run(["add", "--name", "Ирина", "--last-name", "Котова"]).status == 0)
        #expect(try cli.run(["sync"]).status == 0)
        // The portal forgets its leads; the note written now has no lead to go to.
        _ = try portal.control("reset", body: "{}")
        #expect(try cli.run(["note", "1", "Wants a demo in March"]).status == 0)

        let synced = try cli.run(["sync"])
        #expect(synced.status == 0, "the lead is in; the refused note needs a person but is not a refused lead")
        #expect(synced.stderr.contains("1 note of lead #1 did not reach the CRM"), "\(synced.stderr)")
        #expect(synced.stderr.contains("`leadbox retry 1`"), "\(synced.stderr)")
        #expect(try cli.sqlite("SELECT state FROM note") == "failed")

        let status = try cli.run(["status"])
        #expect(status.stdout.contains("1 note of lead #1 did not reach the CRM: `leadbox show 1` says why"), "\(status.stdout)")
        let json = try #require(try cli.json(["status", "--json"]) as? [String: Any])
        #expect((json["notes"] as? [String: Any])?["failed"] as? Int == 1)
        #expect((json["notes"] as? [String: Any])?["waiting"] as? Int == 0)
        let shown = try cli.run(["show", "1"])
        #expect(shown.stdout.contains("Not found"), "show says what the portal answered: \(shown.stdout)")

        let retried = try cli.run(["retry", "1"])
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(retried.stdout.contains("Lead #1's 1 failed note or photo is waiting to be sent again."), "\(retried.stdout)")
        #expect(try cli.sqlite("SELECT state || ' ' || coalesce(last_error_message, '-') FROM note") == "pending -")
        #expect(try cli.run(["status"]).stdout.contains("1 note or photo waits to be sent to the CRM"))

        // Nothing left to retry: one sentence, a usage-level refusal, nothing changed.
        _ = try cli.run(["sync"])
        #expect(try cli.sqlite("SELECT state FROM note") == "failed")
        let all = try cli.run(["retry", "--failed"])
        #expect(all.stdout.contains("1 failed note or photo is waiting to be sent again."), "\(all.stdout)")
        let again = try cli.run(["retry", "1"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("has no failed note or photo; there is nothing to retry"), "\(again.stderr)")
    }
}
