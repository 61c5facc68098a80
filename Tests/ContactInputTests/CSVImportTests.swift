import Foundation
import Testing

@testable import ContactInput
@testable import LeadCore

/// The fixture files under Fixtures/csv, decoded as `import` decodes them (TextDecoding's detection).
enum CSVFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/csv")

    static func bytes(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    static func decoded(_ name: String) throws -> DecodedText {
        try TextDecoding.decode(Array(try bytes(name)), source: name)
    }

    static func text(_ name: String) throws -> String { try decoded(name).text }

    static func read(_ name: String) throws -> CSVImport {
        try CSVImport(text: text(name), file: name)
    }
}

extension Lead {
    fileprivate func values(_ kind: MultiFieldKind) -> [String] { entries(kind).map { "\($0.value) (\($0.valueType))" } }
}

@Suite struct CSVProfileTests {
    @Test func googleContactsCurrentExport() throws {
        let csv = try CSVFixture.read("google-contacts.csv")
        #expect(csv.mapping.profile == "Google Contacts")
        #expect(csv.rows.count == 3)
        let anna = csv.rows[0].lead
        #expect(anna["NAME"] == "Anna" && anna["LAST_NAME"] == "Schmidt" && anna["COMPANY_TITLE"] == "Müller GmbH" && anna["POST"] == "Einkauf")
        #expect(anna.values(.email) == ["anna.schmidt@mueller.example (WORK)", "anna@home.example (WORK)"])
        #expect(anna.values(.phone) == ["+49 170 1234567 (MOBILE)", "+49 30 7654321 (FAX)"])
        #expect(anna["BIRTHDATE"] == "1985-04-23" && anna["ADDRESS_CITY"] == "Berlin" && anna["ADDRESS_POSTAL_CODE"] == "10115")
        #expect(anna["COMMENTS"] == "Met at booth B12\nwants a demo\nDepartment: Procurement")
        let gleb = csv.rows[1]
        #expect(gleb.lead.values(.phone) == ["+7 999 123-45-67 (MOBILE)", "+7 495 000-00-00 (MOBILE)"])
        #expect(gleb.lead["BIRTHDATE"] == nil && gleb.lead["COMMENTS"] == "Birthday: --05-14" && gleb.warnings.count == 1)
        #expect(gleb.lead.values(.email) == ["gleb@titov.example (HOME)"])
        // "File As" alone gives the name.
        #expect(csv.rows[2].lead["NAME"] == "Bob's" && csv.rows[2].lead["LAST_NAME"] == "Plumbing")
        #expect(csv.mapping.unknownColumns.isEmpty)
    }

