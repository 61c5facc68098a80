import Foundation
import Testing

/// `sync`, `daemon` and `portal` as a user runs them, against the fake portal process.
@Suite struct SyncCLITests {
    let cli = CLIHarness()

    @Test func syncExitCodesFollowTheContract() throws {
        #expect(try cli.run(["add", "--name", "A"]).status == 0)
        let unconfigured = try cli.run(["sync"])
        #expect(unconfigured.status == 78)
        #expect(unconfigured.stderr.contains("config set webhook"))

        // A closed port: nothing listens there.
        #expect(try cli.run(["config", "set", "webhook", "http://127.0.0.1:9/rest/1/closedportsecret/"]).status == 0)
        let offline = try cli.run(["sync"])
        #expect(offline.status == 75)
        #expect(offline.stderr.contains("safe"))

        let portal = try PortalProcess(["--rate", "2", "--burst", "50"])
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        let delivered = try cli.run(["sync"])
        #expect(delivered.status == 0, "\(delivered.stderr)")
        let stats = try portal.control("stats") as? [String: Any]
        #expect(stats?["leads"] as? Int == 1)
        let list = try #require(try cli.json(["list", "--json"]) as? [[String: Any]])
        #expect(list.first?["state"] as? String == "synced")
        #expect(list.first?["remote_id"] as? Int != nil)
    }

    @Test func syncExitsOneWhenThePortalRefusesALeadAndRetryDeliversItAfterTheFix() throws {
        let portal = try PortalProcess()
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        for i in 1...3 { #expect(try cli.run(["add", "--name", "Гость \(i)", "--email", "guest\(i)@example.com"]).status == 0) }
        // An address an older leadbox accepted but the portal refuses, written straight to the outbox.
        _ = try cli.sqlite("UPDATE lead SET fields = json_set(fields, '$.EMAIL[0].VALUE', 'guest2@nowhere') WHERE id = 2")
        let refused = try cli.run(["sync"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("refused by the portal"))
        let failed = try #require(try cli.json(["show", "2", "--json"]) as? [String: Any])
        #expect(failed["state"] as? String == "failed")
        #expect((failed["last_error"] as? String)?.contains("guest2@nowhere") == true)
        #expect((try cli.statusCounts()["synced"] as? Int) == 2)

        #expect(try cli.run(["edit", "2", "--email", "guest2@example.com"]).status == 0)
        #expect(try cli.run(["retry", "2"]).status == 0)
        #expect(try cli.run(["sync"]).status == 0)
        #expect((try portal.control("stats") as? [String: Any])?["leads"] as? Int == 3)
    }

    @Test func theWebhookSecretIsNeverPrinted() throws {
        let portal = try PortalProcess(["--code", "topsecretcode42"])
        defer { portal.stop() }
        let wrong = portal.webhook.replacingOccurrences(of: "topsecretcode42", with: "wrongsecretcode99")
        var outputs: [String] = []
        func record(_ result: CLIHarness.Result) { outputs.append(result.stdout + result.stderr) }
        record(try cli.run(["config", "set", "webhook", wrong]))
        record(try cli.run(["config", "show"]))
        record(try cli.run(["add", "--name", "A"]))
        record(try cli.run(["status"]))
        record(try cli.run(["status", "--json"]))
        let refused = try cli.run(["sync"])
        record(refused)
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("NO_AUTH_FOUND") || refused.stderr.lowercased().contains("webhook"))
        record(try cli.run(["portal", "check"]))
        record(try cli.run(["status"]))
        record(try cli.run(["sync"], extraEnvironment: ["LEADBOX_WEBHOOK": portal.webhook]))
        record(try cli.run(["status", "--json"], extraEnvironment: ["LEADBOX_WEBHOOK": portal.webhook]))
        for output in outputs {
            #expect(!output.contains("wrongsecretcode99"))
            #expect(!output.contains("topsecretcode42"))
        }
        #expect(outputs.joined().contains("/rest/1/***/"))
    }

    @Test func theDaemonDeliversNewLeadsAndStopsCleanlyOnSIGTERM() throws {
        let portal = try PortalProcess()
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        #expect(try cli.run(["status"]).status == 0)
        let (daemon, _, err) = try cli.start(["daemon"])
        let log = ReadAll(err.fileHandleForReading)
        #expect(eventually(10) { log.current().contains("daemon") })

        // A second engine on the same database says why and waits; it stops cleanly on SIGTERM.
        let (second, _, secondErr) = try cli.start(["daemon"])
        let secondLog = ReadAll(secondErr.fileHandleForReading)
        #expect(eventually(10) { secondLog.current().contains("already syncing") })
        kill(second.processIdentifier, SIGTERM)
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)

        #expect(try cli.run(["add", "--name", "Пришёл на стенд"]).status == 0)
        #expect(try eventually(10) { (try cli.statusCounts()["synced"] as? Int) == 1 })

        // `sync` while the daemon holds the lock wakes it and reports its progress.
        #expect(try cli.run(["add", "--name", "Второй"]).status == 0)
        let sync = try cli.run(["sync", "--timeout", "20"])
        #expect(sync.status == 0, "\(sync.stdout) \(sync.stderr)")
        #expect(sync.stdout.contains("is syncing this database"))

        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)
        #expect(log.text().contains("stopped cleanly"))
        #expect((try portal.control("stats") as? [String: Any])?["leads"] as? Int == 2)
    }

    @Test func anAuthFailurePausesAndTheDaemonResumesWhenTheConfigIsFixed() throws {
        let portal = try PortalProcess()
        defer { portal.stop() }
        let revoked = portal.webhook.replacingOccurrences(of: "fakeportalsecret", with: "revokedsecret")
        #expect(try cli.run(["config", "set", "webhook", revoked]).status == 0)
        for i in 1...5 { #expect(try cli.run(["add", "--name", "Lead \(i)"]).status == 0) }
        let (daemon, _, _) = try cli.start(["daemon"])
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        #expect(try eventually(10) { ((try cli.statusCounts()["portal"] as? [String: Any])?["state"] as? String) == "paused" })
        let status = try cli.run(["status"])
        #expect(status.stdout.contains("paused"))
        #expect(status.stdout.lowercased().contains("webhook"))
        let counts = try cli.statusCounts()
        #expect((counts["pending"] as? Int ?? 0) + (counts["sending"] as? Int ?? 0) == 5, "nothing lost, nothing failed: \(counts)")
        #expect(counts["synced"] as? Int == 0)

        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        #expect(try eventually(15) { (try cli.statusCounts()["synced"] as? Int) == 5 })
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)
    }

    @Test func portalRefreshEnablesOfflineValidationOfCodesAndFields() throws {
        let portal = try PortalProcess()
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        let check = try cli.run(["portal", "check"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("Duplicate check"))
        let refresh = try cli.run(["portal", "refresh"])
        #expect(refresh.status == 0, "\(refresh.stderr)")
        portal.stop()  // from here on the portal is gone: validation works offline

        let badSource = try cli.run(["add", "--name", "x", "--source", "BILLBOARD"])
        #expect(badSource.status == 64)
        #expect(badSource.stderr.contains("TRADE_SHOW"))
        let badField = try cli.run(["add", "--name", "x", "--field", "UF_CRM_UNKNOWN=1"])
        #expect(badField.status == 64)
        #expect(badField.stderr.contains("UF_CRM_BADGE_ID"))
        #expect(try cli.run(["add", "--name", "x", "--field", "UF_CRM_BADGE_ID=B-1", "--source", "WEB"]).status == 0)
    }
}

