import Foundation
import Testing

@testable import ContactInput
@testable import LeadCore

extension Lead {
    fileprivate func typed(_ kind: MultiFieldKind) -> [String] { entries(kind).map { "\($0.value) (\($0.valueType))" } }
}

/// CRM and event exports and hand-made lists with everyday column names (issue 19), read from
/// fixtures written byte for byte as those programs write them (see Fixtures/csv/make_fixtures.py).
@Suite struct CSVEverydayFixtureTests {
    @Test func hubSpotContactExport() throws {
        let csv = try CSVFixture.read("hubspot-contacts.csv")
        #expect(csv.mapping.profile == "HubSpot contact export" && csv.mapping.unknownColumns.isEmpty)
        #expect(csv.rows.count == 3)
        let anna = csv.rows[0].lead
        #expect(
            anna["NAME"] == "Anna" && anna["LAST_NAME"] == "Becker" && anna["COMPANY_TITLE"] == "Becker & Co. KG"
                && anna["POST"] == "Einkaufsleiterin")
        #expect(anna.typed(.email) == ["anna.becker@becker.example (WORK)", "anna@becker.example (OTHER)", "a.becker@mail.example (OTHER)"])
        #expect(anna.typed(.phone) == ["+49 30 1234567 (WORK)", "+49 171 2345678 (MOBILE)"])
        #expect(anna.typed(.web) == ["https://becker.example (WORK)"])
        #expect(anna["ADDRESS"] == "Friedrichstraße 10" && anna["ADDRESS_CITY"] == "Berlin" && anna["ADDRESS_POSTAL_CODE"] == "10117")
        #expect(anna["COMMENTS"] == "HubSpot owner: Sam Sales\nLifecycle stage: Lead\nLead status: New")
        #expect(csv.rows[1].lead.typed(.email) == ["info@subscriber.example (WORK)"], "the e-mail domain column is no address")
        #expect(csv.rows[2].lead.typed(.phone) == ["+1 (415) 555-0100 ext. 23 (WORK)"])
    }

    @Test func salesforceReportInLatin1WithItsFooter() throws {
        #expect(try CSVFixture.decoded("salesforce-report.csv").encoding == "windows-1252")
        let csv = try CSVFixture.read("salesforce-report.csv")
        #expect(csv.mapping.profile == "Salesforce report" && csv.mapping.unknownColumns.isEmpty)
        #expect(csv.rows.count == 2 && csv.footerLines == [6, 7, 8, 9, 10] && csv.rowsWithoutContact.isEmpty)
        let renee = csv.rows[0].lead
        #expect(renee["NAME"] == "Renée" && renee["LAST_NAME"] == "Lefèvre" && renee["POST"] == "VP Purchasing")
        #expect(renee["COMPANY_TITLE"] == "Société Générale Équipement" && renee["BIRTHDATE"] == "1975-05-14")
        #expect(renee.typed(.phone) == ["+33 1 40 00 00 00 (WORK)", "+33 6 00 00 00 01 (MOBILE)"])
        #expect(renee["COMMENTS"] == "Salesforce owner: Jane Doe\nLead source: Trade Show")
        let tom = csv.rows[1].lead
        #expect(tom["ADDRESS"] == "1 Market St\nSuite 300" && tom["COMPANY_TITLE"] == "Acme, Inc.")
        #expect(tom.typed(.phone) == ["(415) 555-0100 (WORK)", "(415) 555-0101 (FAX)"])
    }

    @Test func eventbriteAttendeeReport() throws {
        let csv = try CSVFixture.read("eventbrite-attendees.csv")
        #expect(csv.mapping.profile == "Eventbrite attendee report")
        #expect(csv.rows.count == 3)
        let siobhan = csv.rows[0].lead
        #expect(siobhan["NAME"] == "Siobhán" && siobhan["LAST_NAME"] == "Ní Bhriain" && siobhan["COMPANY_TITLE"] == "Harbour Foods Ltd")
        #expect(siobhan.typed(.phone) == ["+353 87 123 4567 (MOBILE)", "+353 21 000 0000 (WORK)"])
        #expect(siobhan["ADDRESS"] == "Unit 4, Marina Park" && siobhan["ADDRESS_CITY"] == "Cork", "the work address, not parts of the home one")
        // The work address (the second group) is kept as a line, not dropped.
        #expect(siobhan["COMMENTS"] == "Eventbrite order: 8812345671\nTicket: Trade visitor\nAddress: Cork, IE")
        #expect(csv.rows[2].lead["POST"] == "销售经理")
        #expect(csv.mapping.unknownColumns == ["Best number to reach you", "What brings you to the expo?"])
        #expect(csv.suspectColumns == [CSVImport.SuspectColumn(column: "Best number to reach you", field: "PHONE", matching: 2, filled: 2)])
    }

    @Test func bitrix24ContactExport() throws {
        let csv = try CSVFixture.read("bitrix24-contacts.csv")
        #expect(csv.mapping.profile == "Bitrix24 contact export" && csv.headerDelimiter == .semicolon && csv.mapping.unknownColumns.isEmpty)
        let maria = csv.rows[0].lead
        #expect(maria["NAME"] == "Мария" && maria["SECOND_NAME"] == "Сергеевна" && maria["LAST_NAME"] == "Орлова")
        #expect(maria["COMPANY_TITLE"] == "ООО «СтройМаркет»" && maria["POST"] == "Главный инженер" && maria["BIRTHDATE"] == "1988-09-12")
        #expect(maria.typed(.phone) == ["+7 495 222-33-44 (WORK)", "+7 916 123-45-67 (MOBILE)", "+7 926 765-43-21 (MOBILE)"])
        #expect(maria.typed(.email) == ["orlova@stroymarket.example (WORK)", "m.orlova@mail.example (HOME)"])
        #expect(maria.typed(.im) == ["@orlova_m (TELEGRAM)"])
        #expect(maria["COMMENTS"] == "Просила каталог\nТип контакта: Клиенты\nИсточник: Выставка\nОтветственный: Анна Кузнецова")
        #expect(csv.rows[1].lead["COMPANY_TITLE"] == "ИП Ковалёв")
    }

    @Test func aBoothListWithTheIssuesTitles() throws {
        let csv = try CSVFixture.read("booth-list.csv")
        #expect(csv.mapping.profile == CSVMapping.everydayProfile)
        let maria = csv.rows[0].lead
        #expect(maria["NAME"] == "Maria Garcia" && maria["LAST_NAME"] == "Lopez", "vCard's FN rule: the last word is the family name")
        #expect(maria.typed(.email) == ["maria@garcia.example (WORK)", "m.garcia@mail.example (WORK)", "maria.g@work.example (WORK)"])
        #expect(maria.typed(.phone) == ["+34 600 111 222 (MOBILE)"] && maria.typed(.web) == ["www.garcia.example (WORK)"])
        #expect(maria["COMPANY_TITLE"] == "García Distribución S.L." && maria["POST"] == "Compras")
        #expect(maria["ADDRESS_CITY"] == "Madrid" && maria["ADDRESS_COUNTRY"] == "Spain" && maria["COMMENTS"] == "Wants samples")
        let ivan = csv.rows[1].lead
        #expect(ivan["LAST_NAME"] == "Иванов" && ivan["NAME"] == "Иван" && ivan["SECOND_NAME"] == "Иванович")
        #expect(ivan.typed(.phone) == ["+7 903 000-00-01 (MOBILE)", "+7 903 000-00-02 (MOBILE)"])
        let john = csv.rows[2].lead
        #expect(john["LAST_NAME"] == "Smith" && john["NAME"] == "John")
        #expect(john.typed(.phone) == ["(555) 010-0199, ext. 12 (MOBILE)"], "an extension after a comma is no second number")
        #expect(csv.suspectColumns == [CSVImport.SuspectColumn(column: "Second contact", field: "EMAIL", matching: 2, filled: 2)])
    }

    @Test func aSmallCRMsTitles() throws {
        let csv = try CSVFixture.read("crm-contacts.csv")
        let grace = csv.rows[0].lead
        #expect(grace["NAME"] == "Grace" && grace["LAST_NAME"] == "Hopper" && grace["COMPANY_TITLE"] == "US Navy" && grace["POST"] == "Rear Admiral")
        #expect(grace.typed(.email) == ["grace@navy.example (WORK)", "g.hopper@navy.example (WORK)"])
        #expect(grace.typed(.phone) == ["+1 202 555 0100 (MOBILE)", "+1 202 555 0101 (MOBILE)"])
        #expect(csv.rows[1].lead.typed(.email) == ["alan@npl.example (WORK)"])
        #expect(csv.mapping.unknownColumns.isEmpty)
    }

    @Test func aGermanListWhereNameIsTheFamilyName() throws {
        #expect(try CSVFixture.decoded("kontakte-de.csv").encoding == "windows-1252")
        let csv = try CSVFixture.read("kontakte-de.csv")
        #expect(csv.mapping.profile == CSVMapping.everydayProfile, "not Outlook's export: no Nachname")
        #expect(csv.mapping.notes[1]?.contains("last name") == true)
        let jurgen = csv.rows[0].lead
        #expect(jurgen["NAME"] == "Jürgen" && jurgen["LAST_NAME"] == "Größe" && jurgen["COMPANY_TITLE"] == "Bäckerei Größe KG")
        #expect(jurgen.typed(.phone) == ["+49 171 9876543 (MOBILE)", "+49 89 123456-0 (WORK)"])
        #expect(jurgen.typed(.email) == ["j.groesse@baeckerei.example (WORK)"])
        #expect(jurgen["ADDRESS_POSTAL_CODE"] == "80331" && jurgen["ADDRESS_CITY"] == "München" && jurgen["COMMENTS"] == "Öfen; Rückruf")
    }

    @Test func aRussianListWithFIO() throws {
        #expect(try CSVFixture.decoded("spisok-ru.csv").encoding == "windows-1251")
        let csv = try CSVFixture.read("spisok-ru.csv")
        let anna = csv.rows[0].lead
        #expect(anna["LAST_NAME"] == "Петрова" && anna["NAME"] == "Анна" && anna["SECOND_NAME"] == "Сергеевна")
        #expect(anna.typed(.phone) == ["+7 843 200-00-00 (WORK)", "+7 917 000-11-22 (MOBILE)"] && anna["POST"] == "Директор")
        #expect(anna.typed(.email) == ["petrova@romashka.example (WORK)"] && anna["COMPANY_TITLE"] == "ООО \"Ромашка\"")
        let oleg = csv.rows[1].lead
        #expect(oleg["LAST_NAME"] == "Смирнов" && oleg["NAME"] == "Олег", "ФИО puts the family name first")
    }

    @Test func aLinkedInRowWithOnlyADateIsSkippedNotRefused() throws {
        let csv = try CSVFixture.read("linkedin-hidden.csv")
        #expect(csv.rows.count == 1 && csv.rows[0].lead["NAME"] == "Priya")
        #expect(csv.rowsWithoutContact == [6])
    }
}