    @Test func googleContactsLegacyExportWithByteOrderMark() throws {
        let csv = try CSVFixture.read("google-contacts-legacy.csv")
        #expect(csv.mapping.profile == "Google Contacts (legacy export)")
        let jose = csv.rows[0].lead
        #expect(
            jose["NAME"] == "José" && jose["LAST_NAME"] == "García" && jose["COMPANY_TITLE"] == "Ejemplo S.L." && jose["POST"] == "Director comercial"
        )
        #expect(jose.values(.phone) == ["+34 600 123 456 (MOBILE)", "+34 91 123 45 67 (WORK)", "+34 91 765 43 21 (WORK)"])
        #expect(jose.values(.email) == ["jose.garcia@ejemplo.example (WORK)"])
        #expect(csv.rows[1].lead["NAME"] == "Pat" && csv.rows[1].lead["LAST_NAME"] == "Lee")
    }

    @Test func outlookEnglishInWindows1252() throws {
        #expect(try CSVFixture.decoded("outlook-en.csv").encoding == "windows-1252")
        let csv = try CSVFixture.read("outlook-en.csv")
        #expect(csv.mapping.profile == "Outlook")
        #expect(csv.mapping.header.count == 92 && csv.mapping.unknownColumns.isEmpty)
        #expect(csv.rows.count == 2 && csv.emptyRows == 1)
        let francois = csv.rows[0].lead
        #expect(francois["NAME"] == "François" && francois["LAST_NAME"] == "Dupré" && francois["COMPANY_TITLE"] == "Café Société, Inc.")
        #expect(francois["HONORIFIC"] == nil, "Outlook's Title is Mr./Ms., not a portal HONORIFIC code")
        #expect(francois.values(.phone) == ["+33 1 23 45 67 89 (WORK)", "+33 6 12 34 56 78 (MOBILE)"], "the primary phone repeats the business one")
        #expect(francois["BIRTHDATE"] == "1975-05-14" && francois["ADDRESS_CITY"] == "Paris")
        // The home address (the second group) is kept as a line, not dropped.
        #expect(francois["COMMENTS"] == "Asked for the price list.\r\nCall back in May.\nAddress: Lyon")
        #expect(csv.rows[1].lead["BIRTHDATE"] == nil && csv.rows[1].lead["COMMENTS"] == nil, "0/0/00 is Outlook's empty date")
    }

    @Test func outlookGermanAndRussian() throws {
        let de = try CSVFixture.read("outlook-de.csv")
        #expect(de.mapping.profile == "Outlook (German)")
        let jurgen = de.rows[0].lead
        #expect(jurgen["NAME"] == "Jürgen" && jurgen["LAST_NAME"] == "Größe" && jurgen["COMPANY_TITLE"] == "Bäckerei Größe KG")
        #expect(jurgen["BIRTHDATE"] == "1968-05-14" && jurgen["ADDRESS"] == "Königstraße 5")
        #expect(jurgen.values(.email) == ["j.groesse@baeckerei.example (WORK)"])

        #expect(try CSVFixture.decoded("outlook-ru.csv").encoding == "windows-1251")
        let ru = try CSVFixture.read("outlook-ru.csv")
        #expect(ru.mapping.profile == "Outlook (Russian)")
        let olga = ru.rows[0].lead
        #expect(olga["NAME"] == "Ольга" && olga["SECOND_NAME"] == "Петровна" && olga["LAST_NAME"] == "Смирнова")
        #expect(olga["COMPANY_TITLE"] == "ООО \"Ромашка\"" && olga["BIRTHDATE"] == "1985-04-23")
        #expect(olga.values(.phone) == ["+7 843 200-00-00 (WORK)", "+7 917 000-11-22 (MOBILE)"])
    }

    @Test func linkedInConnectionsSkipsTheNotesPreamble() throws {
        let csv = try CSVFixture.read("linkedin-connections.csv")
        #expect(csv.mapping.profile == "LinkedIn Connections")
        #expect(csv.headerLine == 4)
        #expect(csv.rows.map(\.line) == [5, 6])
        let priya = csv.rows[0].lead
        #expect(priya["NAME"] == "Priya" && priya["COMPANY_TITLE"] == "Acme, Inc." && priya["POST"] == "Head of Sales")
        #expect(priya.values(.email) == ["priya.raman@example.com (WORK)"])
        #expect(priya.values(.web) == ["https://www.linkedin.com/in/priyaraman (OTHER)"])
        #expect(priya["COMMENTS"] == "LinkedIn connection since: 14 Mar 2024")
    }

    @Test func thunderbirdWithTrailingCommas() throws {
        let csv = try CSVFixture.read("thunderbird.csv")
        #expect(csv.mapping.profile == "Thunderbird" && csv.mapping.unknownColumns.isEmpty)
        let ingrid = csv.rows[0].lead
        #expect(ingrid["NAME"] == "Ingrid" && ingrid["LAST_NAME"] == "Øvergård" && ingrid["BIRTHDATE"] == "1990-07-09")
        #expect(ingrid.values(.phone) == ["+47 22 12 34 56 (WORK)", "+47 912 34 567 (MOBILE)"])
        #expect(csv.rows[1].lead["NAME"] == "Sam" && csv.rows[1].lead["LAST_NAME"] == "Taylor")
        #expect(csv.rows[2].lead["NAME"] == nil, "an address used as display name is no name")
    }

    @Test func macOSAddressBookTabSeparatedWithCRLineEnds() throws {
        let csv = try CSVFixture.read("macos-addressbook.tsv")
        #expect(csv.mapping.profile == "macOS Address Book" && csv.headerDelimiter == .tab)
        #expect(csv.rows.count == 2)
        #expect(csv.rows[0].lead["COMPANY_TITLE"] == "Tanaka Shoji" && csv.rows[0].lead["ADDRESS_CITY"] == "Tokyo")
        #expect(csv.rows[1].lead.values(.email) == ["lucia@correo.example (HOME)"])
    }

    @Test func bitrix24LeadExport() throws {
        let csv = try CSVFixture.read("bitrix24-leads.csv")
        #expect(csv.mapping.profile == "Bitrix24 lead export" && csv.headerDelimiter == .semicolon)
        let ivan = csv.rows[0].lead
        #expect(ivan["TITLE"] == "Заявка с выставки" && ivan["NAME"] == "Иван" && ivan["SECOND_NAME"] == "Иванович" && ivan["LAST_NAME"] == "Петров")
        #expect(ivan.values(.phone) == ["+7 495 111-22-33 (WORK)", "+7 495 111-22-34 (WORK)", "+7 903 000-00-01 (MOBILE)"])
        #expect(ivan.values(.im) == ["@ivanpetrov (TELEGRAM)"])
        #expect(ivan["BIRTHDATE"] == "1980-02-01" && ivan["SOURCE_DESCRIPTION"] == "Стенд B12")
        #expect(ivan["STATUS_ID"] == nil && ivan["SOURCE_ID"] == nil, "display names are not the portal's codes")
        #expect(ivan["COMMENTS"] == "Перезвонить; обсудить опт\nСтадия: Не обработан\nИсточник: Выставка\nОтветственный: Анна Кузнецова")
    }

    @Test func fieldNameHeaderAsTyped() throws {
        let csv = try CSVFixture.read("field-names.csv")
        #expect(csv.mapping.profile == CSVMapping.fieldNamesProfile)
        #expect(csv.rows[0].lead["UF_CRM_BADGE"] == "B-1042" && csv.rows[0].lead["COMPANY_TITLE"] == "ООО \"Север\"")
    }
}

