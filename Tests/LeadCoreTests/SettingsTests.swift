import Testing

@testable import LeadCore

@Suite struct SettingsTests {
    @Test func tomlRoundTrip() throws {
        var settings = Settings()
        try settings.set("webhook", "https://portal.example/rest/1/secret123/")
        try settings.set("event.SOURCE_DESCRIPTION", "Expo \"2026\"")
        try settings.set("rate", "5")
        let again = try Settings(toml: settings.toml)
        #expect(again == settings)
    }

    @Test func syntaxErrorsNameTheLine() {
        #expect(throws: ConfigError("Line 3 of the config file is not `key = value`; fix or remove it.")) {
            try Settings(toml: "# c\nrate = 2\nbroken line\n")
        }
        #expect(throws: ConfigError.self) { try Settings(toml: "webhook = \"unterminated\n") }
        // An unknown section is kept (a newer leadbox may have written it) and reported.
        #expect((try? Settings(toml: "[events]\nx = 1\n"))?.unknownKeys == ["events"])
        // An unquoted webhook is an error that names the line but never shows the secret.
        #expect { try Settings(toml: "webhook = https://p.example/rest/1/s3cretc0de/\n") } throws: {
            "\($0)".contains("Line 1") && !"\($0)".contains("s3cretc0de")
        }
    }

    @Test func eventDefaultsAreValidated() {
        var settings = Settings()
        #expect(throws: ConfigError.self) { try settings.set("event.OPENED", "maybe") }
        #expect(throws: ConfigError.self) { try settings.set("event.NAME", "x") }
    }

    @Test func redactionHidesTheWebhookCode() {
        #expect(Redaction.url("https://portal.example/rest/1/abc123secret/") == "https://portal.example/rest/1/***/")
        #expect(
            Redaction.url("https://portal.example/rest/1/abc123secret/crm.lead.add.json") == "https://portal.example/rest/1/***/crm.lead.add.json")
        #expect(!Redaction.url("https://p.example/rest/crm.lead.add?auth=tok3n").contains("tok3n"))
    }
}