@Suite struct HeaderSynonymTests {
    @Test func headersAreComparedWithoutCaseSpacesHyphensQuotesOrAByteOrderMark() {
        for header in [
            "Email", "E-mail", "\u{FEFF}Email Address", "email_address", "EMAIL-ADDRESS", "\"E-Mail Address\"", "  Email   Address ", "EmailAddress",
        ] {
            let mapping = CSVMapping(header: [header, "Full Name"])
            #expect(mapping?.targets.first == .multi(.email, type: "WORK"), "\(header)")
        }
        #expect(CSVProfile.key("\u{FEFF}\"Phone\"") == "phone")
    }

    @Test(arguments: [
        ("Mobile", CSVTarget.multi(.phone, type: "MOBILE")), ("Cell", .multi(.phone, type: "MOBILE")), ("Handy", .multi(.phone, type: "MOBILE")),
        ("Мобильный", .multi(.phone, type: "MOBILE")), ("Business Phone", .multi(.phone, type: "WORK")), ("Телефон", .multi(.phone, type: "WORK")),
        ("Home Phone", .multi(.phone, type: "HOME")), ("Fax", .multi(.phone, type: "FAX")), ("Phone 2", .multi(.phone, type: "WORK")),
        ("Primary Email", .multi(.email, type: "WORK")), ("Contact Email", .multi(.email, type: "WORK")), ("Эл. почта", .multi(.email, type: "WORK")),
        ("E-Mail-Adresse", .multi(.email, type: "WORK")), ("Personal Email", .multi(.email, type: "HOME")),
        ("Courriel", .multi(.email, type: "WORK")),
        ("Business", .field("COMPANY_TITLE")), ("Organisation", .field("COMPANY_TITLE")), ("Firma", .field("COMPANY_TITLE")),
        ("Компания", .field("COMPANY_TITLE")), ("Account Name", .field("COMPANY_TITLE")), ("Job Title", .field("POST")), ("Title", .field("POST")),
        ("Должность", .field("POST")), ("Website", .multi(.web, type: "WORK")), ("Ort", .address(group: 1, field: "ADDRESS_CITY")),
        ("Country", .address(group: 1, field: "ADDRESS_COUNTRY")), ("PLZ", .address(group: 1, field: "ADDRESS_POSTAL_CODE")),
        ("Full Name", .fullName(.givenFirst)), ("Vollständiger Name", .fullName(.givenFirst)), ("ФИО", .fullName(.familyFirst)),
        ("Notes", .field("COMMENTS")), ("Примечание", .field("COMMENTS")),
    ])
    func everydayNames(_ header: String, _ target: CSVTarget) {
        #expect(HeaderSynonyms.target(header) == target)
    }