@Suite struct CSVMappingTests {
    @Test func unknownColumnsAreListedAndOptionallyKeptInComments() throws {
        let text = "NAME,Badge colour,EMAIL\nAnna,blue,anna@example.com\n"
        let skipped = try CSVImport(text: text, file: "x.csv")
        #expect(skipped.mapping.unknownColumns == ["Badge colour"])
        #expect(skipped.rows[0].lead["COMMENTS"] == nil)
        let kept = try CSVImport(text: text, file: "x.csv", unknownToComments: true)
        #expect(kept.rows[0].lead["COMMENTS"] == "Badge colour: blue")
    }

    @Test func mapOverridesAProfileAndRefusesNonFields() throws {
        let text = "Who,Mail,Booth\nAnna,anna@example.com,B12\n"
        let csv = try CSVImport(text: text, file: "x.csv", overrides: CSVMapOverrides(["Who=NAME", "mail=EMAIL:HOME", "Booth=UF_CRM_BOOTH"]))
        #expect(csv.mapping.profile == "your --map")
        #expect(csv.rows[0].lead["NAME"] == "Anna" && csv.rows[0].lead["UF_CRM_BOOTH"] == "B12")
        #expect(csv.rows[0].lead.entries(.email) == [MultiFieldValue(value: "anna@example.com", valueType: "HOME")])
        #expect { try CSVMapOverrides(["Who=NAMEE"]) } throws: { "\($0)".contains("did you mean NAME") }
        #expect { try CSVMapOverrides(["Who=PHONE:CELL"]) } throws: { "\($0)".contains("MOBILE") }
        #expect { try CSVMapOverrides(["Who"]) } throws: { "\($0)".contains("no '='") }
        #expect { try CSVImport(text: text, file: "x.csv", overrides: CSVMapOverrides(["Whom=NAME"])) } throws: { "\($0)".contains("\"Whom\"") }
        #expect(CSVMapOverrides.assignments(inFile: "# Google\nWho=NAME\n\nMail = EMAIL\n") == ["Who=NAME", "Mail = EMAIL"])
    }

