import Foundation
import Testing

/// `config set` defects of issue 12 and the event profile's questions and consent (issue 10).
@Suite struct ConfigSetTests {
    let cli = CLIHarness()

    /// Defect 1: a JSON settings file lost its OAuth credentials on `config set rate 3`.
    @Test func configSetOnAJSONFileKeepsTheOAuthCredentials() throws {
        let path = cli.folder + "/settings.json"
        try
            #"{"oauth_portal": "https://p.example/rest/", "oauth_client_id": "local.1", "oauth_client_secret": "sec",  "oauth_access_token": "acc", "oauth_refresh_token": "ref", "kiosk": true}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let result = try cli.run(["config", "set", "rate", "3", "--config", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("kiosk"))
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        for key in ["oauth_portal", "oauth_client_id", "oauth_client_secret", "oauth_access_token", "oauth_refresh_token", "kiosk"] {
            #expect(written[key] != nil, "\(key) was dropped")
        }
        #expect(written["rate"] as? Double == 3)
    }

    /// Defect 2: webhooks the sync engine refuses were accepted by `config set`.
    @Test func configSetRefusesAWebhookTheEngineWouldRefuse() throws {
        for bad in ["http://127.0.0.1.evil.example/rest/1/x/", "https://portal/rest/1/abc/def/"] {
            let result = try cli.run(["config", "set", "webhook", bad])
            #expect(result.status == 64, "\(bad): \(result.stderr)")
            #expect(!result.stderr.contains("abc") && !result.stderr.contains("/x/"), "the secret was printed: \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.config))
        }
        #expect(try cli.run(["config", "set", "webhook", "http://127.0.0.1:8080/rest/1/code/"]).status == 0)
    }
}

/// Questions and consent from the event profile, through `add`, `list`, `show`, `export` and a
/// real sync to the stand-in portal.
@Suite struct QuestionsAndConsentTests {
    let cli = CLIHarness()

    static let profile = """
        [event]
        consent_text = "May we e-mail you about our products?"
        consent_version = "2026-03"
        consent_required = true

        [[event.question]]
        key = "interest"
        label = "Interest"
        kind = "rating"

        [[event.question]]
        key = "products"
        kind = "multiple"
        field = "UF_CRM_BADGE_ID"
        choices = [{ value = "crm", key = "c" }, "tasks", "drive"]

        [[event.question]]
        key = "stage"
        label = "Stage"
        field = "STATUS_ID"
        choices = [{ value = "new", label = "Just looking", send = "NEW" }, { value = "talking", label = "In talks", send = "IN_PROCESS" }]
        """

    @Test func answersAndConsentReachTheStandInInTheConfiguredFields() throws {
        try Self.profile.write(toFile: cli.config, atomically: true, encoding: .utf8)
        let portal = try PortalProcess()
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        #expect(try cli.run(["portal", "refresh"]).status == 0)
        let added = try cli.run([
            "add", "--name", "Анна", "--answer", "interest=h", "--answer", "products=crm,drive",
            "--answer", "stage=In talks", "--consent", "yes",
        ])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try cli.run(["add", "--name", "Борис", "--answer", "interest=cold", "--consent", "y"]).status == 0)

        let hot = try #require(try cli.json(["list", "--rating", "hot", "--json"]) as? [[String: Any]])
        #expect(hot.count == 1)
        #expect((hot.first?["answers"] as? [String: [String]])?["products"] == ["crm", "drive"])
        #expect((hot.first?["consent"] as? [String: Any])?["version"] as? String == "2026-03")
        let shown = try cli.run(["show", "1"])
        #expect(shown.stdout.contains("answers: interest=hot; products=crm, drive; stage=talking"))
        #expect(shown.stdout.contains("consent: yes (text version 2026-03"))
        let csv = try cli.run(["export"])
        #expect(csv.stdout.contains("interest=cold") && csv.stdout.contains("answers,rating,consent"))

