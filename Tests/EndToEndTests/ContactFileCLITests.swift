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
        let koi8: [UInt8] = Array("BEGIN:VCARD\nVERSION:3.0\nN:".utf8) + [0xF7, 0xCF, 0xCC, 0xCB, 0xCF, 0xD7, 0xC1] + Array(";Anna\nEND:VCARD\n".utf8)
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
        Bad(name: "card.vcf", bytes: Array("BEGIN:VCARD\nFN:A B\nEND:VCARD\n".utf8), extra: ["--encoding", "EBCDIC"], says: "does not know the encoding"),
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