    @Test func aFileWithoutAHeaderIsRefusedPointingAtMap() {
        #expect { try CSVImport(text: "Anna,anna@example.com\nBob,bob@example.com\n", file: "x.csv") } throws: {
            "\($0)".contains("not column names") && "\($0)".contains("--map")
        }
        #expect { try CSVImport(text: "Colour,Size\nblue,XL\n", file: "x.csv") } throws: {
            "\($0)".contains("None of the columns") && "\($0)".contains("--map 'Colour=NAME'")
        }
        #expect { try CSVImport(text: "\n\n", file: "x.csv") } throws: { "\($0)".contains("holds no rows") }
        #expect { try CSVImport(text: "NAME,EMAIL\r\n", file: "x.csv") } throws: { "\($0)".contains("no contact rows") }
    }

    @Test func aCommaHeaderOverTabRows() throws {
        let csv = try CSVImport(text: "First Name,Last Name,E-mail Address\nAnna\tSmith, Jr.\tanna@example.com\n", file: "x.csv")
        #expect(csv.headerDelimiter == .comma && csv.rowDelimiter == .tab)
        #expect(csv.rows[0].lead["LAST_NAME"] == "Smith, Jr.")
    }

    @Test func badRowsAreReportedOnTheRowNotTheFile() throws {
        let csv = try CSVImport(text: "NAME,BIRTHDATE\nA,1985-04-23\nB,x\nC,\"never closed\n", file: "x.csv")
        #expect(csv.rows.count == 3)
        #expect(csv.rows[0].problems.isEmpty)
        #expect(csv.rows[1].lead["COMMENTS"] == "BIRTHDATE: x", "a birthday that is no date is kept, not refused")
        #expect(csv.rows[2].line == 4 && csv.rows[2].problems.first?.contains("never ends") == true)
    }

    @Test func labelsBecomeValueTypes() {
        #expect(CSVMapping.valueType(label: "* Mobile", kind: .phone) == "MOBILE")
        #expect(CSVMapping.valueType(label: "Work Fax", kind: .phone) == "FAX")
        #expect(CSVMapping.valueType(label: "Grandma", kind: .phone) == "OTHER")
        #expect(CSVMapping.valueType(label: "", kind: .email) == "WORK")
        #expect(CSVMapping.valueType(label: "Home", kind: .email) == "HOME")
    }

    @Test func birthdaysAsExportersWriteThem() {
        #expect(BirthdayText.isoDate("5/14/1975") == "1975-05-14")
        #expect(BirthdayText.isoDate("14/5/1975") == "1975-05-14")
        #expect(BirthdayText.isoDate("14.05.1968") == "1968-05-14")
        #expect(BirthdayText.isoDate("1985-04-23T00:00:00Z") == "1985-04-23")
        #expect(BirthdayText.isoDate("--05-14") == nil && BirthdayText.isoDate("2/30/1990") == nil)
        #expect(BirthdayText.isEmptyMarker("0/0/00") && !BirthdayText.isEmptyMarker("1/1/00"))
    }
}

@Suite struct CSVPropertyTests {

    @Test func randomBytesAndTruncationsNeverCrashOrHang() throws {
        var random = SeededRandom(seed: 20_261_201)
        let alphabet = Array("ab,;\t\"\r\n ::: @+7-Ф".utf8)
        let fixtures = try ["google-contacts.csv", "linkedin-connections.csv", "bitrix24-leads.csv", "thunderbird.csv"].map {
            try CSVFixture.text($0)
        }
        let start = Date()
        for round in 0..<400 {
            let text: String
            if round % 2 == 0 {
                let bytes = (0..<Int.random(in: 0...300, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
                text = String(decoding: bytes, as: UTF8.self)
            } else {
                let source = fixtures[round / 2 % fixtures.count]
                text = String(source.prefix(Int.random(in: 0...source.count, using: &random)))
            }
            if let csv = try? CSVImport(text: text, file: "fuzz.csv") {
                #expect(!csv.rows.isEmpty)
            }
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func megabyteFieldsAreReadInLinearTime() throws {
        let huge = String(repeating: "x", count: 1 << 20)
        let start = Date()
        let quoted = try CSVImport(text: "NAME,COMMENTS\nA,\"\(huge)\n\"\"\(huge)\"\n", file: "big.csv")
        #expect(quoted.rows[0].lead["COMMENTS"]?.utf8.count == 2 * huge.utf8.count + 2)
        let open = try CSVImport(text: "NAME,COMMENTS\nA,\"" + huge, file: "big.csv")
        #expect(open.rows[0].problems.first?.contains("never ends") == true)
        // A hang guard, not a benchmark: ~0.6 s of CPU in a debug build (6 s wall-clock at load 19 on 2 cores).
        #expect(Date().timeIntervalSince(start) < 30)
    }
}
