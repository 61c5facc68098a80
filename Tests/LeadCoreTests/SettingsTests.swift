import Testing
@testable import LeadCore

@Suite struct CSVTests {
    @Test func quotedFieldsNewlinesAndBOM() throws {
        let rows = try CSV.parse("\u{FEFF}NAME,COMMENTS\r\n\"Глеб\",\"line1\nline2, \"\"quoted\"\"\"\r\nАнна,\r\n")
        #expect(rows == [["NAME", "COMMENTS"], ["Глеб", "line1\nline2, \"quoted\""], ["Анна", ""]])
    }

    @Test func semicolonDelimiterIsDetected() throws {
        #expect(try CSV.parse("NAME;EMAIL\nA;a@b.co\n") == [["NAME", "EMAIL"], ["A", "a@b.co"]])
    }

    @Test func unterminatedQuoteNamesTheRow() {
        #expect(throws: CSVError("Row 2 has a quoted field that never ends; a closing quote is missing.")) {
            try CSV.parse("NAME\n\"open\n")
        }
    }

    @Test func writeThenReadRoundTrips() throws {
        let fields = ["a,b", "Привет", "x\"y", "multi\nline", ""]
        #expect(try CSV.parse(CSV.line(fields) + "\r\n") == [fields])
    }

    @Test func multifieldCellsRoundTrip() throws {
        var lead = Lead()
        lead.append(.phone, .init(value: "+7 999", valueType: "MOBILE"))
        lead.append(.phone, .init(value: "8 800", valueType: "WORK"))
        var again = Lead()
        try again.setCSVCell("PHONE", lead.csvCell("PHONE"))
        #expect(again.entries(.phone) == lead.entries(.phone))
    }
}

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
        #expect(Redaction.url("https://portal.example/rest/1/abc123secret/crm.lead.add.json") == "https://portal.example/rest/1/***/crm.lead.add.json")
        #expect(!Redaction.url("https://p.example/rest/crm.lead.add?auth=tok3n").contains("tok3n"))
    }
}
