import Foundation
import Testing

/// `add --vcard` with the files people really have: legacy charsets, odd phones, wrong files.
@Suite struct ContactFileCLITests {
    let cli = CLIHarness()

    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = cli.folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func onlyLeadFields() throws -> [String: Any] {
        let list = try #require(try cli.json(["list", "--json"]) as? [[String: Any]])
        #expect(list.count == 1)
        return try #require(list.first?["fields"] as? [String: Any])
    }

    @Test func aWindows1251CardIsReadWithoutBeingAsked() throws {
        let card = "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Смирнов;Алексей\r\nORG:Промтехснаб\r\nTEL;WORK:+7 343 222-33-44\r\nEND:VCARD\r\n"
        let file = try write("cp1251.vcf", Array(card.data(using: .windowsCP1251)!))
        let result = try cli.run(["add", "--vcard", file])
        #expect(result.status == 0, "\(result.stderr)")
        let fields = try onlyLeadFields()
        #expect(fields["LAST_NAME"] as? String == "Смирнов")
        #expect(fields["COMPANY_TITLE"] as? String == "Промтехснаб")
    }

    @Test func encodingOverridesDetection() throws {
        // KOI8-R bytes of "Волкова"; read as windows-1251 they would be other letters.
        let koi8: [UInt8] =
            Array("BEGIN:VCARD\nVERSION:3.0\nN:".utf8) + [0xF7, 0xCF, 0xCC, 0xCB, 0xCF, 0xD7, 0xC1] + Array(";Anna\nEND:VCARD\n".utf8)
        let file = try write("koi8.vcf", koi8)
        let result = try cli.run(["add", "--vcard", file, "--encoding", "koi8-r"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try onlyLeadFields()["LAST_NAME"] as? String == "Волкова")
    }

    @Test func aPhoneWithAnExtensionIsSavedWithAWarning() throws {
        let card = "BEGIN:VCARD\nVERSION:4.0\nFN:Simon Perreault\nTEL;VALUE=uri;TYPE=work:tel:+1-418-656-9254;ext=102\nEND:VCARD\n"
        let result = try cli.run(["add", "--vcard", "-"], input: card)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "warning: The phone \"+1-418-656-9254;ext=102\" has an extension; it is saved as typed.\n")
        let phones = try onlyLeadFields()["PHONE"] as? [[String: String]]
        #expect(phones == [["VALUE": "+1-418-656-9254;ext=102", "VALUE_TYPE": "WORK"]])
    }