        #expect(try cli.run(["sync"]).status == 0)
        let leads = try #require(try portal.control("leads") as? [[String: Any]])
        let anna = try #require(
            leads.first { ($0["NAME"] as? String) == "Анна" } ?? leads.first { (($0["fields"] as? [String: Any])?["NAME"] as? String) == "Анна" })
        let fields = (anna["fields"] as? [String: Any]) ?? anna
        #expect(fields["UF_CRM_BADGE_ID"] as? String == "crm, drive")
        #expect(fields["STATUS_ID"] as? String == "IN_PROCESS")
        let comments = fields["COMMENTS"] as? String ?? ""
        #expect(comments.contains("Interest: hot"), "\(comments)")
        #expect(comments.contains("Consent: yes (text version 2026-03"), "\(comments)")
    }

    @Test func badAnswersAndMissingConsentAreRefusedAndNothingIsSaved() throws {
        try Self.profile.write(toFile: cli.config, atomically: true, encoding: .utf8)
        let notAChoice = try cli.run(["add", "--name", "x", "--answer", "interest=maybe", "--consent", "yes"])
        #expect(notAChoice.status == 64)
        #expect(notAChoice.stderr.contains("choose one of hot, warm, cold"), "\(notAChoice.stderr)")
        let unknown = try cli.run(["add", "--name", "x", "--answer", "budget=1", "--consent", "yes"])
        #expect(unknown.stderr.contains("the questions are interest, products, stage"), "\(unknown.stderr)")
        let noConsent = try cli.run(["add", "--name", "x"])
        #expect(noConsent.status == 64)
        #expect(noConsent.stderr.contains("requires the visitor's consent"), "\(noConsent.stderr)")
        #expect(try cli.run(["add", "--name", "x", "--consent", "no"]).status == 64)
        #expect((try cli.statusCounts()["total"] as? Int) == 0)
    }

    @Test func aQuestionWritingToAFieldThePortalLacksIsRefusedAfterRefresh() throws {
        try "[[event.question]]\nkey = \"size\"\nfield = \"UF_CRM_COMPANY_SIZE\"\nchoices = [\"small\", \"large\"]\n"
            .write(toFile: cli.config, atomically: true, encoding: .utf8)
        let portal = try PortalProcess()
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        #expect(try cli.run(["portal", "refresh"]).status == 0)
        let refused = try cli.run(["add", "--name", "x", "--answer", "size=small"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("UF_CRM_COMPANY_SIZE, which this portal has no field for"), "\(refused.stderr)")
        let badProfile = "[[event.question]]\nkey = \"size\"\nfield = \"SIZE\"\n"
        try badProfile.write(toFile: cli.config, atomically: true, encoding: .utf8)
        let unreadable = try cli.run(["add", "--name", "x"])
        #expect(unreadable.status == 78)  // EX_CONFIG: the settings file is what to fix
        #expect(unreadable.stderr.contains("SIZE, which is not a lead field"))
        #expect(try cli.sqlite("SELECT COUNT(*) FROM lead") == "0")
    }

    /// A field the portal's admin made required is caught at capture, offline, once `portal
    /// refresh` has cached the portal's field list: no lead fails at the portal for it mid-show.
    @Test func aFieldThePortalRequiresIsRefusedOfflineAfterRefresh() throws {
        let portal = try PortalProcess(["--required", "LAST_NAME"])
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        #expect(try cli.run(["portal", "refresh"]).status == 0)
        // The portal is gone now: the refusal needs no network.
        portal.stop()
        let refused = try cli.run(["add", "--name", "Анна", "--company", "ООО Ромашка"])
        #expect(refused.status == 64, "\(refused.stderr)")
        #expect(refused.stderr.contains("Фамилия"), "the portal's title for the field: \(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try cli.sqlite("SELECT COUNT(*) FROM lead") == "0")
        #expect(try cli.run(["add", "--name", "Анна", "--last-name", "Иванова"]).status == 0)
    }
}
