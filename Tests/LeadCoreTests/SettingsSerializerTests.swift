import Foundation
import Testing

@testable import LeadCore

/// One tree for TOML and JSON: every key survives a rewrite, unknown ones included.
@Suite struct SettingsSerializerTests {
    static let fullTOML = """
        # written by hand, with comments
        webhook = "https://portal.example/rest/1/secret123/"
        app_id = 'booth-7'
        rate = 5
        burst = 250
        timeout = 120.5
        oauth_portal = "https://portal.example/rest/"
        oauth_client_id = "local.abc"
        oauth_client_secret = "s3cret"
        oauth_token_server = "https://oauth.bitrix.info/"
        oauth_access_token = "acc"
        oauth_refresh_token = "ref"
        future_setting = [1, 2, 3]   # a newer leadbox wrote this

        [event]
        SOURCE_DESCRIPTION = "Expo \\"2026\\", стенд B12"
        OPENED = true
        scan_field = "UF_CRM_BADGE"
        consent_text = "May we contact you?"
        consent_version = "2026-03"
        consent_required = true
        colour = "blue"

        [[event.question]]
        key = "interest"
        label = "Interest"
        kind = "rating"
        field = "UF_CRM_INTEREST"

        [[event.question]]
        key = "products"
        kind = "multiple"
        choices = [
            { value = "crm", label = "CRM", key = "c" },
            "tasks",
            "drive",
        ]

        [handover]
        folder = "/mnt/usb"
        """

    @Test func tomlKeepsEveryKeyThroughARewrite() throws {
        let settings = try Settings(toml: Self.fullTOML)
        #expect(settings.oauthRefreshToken == "ref")
        #expect(settings.event.defaults["OPENED"] == "Y")
        #expect(settings.event.scanField == "UF_CRM_BADGE")
        #expect(settings.event.consent == ConsentPolicy(text: "May we contact you?", version: "2026-03", required: true))
        #expect(settings.event.questions.map(\.key) == ["interest", "products"])
        #expect(settings.event.questions[1].choices.map(\.shortcut) == ["c", "t", "d"])
        #expect(settings.unknownKeys == ["future_setting", "handover", "event.colour"])
        let again = try Settings(toml: settings.toml)
        #expect(again == settings)
    }

    @Test func jsonCarriesTheSameTree() throws {
        let settings = try Settings(toml: Self.fullTOML)
        let json = settings.json
        #expect(json.contains("\"questions\""))
        let fromJSON = try Settings(json: json)
        #expect(fromJSON == settings)
        // And across syntaxes: JSON → TOML → JSON changes nothing.
        #expect(try Settings(json: try Settings(toml: fromJSON.toml).json) == settings)
    }

    /// Defect 1 of issue 12: a JSON settings file lost its OAuth credentials on `config set`.
    @Test func aJSONFileKeepsItsOAuthCredentialsWhenOneSettingChanges() throws {
        var settings = try Settings(
            json: #"""
                {"oauth_portal": "https://p.example/rest/", "oauth_client_id": "id", "oauth_client_secret": "sec",
                 "oauth_access_token": "a", "oauth_refresh_token": "r", "scanner": {"port": "/dev/ttyACM0"}}
                """#)
        try settings.set("rate", "3")
        let written = try Settings(json: settings.json)
        #expect(written.oauthClientSecret == "sec" && written.oauthRefreshToken == "r" && written.oauthAccessToken == "a")
        #expect(written.rate == 3)
        #expect(written.extra["scanner"] == .object(["port": "/dev/ttyACM0"]))
    }

    @Test func aQuestionWritingToAnUnknownFieldIsRefusedInOneSentence() {
        let toml = "[[event.question]]\nkey = \"budget\"\nfield = \"BUDGET\"\n"
        #expect(
            throws: ConfigError(
                "Question \"budget\" writes to BUDGET, which is not a lead field; use a UF_CRM_ field, a field such as STATUS_ID, or COMMENTS.")
        ) {
            try Settings(toml: toml)
        }
        #expect(throws: ConfigError.self) { try Settings(toml: "[[event.question]]\nkey = \"x\"\nfield = \"PHONE\"\n") }
        #expect(throws: ConfigError.self) {
            try Settings(toml: "[[event.question]]\nkey = \"r\"\nkind = \"rating\"\nchoices = [\"a\", \"b\", \"c\"]\n")
        }
        #expect(throws: ConfigError.self) { try Settings(toml: "[event]\nconsent_required = true\n") }
        #expect(throws: ConfigError.self) { try Settings(toml: "[event]\nconsent_text = \"ok?\"\n") }
    }

    @Test func malformedTOMLNamesTheLine() {
        #expect { try Settings(toml: "rate = 2\nlist = [1, 2\n") } throws: { "\($0)".contains("Line 2") }
        #expect { try Settings(toml: "[event\n") } throws: { "\($0)".contains("Line 1") }
        #expect { try Settings(toml: "rate = 2\nrate = 3\n") } throws: { "\($0)".contains("twice") }
        #expect { try Settings(toml: "a = { b = 1\n") } throws: { "\($0)".contains("Line 1") }
    }

    /// Random and truncated files never crash or hang the reader.
    @Test func randomAndTruncatedFilesNeverCrash() {
        var random = SeededRandom(seed: 12)
        let text = Self.fullTOML
        for cut in stride(from: 0, through: text.count, by: 7) {
            _ = try? Settings(toml: String(text.prefix(cut)))
            _ = try? Settings(json: String(Settings().json.prefix(cut % 200)))
        }
        let alphabet = Array("[]{}=\"',.#\\ \nabc12_-tru")
        for _ in 0..<500 {
            let noise = String((0..<Int(random.next() % 80)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            _ = try? Settings(toml: noise)
        }
    }
}