    @Test func aFieldsOwnNameStillWinsWhenWrittenAsTheAPIWritesIt() {
        let mapping = CSVMapping(header: ["TITLE", "NAME", "PHONE", "UF_CRM_BADGE"])
        #expect(mapping?.targets == [.field("TITLE"), .field("NAME"), .field("PHONE"), .field("UF_CRM_BADGE")])
        #expect(mapping?.profile == CSVMapping.fieldNamesProfile)
        #expect(CSVMapping(header: ["Title", "Name"])?.targets == [.field("POST"), .fullName(.givenFirst)])
    }

    @Test func nameIsTheFirstOrLastNameBesideTheOtherAndTheWholeNameAlone() {
        #expect(CSVMapping(header: ["Name", "Surname"])?.targets.first == .field("NAME"))
        #expect(CSVMapping(header: ["Vorname", "Name"])?.targets.last == .field("LAST_NAME"))
        #expect(CSVMapping(header: ["Name", "Email"])?.targets.first == .fullName(.givenFirst))
    }

    @Test func wholeNamesSplitByTheFNRuleAndRussianPatronymics() {
        func split(_ name: String, _ order: CSVTarget.NameOrder = .givenFirst) -> [String?] {
            var lead = Lead()
            lead.setPersonName(name, order: order)
            return [lead["NAME"], lead["SECOND_NAME"], lead["LAST_NAME"]]
        }
        #expect(split("Anna Maria Schmidt") == ["Anna Maria", nil, "Schmidt"])
        #expect(split("Cher") == ["Cher", nil, nil])
        #expect(split("Smith, John") == ["John", nil, "Smith"])
        #expect(split("Иванов Иван Иванович") == ["Иван", "Иванович", "Иванов"])
        #expect(split("Иван Иванович Петров") == ["Иван", "Иванович", "Петров"])
        #expect(split("Анна Сергеевна") == ["Анна", "Сергеевна", nil])
        #expect(split("Иван Петров") == ["Иван", nil, "Петров"])
        #expect(split("Смирнов Олег", .familyFirst) == ["Олег", nil, "Смирнов"])
        #expect(split("Смирнов", .familyFirst) == [nil, nil, "Смирнов"])
    }
}

