import Testing

@testable import ContactInput
@testable import LeadCore

@Suite struct BadgeScanTests {
    @Test func mecardWithEscapes() throws {
        let scan = ContactInput.scan(try CardFixture.text("qr/mecard.txt"))
        #expect(scan.format == .mecard)
        #expect((scan.lead["NAME"], scan.lead["LAST_NAME"]) == ("Sean", "Owen"))
        #expect(scan.lead.entries(.phone).first?.value == "+12125551212")
        #expect(scan.lead.entries(.email).first?.value == "srowen@example.com")
        #expect(scan.lead.entries(.web).first?.value == "https://example.com")
        #expect(scan.lead["COMMENTS"] == "Met at booth 12; follow up")
        #expect(scan.lead["ADDRESS"] == "76 9th Avenue, 4th Floor, New York, NY 10011")
        #expect(scan.raw == (try CardFixture.text("qr/mecard.txt")))
    }

    @Test func japaneseMecard() throws {
        let scan = ContactInput.scan(try CardFixture.text("qr/mecard-ja.txt"))
        #expect((scan.lead["LAST_NAME"], scan.lead["NAME"]) == ("山田", "太郎"))
        #expect(scan.lead["COMPANY_TITLE"] == "ソニー株式会社")
    }

    @Test func bizcard() throws {
        let scan = ContactInput.scan(try CardFixture.text("qr/bizcard.txt"))
        #expect(scan.format == .bizcard)
        #expect((scan.lead["NAME"], scan.lead["LAST_NAME"]) == ("Sean", "Owen"))
        #expect(scan.lead["POST"] == "Software Engineer")
        #expect(scan.lead["COMPANY_TITLE"] == "Google")
        #expect(
            scan.lead.entries(.phone) == [
                MultiFieldValue(value: "+12125551212", valueType: "WORK"), MultiFieldValue(value: "+12125551213", valueType: "MOBILE"),
            ])
        #expect(scan.lead.entries(.email).first?.value == "srowen@example.com")
    }

    @Test func auAddressBook() throws {
        let scan = ContactInput.scan(try CardFixture.text("qr/au.txt"))
        #expect(scan.format == .au)
        #expect((scan.lead["LAST_NAME"], scan.lead["NAME"]) == ("鈴木", "花子"))
        #expect(scan.lead.entries(.phone).map(\.value) == ["090-8765-4321", "03-5555-0000"])
        #expect(scan.lead.entries(.email).first?.value == "hanako.suzuki@example.jp")
        #expect(scan.lead["COMMENTS"] == "展示会 ブースA")
        #expect(scan.lead["ADDRESS"] == "東京都港区1-2-3")
    }

    @Test func vcardWithoutEndIsAccepted() throws {
        let scan = ContactInput.scan(try CardFixture.text("qr/vcard-no-end.txt"))
        #expect(scan.format == .vcard)
        #expect((scan.lead["NAME"], scan.lead["LAST_NAME"], scan.lead["COMPANY_TITLE"]) == ("Sean", "Owen", "Google"))
    }

    @Test(arguments: ["qr/opaque-id.txt", "qr/url.txt", "qr/caret.txt", "qr/csv-in-qr.txt"])
    func anythingElseIsSavedWithItsRawText(_ file: String) throws {
        let raw = try CardFixture.text(file)
        let scan = ContactInput.scan(raw)
        #expect(scan.format == .unrecognized)
        #expect(scan.raw == raw)
        #expect(scan.lead["COMMENTS"] == "Badge scan: \(raw)")
        #expect(scan.lead.problems().isEmpty)
        #expect(scan.warnings == ["The scan is not a contact card; its text was kept in COMMENTS so the lead can be completed later."])
    }

    @Test func anEmailInsideAnOpaquePayloadIsPickedUp() throws {
        let scan = ContactInput.scan(try CardFixture.text("qr/caret.txt"))
        #expect(scan.lead.entries(.email).map(\.value) == ["anna.schmidt@siemens.example"])
    }

    /// A 1D code can carry NUL or GS: the title lists show leaves them out, the scan field keeps
    /// the text as scanned.
    @Test func controlCharactersStayOutOfTheTitle() {
        let scan = ContactInput.scan("REG\u{0}-7\u{1D}42", scanField: "UF_CRM_BADGE")
        #expect(scan.lead["TITLE"] == "Badge REG-742")
        #expect(scan.lead["UF_CRM_BADGE"] == "REG\u{0}-7\u{1D}42")
    }

    @Test func theEventProfileChoosesTheScanField() {
        let scan = ContactInput.scan("REG-1", scanField: "UF_CRM_BADGE")
        #expect(scan.lead["UF_CRM_BADGE"] == "REG-1")
        #expect(scan.lead["COMMENTS"] == nil)
        #expect(scan.lead["TITLE"] == "Badge REG-1")
    }

    @Test func aCardWithNothingUsableIsStillSaved() {
        let scan = ContactInput.scan("MECARD:SOUND:x;;")
        #expect(scan.format == .unrecognized)
        #expect(scan.lead.problems().isEmpty)
    }

    @Test func oneBadFieldNeverFailsAScan() {
        let scan = ContactInput.scan("MECARD:N:Doe,John;TEL:n/a;EMAIL:not-an-address;;")
        #expect(scan.format == .mecard)
        #expect(scan.lead.entries(.phone).isEmpty)
        #expect(scan.lead["COMMENTS"] == "E-mail: not-an-address")
        #expect(scan.warnings.count == 2)
        #expect(scan.lead.problems().isEmpty)
    }

    @Test func formatDetection() {
        #expect(ContactInput.format(of: "\n# c\nBEGIN:VCARD\n") == .vcard)
        #expect(ContactInput.format(of: "junk\nBEGIN:VCARD\n") == .vcard)
        #expect(ContactInput.format(of: "mecard:N:x;;") == .mecard)
        #expect(ContactInput.format(of: "BIZCARD:N:x;;") == .bizcard)
        #expect(ContactInput.format(of: "NAME1:x\nTEL1:1") == .au)
        #expect(ContactInput.format(of: "First Name,Last Name\nA,B") == .csv)
        #expect(ContactInput.format(of: "REG-1") == .unrecognized)
        #expect(ContactInput.looksLikeCard("BIZCARD:N:x"))
        #expect(ContactInput.looksLikeCard("MEMORY:x"))
        #expect(!ContactInput.looksLikeCard("Memo"))
    }

    @Test func multipleMecardsInOneFile() throws {
        let cards = try ContactInput.cards(in: "MECARD:N:A,B;TEL:12345;;\r\nMECARD:N:C,D;EMAIL:c@d.example;;\r\n", source: "f")
        #expect(cards.map { $0.lead["LAST_NAME"] } == ["A", "C"])
    }
}

@Suite struct BadgeAddressTests {
    @Test(arguments: ["mailto:anna@example.com", "MATMSG:TO:anna@example.com;SUB:Hi;BODY:x;;"])
    func addressesInMailCodesAreKept(_ raw: String) {
        #expect(ContactInput.scan(raw).lead.entries(.email).map(\.value) == ["anna@example.com"])
    }

    @Test func aTelURIIsKeptAsThePhone() {
        #expect(ContactInput.scan("tel:+12125551212").lead.entries(.phone).map(\.value) == ["+12125551212"])
    }

    @Test func kindOrgMakesFNTheCompany() throws {
        let lead = try ContactInput.cards(
            in: "BEGIN:VCARD\nVERSION:4.0\nKIND:org\nFN:Acme Widgets\nEMAIL:info@acme.example\nEND:VCARD\n", source: "f")[0].lead
        #expect(lead["COMPANY_TITLE"] == "Acme Widgets")
        #expect(lead["NAME"] == nil)
    }
}
