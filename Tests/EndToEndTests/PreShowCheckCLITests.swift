import Foundation
import Testing

/// `leadbox portal check` as a booth worker runs it the morning before the show.
@Suite struct PreShowCheckCLITests {
    let cli = CLIHarness()

    @Test func aSimpleModePortalWithARequiredFieldIsReportedAndAnUnknownSourceFails() throws {
        let portal = try PortalProcess(["--rate", "0", "--crm-mode", "2", "--required", "PHONE", "--owner", "Ирина Соколова", "--user", "7"])
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        let check = try cli.run(["portal", "check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("WARN CRM mode: simple CRM: the portal turns every new lead into a deal at once"))
        #expect(check.stdout.contains("WARN Required fields: the portal refuses leads without PHONE (Телефон)"))
        #expect(check.stdout.contains("ok   Source and stage: the portal knows the event profile's SOURCE_ID TRADE_SHOW."))
        #expect(check.stdout.contains("ok   Webhook owner: leads are created by Ирина Соколова (user ID 7)."))
        #expect(!check.stdout.contains("fakeportalsecret"))
        #expect(check.stdout.split(separator: "\n").count == 8)

        // A converted lead is a delivered lead.
        #expect(try cli.run(["add", "--name", "Гость", "--phone", "+7 900 000-00-01"]).status == 0)
        #expect(try cli.run(["sync"]).status == 0)
        #expect(try cli.statusCounts()["synced"] as? Int == 1)
        let stats = try #require(try portal.control("stats") as? [String: Any])
        #expect(stats["deals"] as? Int == 1)

        #expect(try cli.run(["config", "set", "event.SOURCE_ID", "BOOTH_2026"]).status == 0)
        let unknown = try cli.run(["portal", "check"])
        #expect(unknown.status == 78)
        #expect(unknown.stdout.contains("FAIL Source and stage: SOURCE_ID BOOTH_2026 is not a source on this portal"))
    }
}