@Suite struct CSVMultiValueTests {
    let mapping = CSVMapping(header: ["Email", "Phone"])!

    @Test func severalAddressesInOneCell() {
        #expect(mapping.values(in: "a@x.com, b@y.com; c@z.com", kind: .email) == ["a@x.com", "b@y.com", "c@z.com"])
        #expect(mapping.values(in: "a@x.com\nb@y.com", kind: .email) == ["a@x.com", "b@y.com"])
        #expect(mapping.values(in: "a@x.com ::: b@y.com", kind: .email) == ["a@x.com", "b@y.com"])
        #expect(mapping.values(in: "a@x.com b@y.com", kind: .email) == ["a@x.com", "b@y.com"])
        #expect(mapping.values(in: "\"Smith, Anna\" <anna@x.com>", kind: .email) == ["anna@x.com"])
        #expect(mapping.values(in: "\"Smith, Anna\" <anna@x.com>, \"Lee; Bob\" <bob@y.com>", kind: .email) == ["anna@x.com", "bob@y.com"])
        #expect(mapping.values(in: "Anna <anna@x.com>; mailto:bob@y.com", kind: .email) == ["anna@x.com", "bob@y.com"])
        #expect(
            mapping.values(in: "not-an-email, anna@x.com", kind: .email) == ["not-an-email, anna@x.com"], "kept whole, so the row's problem names it")
    }

    @Test func aPhoneCellIsSplitOnlyWhereEveryPieceIsAPhone() {
        #expect(mapping.values(in: "+7 495 111-22-33, +7 495 111-22-34", kind: .phone) == ["+7 495 111-22-33", "+7 495 111-22-34"])
        #expect(mapping.values(in: "+1 555 0100; +1 555 0101 ext. 4", kind: .phone) == ["+1 555 0100", "+1 555 0101 ext. 4"])
        #expect(mapping.values(in: "+1 555 0100, ext. 12", kind: .phone) == ["+1 555 0100, ext. 12"])
        #expect(mapping.values(in: "030 1234,5", kind: .phone) == ["030 1234,5"])
    }

    @Test func rowsWithoutContactDataAreCountedAndAFileOfOnlyThoseIsNothingToImport() throws {
        let csv = try CSVImport(text: "Name,Email,Notes\nAnna,a@x.com,booth\n,,met at the bar\n,,\n", file: "x.csv")
        #expect(csv.rows.count == 1 && csv.rowsWithoutContact == [3] && csv.emptyRows == 1)
        #expect { try CSVImport(text: "Name,Email,Notes\n,,met at the bar\n", file: "x.csv") } throws: { "\($0)".contains("none holds a name") }
    }

    /// Nothing read is dropped without a word: a last row cut short to one field that is a
    /// contact stays a row (it is no report footer); a name holding an @ that is no address goes
    /// to COMMENTS.
    @Test func valuesThatFitNoFieldAreKeptNotDropped() throws {
        let csv = try CSVImport(
            text: "Full Name,Email,Phone\nAnna <anna@x>,a@x.com,+49 30 1234567\nBob Stone,b@x.com,\nc@x.com\n", file: "x.csv")
        #expect(csv.rows.count == 3 && csv.footerLines.isEmpty)
        #expect(csv.rows[0].lead["COMMENTS"]?.contains("Name: Anna <anna@x>") == true)
        #expect(csv.rows[0].warnings.contains { $0.contains("no e-mail address") })
        #expect(csv.rows[2].lead.entries(.email).map(\.value) == ["c@x.com"])
    }

    @Test func anUnreadableCardBirthdayGoesToCommentsAndKeepsAGoodOne() throws {
        let cards = try ContactInput.cards(
            in: Array("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Smith\r\nBDAY:1985-04-23\r\nBDAY:--0423\r\nEND:VCARD\r\n".utf8), encoding: nil,
            source: "a.vcf")
        #expect(cards[0].lead["BIRTHDATE"] == "1985-04-23")
        #expect(cards[0].lead["COMMENTS"] == "Birthday: --0423")
        #expect(cards[0].warnings.contains { $0.contains("--0423") })
    }

    @Test func aPreambleLineNamingOneFieldIsNoHeader() throws {
        let csv = try CSVImport(text: "Notes:\nexported 2026-12-01\nFull Name,Email Address\nAnna Smith,anna@x.com\n", file: "x.csv")
        #expect(csv.headerLine == 3 && csv.rows[0].lead["LAST_NAME"] == "Smith")
    }
}