/// An OAuth app instead of a webhook: tokens renewed on `expired_token`, the new pair kept.
@Suite struct OAuthCLITests {
    let cli = CLIHarness()

    func storedTokens() throws -> String {
        try cli.sqlite("SELECT access_token || ' ' || refresh_token FROM oauth_token")
    }

    @Test func anExpiredTokenIsRenewedTheNewPairKeptAndNoSecretPrinted() throws {
        let portal = try PortalProcess()
        defer { portal.stop() }
        let issued = try #require(try portal.control("tokens", body: "{}") as? [String: String])
        let access = try #require(issued["access_token"])
        let refresh = try #require(issued["refresh_token"])
        let base = "http://127.0.0.1:\(portal.port)"
        for (key, value) in [
            ("oauth_portal", base + "/rest/"), ("oauth_client_id", "local.fakeportal.app"),
            ("oauth_client_secret", "fakeportal-app-secret"), ("oauth_token_server", base + "/oauth/token/"),
            ("oauth_access_token", access), ("oauth_refresh_token", refresh),
        ] {
            #expect(try cli.run(["config", "set", key, value]).status == 0)
        }
        #expect(try cli.run(["add", "--name", "Первый"]).status == 0)
        var outputs: [String] = []
        let first = try cli.run(["sync"])
        outputs.append(first.stdout + first.stderr)
        #expect(first.status == 0, "\(first.stderr)")

        _ = try portal.control("expire-tokens", body: "{}")
        #expect(try cli.run(["add", "--name", "Второй"]).status == 0)
        let renewed = try cli.run(["sync"])
        outputs.append(renewed.stdout + renewed.stderr)
        #expect(renewed.status == 0, "\(renewed.stderr)")
        let pair = try storedTokens()
        #expect(!pair.isEmpty && !pair.contains(access) && !pair.contains(refresh), "the renewed pair replaced the installed one")

        // The installed refresh token was used up by the renewal; the stored pair keeps working.
        #expect(try cli.run(["add", "--name", "Третий"]).status == 0)
        #expect(try cli.run(["sync"]).status == 0)
        #expect((try portal.control("stats") as? [String: Any])?["leads"] as? Int == 3)

        for command in [["config", "show"], ["status"], ["status", "--json"], ["portal", "check"]] {
            let result = try cli.run(command)
            outputs.append(result.stdout + result.stderr)
        }
        let secrets = [access, refresh, "fakeportal-app-secret"] + pair.split(separator: " ").map(String.init)
        for output in outputs {
            for secret in secrets { #expect(!output.contains(secret), "leaked in: \(output)") }
        }
    }
}
