import Foundation
import Testing

/// `leadbox import` on the real binary: exporters' files, `--map`, `--dry-run`, `--skip-invalid`,
/// and every kind of bad input refused with one sentence, the right exit status and nothing saved.
@Suite struct ImportTests {
    let cli = CLIHarness()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("ContactInputTests/Fixtures/csv").path

    func fixture(_ name: String) -> String { ImportTests.fixtures + "/" + name }

    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let path = cli.folder + "/" + name
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    func write(_ name: String, _ text: String) -> String { write(name, Array(text.utf8)) }

    func total() throws -> Int { try #require(try cli.statusCounts()["total"] as? Int) }

    /// Leads in the database, without creating it when a refused import left none.
    func saved() throws -> Int { FileManager.default.fileExists(atPath: cli.database) ? try total() : 0 }

    func leads() throws -> [[String: Any]] {
        try #require(try cli.json(["list", "--json"]) as? [[String: Any]]).map { try #require($0["fields"] as? [String: Any]) }
    }

    @Test func aGoogleContactsExportIsDryRunThenImported() throws {
        let dry = try cli.run(["import", fixture("google-contacts.csv"), "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Read as: Google Contacts (UTF-8, comma, header on line 1)"))
        #expect(dry.stdout.contains("\"E-mail 1 - Value\" → EMAIL (type from its label column)"))
        #expect(dry.stdout.contains("Rows: 3 — 3 ready, 0 with problems"))
        #expect(dry.stdout.contains("Row 2: TITLE=Anna Schmidt — Müller GmbH"))
        #expect(FileManager.default.fileExists(atPath: cli.database) == false, "a dry run creates no database")

        let result = try cli.run(["import", fixture("google-contacts.csv")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("imported 3 of 3"))
        let names = try leads().compactMap { $0["NAME"] as? String }.sorted()
        #expect(names == ["Anna", "Bob's", "Глеб"])
    }

    @Test(arguments: [
        ("outlook-en.csv", "François", 2), ("outlook-de.csv", "Jürgen", 1), ("outlook-ru.csv", "Ольга", 1),
        ("linkedin-connections.csv", "Priya", 2), ("thunderbird.csv", "Ingrid", 3), ("macos-addressbook.tsv", "Kenji", 2),
        ("bitrix24-leads.csv", "Иван", 2), ("google-contacts-legacy.csv", "José", 2),
    ])
    func everyExporterFileImports(_ name: String, _ firstName: String, _ count: Int) throws {
        let result = try cli.run(["import", fixture(name), "--json"])
        #expect(result.status == 0, "\(name): \(result.stderr)")
        #expect(try total() == count, "\(name)")
        #expect(try leads().contains { $0["NAME"] as? String == firstName }, "\(name): the name survives its charset")
    }

    /// The lead whose NAME is `name`, with how many e-mails and phones it was saved with.
    func saved(named name: String) throws -> (emails: [String], phones: [String], fields: [String: Any]) {
        let lead = try #require(try leads().first { $0["NAME"] as? String == name }, "no lead named \(name)")
        func values(_ kind: String) -> [String] {
            (lead[kind] as? [[String: String]] ?? []).map { "\($0["VALUE"] ?? "") (\($0["VALUE_TYPE"] ?? ""))" }
        }
        return (values("EMAIL"), values("PHONE"), lead)
    }

    @Test(arguments: [
        ("hubspot-contacts.csv", 3, "Anna", 3, 2), ("salesforce-report.csv", 2, "Renée", 1, 2), ("eventbrite-attendees.csv", 3, "Siobhán", 1, 2),
        ("bitrix24-contacts.csv", 2, "Мария", 2, 3), ("booth-list.csv", 3, "Maria Garcia", 3, 1), ("crm-contacts.csv", 2, "Grace", 2, 2),
        ("kontakte-de.csv", 1, "Jürgen", 1, 2), ("spisok-ru.csv", 2, "Анна", 1, 2), ("linkedin-hidden.csv", 1, "Priya", 1, 0),
    ])
    func everydayExportsImportWithEveryValue(_ name: String, _ count: Int, _ firstName: String, _ emails: Int, _ phones: Int) throws {
        let result = try cli.run(["import", fixture(name)])
        #expect(result.status == 0, "\(name): \(result.stderr)")
        #expect(result.stdout.contains("imported \(count) of \(count)"), "\(name): \(result.stdout)")
        #expect(try total() == count, "\(name)")
        let lead = try saved(named: firstName)
        #expect(lead.emails.count == emails && lead.phones.count == phones, "\(name): \(lead.emails) \(lead.phones)")
    }

    @Test func theDryRunSaysHowEachColumnIsReadAndTheMapThatKeepsAColumnOfAddresses() throws {
        let file = fixture("booth-list.csv")
        let dry = try cli.run(["import", file, "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Read as: everyday column names (UTF-8, comma, header on line 1)"))
        for line in [
            "\"Full Name\" → NAME and LAST_NAME (the last word is the last name)", "\"Email Address\" → EMAIL (WORK)",
            "\"Mobile Phone\" → PHONE (MOBILE)", "\"Business\" → COMPANY_TITLE", "\"Job Title\" → POST",
            "\"Second contact\" → skipped (no lead field has this name), though it holds e-mail addresses: --map 'Second contact=EMAIL' keeps them",
        ] {
            #expect(dry.stdout.contains(line), "\(line)\n\(dry.stdout)")
        }
        #expect(dry.stdout.contains("Rows: 3 — 3 ready, 0 with problems"))

        let plain = try cli.run(["import", file])
        #expect(plain.status == 0)
        #expect(
            plain.stderr.contains("Column \"Second contact\" holds e-mail addresses (2 of 2 filled cells)")
                && plain.stderr.contains("--map 'Second contact=EMAIL'"), "\(plain.stderr)")
        #expect(
            try saved(named: "Maria Garcia").emails == ["maria@garcia.example (WORK)", "m.garcia@mail.example (WORK)", "maria.g@work.example (WORK)"])

        let mapped = try cli.run(["import", file, "--map", "Second contact=EMAIL:OTHER"])
        #expect(mapped.status == 0)
        #expect(!mapped.stderr.contains("Second contact"), "\(mapped.stderr)")
        #expect(
            try leads().contains { ($0["EMAIL"] as? [[String: String]])?.contains(["VALUE": "pedro@garcia.example", "VALUE_TYPE": "OTHER"]) == true })
    }

    @Test func rowsWithoutContactDataAndAReportFooterAreSkippedAndCounted() throws {
        let linkedIn = try cli.run(["import", fixture("linkedin-hidden.csv"), "--dry-run"])
        #expect(linkedIn.status == 0)
        #expect(linkedIn.stdout.contains("Rows: 1 — 1 ready, 0 with problems, 1 without contact data skipped"), "\(linkedIn.stdout)")
        let imported = try cli.run(["import", fixture("linkedin-hidden.csv")])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(
            imported.stderr.contains("Row 6 holds no name, company, phone or e-mail (only \"Connected On\"), so it was skipped."),
            "\(imported.stderr)")
        #expect(try total() == 1)

        let salesforce = try cli.run(["import", fixture("salesforce-report.csv"), "--dry-run"])
        #expect(salesforce.status == 0)
        #expect(salesforce.stdout.contains("Read as: Salesforce report (windows-1252, comma, header on line 1)"))
        #expect(salesforce.stdout.contains("Rows: 2 — 2 ready, 0 with problems, 5 footer lines skipped"), "\(salesforce.stdout)")

        let handleOnly = try cli.run(["import", write("handles.csv", "Full Name,Email,Skype\n,,anna.skype\n")])
        #expect(handleOnly.status == 0, "a messenger handle is a contact the portal takes: \(handleOnly.stderr)")
        #expect(try leads().contains { $0["TITLE"] as? String == "anna.skype (Skype)" }, "titled by the one title rule, service named")

        let onlyDates = try cli.run(["import", write("dates.csv", "Full Name,Email,Notes\n,,met at the bar\n")])
        #expect(onlyDates.status == 64 && onlyDates.stderr.contains("none holds a name, company, phone or e-mail"), "\(onlyDates.stderr)")
    }

    @Test func oneBadRowImportsNothingUnlessSkipInvalid() throws {
        let file = write("rows.csv", "NAME,EMAIL\nA,a@example.com\nB,not-an-email\nC,c@example.com\n")
        let refused = try cli.run(["import", file])
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("Row 3 of") && refused.stderr.contains("--skip-invalid"), "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1)
        #expect(try saved() == 0)

        let dry = try cli.run(["import", file, "--dry-run"])
        #expect(dry.status == 65)
        #expect(dry.stdout.contains("Rows: 3 — 2 ready, 1 with problems") && dry.stdout.contains("Row 3: \"not-an-email\""))

        let skipping = try cli.run(["import", file, "--skip-invalid"])
        #expect(skipping.status == 65)
        #expect(skipping.stdout.contains("imported 2 of 2"))
        #expect(skipping.stderr.contains("Row 3 skipped: \"not-an-email\" is not an e-mail address"), "\(skipping.stderr)")
        #expect(try total() == 2)
    }

    @Test func rowProblemsNameTheirRow() throws {
        for (name, content, says) in [
            ("unterminated.csv", "NAME,COMMENTS\nA,ok\nB,\"never closed\n", "Row 3"),
            ("too-many.csv", "NAME\nA,B\n", "Row 2"),
            ("bad-date.csv", "NAME,OPENED\nA,maybe\n", "Row 2"),
        ] {
            let result = try cli.run(["import", write(name, content)])
            #expect(result.status == 65, "\(name)")
            #expect(result.stderr.contains(says), "\(name): \(result.stderr)")
        }
        #expect(try saved() == 0)
    }

    @Test func unknownColumnsAreListedSkippedOrKept() throws {
        let file = write("typo.csv", "NAME,EMIAL,Badge colour,FONE\nA,a@example.com,blue,ask\n")
        let skipped = try cli.run(["import", file])
        #expect(skipped.status == 0)
        #expect(
            skipped.stderr.contains("\"Badge colour\", \"FONE\" (did you mean PHONE?)") && skipped.stderr.contains("--unknown comments"),
            "\(skipped.stderr)")
        #expect(
            skipped.stderr.contains("Column \"EMIAL\" holds e-mail addresses (1 of 1 filled cells)")
                && skipped.stderr.contains("--map 'EMIAL=EMAIL'"),
            "a column of addresses gets its own warning with the --map that keeps it: \(skipped.stderr)")
        let kept = try cli.run(["import", file, "--unknown", "comments"])
        #expect(kept.status == 0)
        #expect(try leads().contains { $0["COMMENTS"] as? String == "EMIAL: a@example.com\nBadge colour: blue\nFONE: ask" })
    }

    @Test func mapAndMapFileNameAnyColumn() throws {
        let file = write("booth.csv", "Who;Mail;Badge;Ignore me\nAnna;anna@example.com;B-7;x\n")
        let mapFile = write("booth.map", "# booth scanner export\nWho=NAME\nMail=EMAIL:HOME\n")
        let result = try cli.run(["import", file, "--map-file", mapFile, "--map", "Badge=UF_CRM_BADGE", "--map", "Ignore me=-"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "every column is mapped or skipped on purpose")
        let lead = try #require(try leads().first)
        #expect(lead["NAME"] as? String == "Anna" && lead["UF_CRM_BADGE"] as? String == "B-7")
        #expect((lead["EMAIL"] as? [[String: String]])?.first == ["VALUE": "anna@example.com", "VALUE_TYPE": "HOME"])
    }

    @Test func aHeaderlessFileIsRefusedPointingAtMap() throws {
        let result = try cli.run(["import", write("plain.csv", "Anna,anna@example.com\nBob,bob@example.com\n")])
        #expect(result.status == 64)
        #expect(result.stderr.contains("not column names") && result.stderr.contains("--map"), "\(result.stderr)")
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let arguments: [String]
        let says: String
        var testDescription: String { name }
    }

    static let badInput: [Bad] = [
        Bad(
            name: "photo.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01] + Array(repeating: 0x00, count: 64),
            arguments: [], says: "JPEG"),
        Bad(
            name: "contacts.zip",
            bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00] + Array("contacts.csv".utf8) + Array(repeating: 0x00, count: 40), arguments: [],
            says: "ZIP"),
        Bad(name: "empty.csv", bytes: [], arguments: [], says: "is empty"),
        Bad(name: "blank.csv", bytes: Array("\u{FEFF}\r\n\r\n".utf8), arguments: [], says: "is empty"),
        Bad(name: "colours.csv", bytes: Array("Colour,Size\nblue,XL\n".utf8), arguments: [], says: "None of the columns"),
        Bad(name: "mapped.csv", bytes: Array("Who\nAnna\n".utf8), arguments: ["--map", "Who=FIRSTNAME"], says: "There is no lead field"),
        Bad(name: "mapped.csv", bytes: Array("Who\nAnna\n".utf8), arguments: ["--map", "Whom=NAME"], says: "\"Whom\""),
        Bad(name: "header-only.csv", bytes: Array("NAME,EMAIL\r\n".utf8), arguments: [], says: "no contact rows"),
    ]

    @Test(arguments: badInput)
    func badInputIsOneSentenceExit64AndNothingSaved(_ bad: Bad) throws {
        #expect(try cli.run(["add", "--name", "Existing"]).status == 0)
        let result = try cli.run(["import", write(bad.name, bad.bytes)] + bad.arguments)
        #expect(result.status == 64, "\(bad.name): \(result.stderr)")
        #expect(result.stderr.contains(bad.says), "\(bad.name): \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try total() == 1)
    }

    @Test func aMissingFileIsNamed() throws {
        let result = try cli.run(["import", cli.folder + "/missing.csv"])
        #expect(result.status == 64 && result.stderr.contains("does not exist"))
    }
}