@Suite struct CSVEverydayPropertyTests {
    /// Values of one kind joined by any separator an exporter uses come back as the same values.
    @Test func joinedValuesSplitBackExactly() {
        var random = SeededRandom(seed: 20_261_207)
        let mapping = CSVMapping(header: ["Email", "Phone"])!
        let separators = [", ", ",", "; ", ";", "\n", "\r\n", " ::: "]
        for _ in 0..<500 {
            let count = Int.random(in: 1...4, using: &random)
            let emails = (0..<count).map { index in "user\(Int.random(in: 0...999, using: &random)).\(index)@host\(index).example" }
            let phones = (0..<count).map { _ in
                "+\(Int.random(in: 1...99, using: &random)) \(Int.random(in: 100...999, using: &random)) \(Int.random(in: 1000...9999, using: &random))"
            }
            func join(_ values: [String]) -> String {
                values.enumerated().map { $0.offset == 0 ? $0.element : separators.randomElement(using: &random)! + $0.element }.joined()
            }
            let emailCell = join(emails)
            let phoneCell = join(phones)
            #expect(mapping.values(in: emailCell, kind: .email) == emails, "\(emailCell)")
            #expect(mapping.values(in: phoneCell, kind: .phone) == phones, "\(phoneCell)")
        }
    }