    @Test func aBizcardFileIsACardToo() throws {
        let result = try cli.run(["add", "--vcard", "-"], input: "BIZCARD:N:Sean;X:Owen;C:Google;E:srowen@example.com;;")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try onlyLeadFields()["COMPANY_TITLE"] as? String == "Google")
    }

    static let vcards = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("ContactInputTests/Fixtures/vcard")

    func leads() throws -> [[String: Any]] {
        try #require(try cli.json(["list", "--json"]) as? [[String: Any]]).map { try #require($0["fields"] as? [String: Any]) }
    }

    func entries(_ fields: [String: Any], _ name: String) -> [[String: String]] {
        (fields[name] as? [[String: String]]) ?? []
    }

    /// Issue 19: an ownCloud card folded at 75 octets inside Greek, Bopomofo and Cyrillic
    /// characters (the first card of the export, its bytes as they are) is added whole.
    @Test func aCardFoldedInsideCharactersIsAddedWithEveryValue() throws {
        let export = Array(try Data(contentsOf: Self.vcards.appendingPathComponent("nextcloud-30-fold-75-octets.vcf")))
        let end = Array("END:VCARD\r\n".utf8)
        let cut = try #require((0...(export.count - end.count)).first { export[$0..<($0 + end.count)].elementsEqual(end) }) + end.count
        let file = try write("sofia.vcf", Array(export[..<cut]))
        let result = try cli.run(["add", "--vcard", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        let fields = try onlyLeadFields()
        #expect(fields["NAME"] as? String == "Σοφία")
        #expect(fields["LAST_NAME"] as? String == "Παπαδοπούλου")
        #expect(fields["COMPANY_TITLE"] as? String == "Ελληνικά Ηλεκτρονικά Συστήματα Α.Ε.")
        #expect(fields["POST"] as? String == "Διευθύντρια Πωλήσεων")
        #expect(fields["ADDRESS"] as? String == "Λεωφόρος Βασιλίσσης Σοφίας 12")
        #expect(fields["ADDRESS_CITY"] as? String == "Αθήνα")
        #expect(fields["ADDRESS_PROVINCE"] as? String == "Αττική")
        #expect(fields["ADDRESS_POSTAL_CODE"] as? String == "106 74")
        #expect(fields["ADDRESS_COUNTRY"] as? String == "Ελλάδα")
        let comments = try #require(fields["COMMENTS"] as? String)
        #expect(
            comments.contains(
                "Γνωριστήκαμε στο περίπτερο Β12 της έκθεσης. Η συνάδελφός της 李美華 (ㄌㄧˇ ㄇㄟˇ ㄏㄨㄚˊ) θέλει κατάλογο. Просит прислать каталог и прайс-лист до конца месяца."
            ))
        #expect(comments.contains("Department: Τμήμα Εξαγωγών προς Ταϊβάν και Ρωσία"))
        #expect(entries(fields, "PHONE") == [["VALUE": "+30 691 234 5678", "VALUE_TYPE": "MOBILE"]])
        #expect(entries(fields, "EMAIL") == [["VALUE": "sofia.papadopoulou@example.gr", "VALUE_TYPE": "WORK"]])
        #expect(entries(fields, "WEB") == [["VALUE": "https://ees.example.gr/", "VALUE_TYPE": "WORK"]])
        #expect(entries(fields, "IM") == [["VALUE": "sofia_pap", "VALUE_TYPE": "TELEGRAM"]])
    }

    /// `import FILE.vcf` on the whole exports: every card saved, the ones with only a messenger,
    /// a web page or an address too (titled by it, with a warning).
    @Test func importSavesEveryCardOfTheExports() throws {
        for file in ["nextcloud-30-fold-75-octets.vcf", "im-web-address-only.vcf"] {
            let dry = try cli.run(["import", Self.vcards.appendingPathComponent(file).path, "--dry-run"])
            #expect(dry.status == 0, "\(dry.stderr)")
            #expect(dry.stdout.contains("UTF-8"), "\(dry.stdout)")
            let result = try cli.run(["import", Self.vcards.appendingPathComponent(file).path])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let leads = try leads()
        #expect(leads.count == 8)
        func lead(titled title: String) -> [String: Any]? { leads.first { $0["TITLE"] as? String == title } }
        let meihua = try #require(leads.first { $0["NAME"] as? String == "美華" })
        #expect(meihua["COMPANY_TITLE"] as? String == "台灣精密儀器股份有限公司 (ㄊㄞˊ ㄨㄢ ㄐㄧㄥ ㄇㄧˋ ㄧˊ ㄑㄧˋ)")
        #expect(
            entries(try #require(lead(titled: "dmitry.orlov.sales (Skype)")), "IM") == [
                ["VALUE": "dmitry.orlov.sales", "VALUE_TYPE": "SKYPE"], ["VALUE": "d.orlov@jabber.example.ru", "VALUE_TYPE": "JABBER"],
            ])
        #expect(
            entries(try #require(lead(titled: "ann.lee.booth42 (Skype)")), "IM") == [
                ["VALUE": "ann.lee.booth42", "VALUE_TYPE": "SKYPE"], ["VALUE": "annlee_tg", "VALUE_TYPE": "TELEGRAM"],
            ])
        #expect(
            entries(try #require(lead(titled: "pavel.sidorov@gmail.example (Jabber)")), "IM").map { $0["VALUE_TYPE"] } == ["JABBER", "ICQ", "MSN"])
        #expect(
            entries(try #require(lead(titled: "https://www.stand-b12.example/kontakt")), "WEB") == [
                ["VALUE": "https://www.stand-b12.example/kontakt", "VALUE_TYPE": "WORK"]
            ])
        let munich = try #require(lead(titled: "Hauptstraße 5, 80331 München, Bayern, Deutschland"))
        #expect(munich["ADDRESS_CITY"] as? String == "München")
        #expect(entries(try #require(lead(titled: "olga.kuzmina.expo (Skype)")), "IM").map { $0["VALUE_TYPE"] } == ["SKYPE", "VK"])
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let extra: [String]
        let says: String
        var testDescription: String { name }
    }

    static let bad: [Bad] = [
        Bad(name: "photo.jpg", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46], extra: [], says: "is a JPEG image, not a contact file"),
        Bad(name: "contacts.zip", bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00], extra: [], says: "is a ZIP archive"),
        Bad(name: "empty.vcf", bytes: [], extra: [], says: "is empty"),
        Bad(name: "two.vcf", bytes: Array("BEGIN:VCARD\nFN:A B\nEND:VCARD\nBEGIN:VCARD\nFN:C D\nEND:VCARD\n".utf8), extra: [], says: "holds 2 cards"),
        Bad(
            name: "card.vcf", bytes: Array("BEGIN:VCARD\nFN:A B\nEND:VCARD\n".utf8), extra: ["--encoding", "EBCDIC"],
            says: "does not know the encoding"),
    ]

    @Test(arguments: bad)
    func badFilesAreOneSentenceAndSaveNothing(_ bad: Bad) throws {
        let file = try write(bad.name, bad.bytes)
        let result = try cli.run(["add", "--vcard", file] + bad.extra)
        #expect(result.status == 64)
        #expect(result.stderr.contains(bad.says), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect((try cli.statusCounts()["total"] as? Int) == 0)
    }

    @Test func encodingWithoutAFileIsAUsageError() throws {
        let result = try cli.run(["add", "--name", "x", "--encoding", "cp1251"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("give --vcard too"))
    }
}