    /// Random headers from the synonym table over random cells, and the new fixtures cut at random
    /// points: never a crash or a hang, and every row kept has contact data or a problem.
    @Test func randomEverydayFilesAndTruncationsNeverCrashOrHang() throws {
        var random = SeededRandom(seed: 191207)
        let names = HeaderSynonyms.groups.flatMap(\.1) + ["Order #", "Record ID", "Тип контакта", "Whatever", ""]
        let cells = [
            "a@x.com, b@y.com", "+7 903 000-00-01\n+7 903 000-00-02", "Иванов Иван Иванович", "Smith, John", ":::", ",", ";",
            "\"", "", " ", "2024-01-01", "(555) 010-0199, ext. 12", "<>", "mailto:", "ФИО", "\u{FEFF}",
        ]
        let fixtures = try [
            "hubspot-contacts.csv", "salesforce-report.csv", "eventbrite-attendees.csv", "bitrix24-contacts.csv", "booth-list.csv", "spisok-ru.csv",
        ]
        .map { try CSVFixture.text($0) }
        let start = ContinuousClock.now
        for round in 0..<400 {
            let text: String
            if round % 2 == 0 {
                let delimiter = [",", ";", "\t"].randomElement(using: &random)!
                let width = Int.random(in: 1...6, using: &random)
                let header = (0..<width).map { _ in names.randomElement(using: &random)! }
                let rows = (0..<Int.random(in: 0...5, using: &random)).map { _ in
                    (0..<Int.random(in: 0...(width + 1), using: &random)).map { _ in CSV.line([cells.randomElement(using: &random)!]) }.joined(
                        separator: delimiter)
                }
                text = ([CSV.line(header).replacingOccurrences(of: ",", with: delimiter)] + rows).joined(
                    separator: ["\n", "\r\n", "\r"].randomElement(using: &random)!)
            } else {
                let source = fixtures[round / 2 % fixtures.count]
                text = String(source.prefix(Int.random(in: 0...source.count, using: &random)))
            }
            if let csv = try? CSVImport(text: text, file: "fuzz.csv") {
                #expect(!csv.rows.isEmpty)
                for row in csv.rows { #expect(row.lead.hasContactData || !row.problems.isEmpty, "\(text.debugDescription)") }
            }
        }
        #expect(ContinuousClock.now - start < .seconds(20))
    }
}
