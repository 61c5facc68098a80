import Testing
@testable import LeadCore

@Suite struct ContactCardTests {
    @Test func vCard3WithTypes() throws {
        let card = """
            BEGIN:VCARD\r
            VERSION:3.0\r
            N:Титов;Глеб;Егорович;;\r
            FN:Глеб Титов\r
            ORG:ИП Титов;Отдел продаж\r
            TITLE:Директор\r
            TEL;TYPE=CELL,VOICE:+7 999 123-45-67\r
            TEL;TYPE=WORK:+7 (495) 000-00-00\r
            EMAIL;TYPE=INTERNET,WORK:gleb@example.com\r
            URL:https://example.com\r
            ADR;TYPE=WORK:;;ул. Ленина, 1;Москва;;101000;Россия\r
            NOTE:Интересуется\\, просил перезвонить\\nв понедельник\r
            END:VCARD\r
            """
        let lead = try ContactCard.parse(card)
        #expect(lead["NAME"] == "Глеб")
        #expect(lead["LAST_NAME"] == "Титов")
        #expect(lead["SECOND_NAME"] == "Егорович")
        #expect(lead["COMPANY_TITLE"] == "ИП Титов, Отдел продаж")
        #expect(lead["POST"] == "Директор")
        #expect(lead.entries(.phone) == [.init(value: "+7 999 123-45-67", valueType: "MOBILE"), .init(value: "+7 (495) 000-00-00", valueType: "WORK")])
        #expect(lead.entries(.email) == [.init(value: "gleb@example.com", valueType: "WORK")])
        #expect(lead.entries(.web).first?.value == "https://example.com")
        #expect(lead["ADDRESS"] == "ул. Ленина, 1")
        #expect(lead["ADDRESS_CITY"] == "Москва")
        #expect(lead["ADDRESS_POSTAL_CODE"] == "101000")
        #expect(lead["ADDRESS_COUNTRY"] == "Россия")
        #expect(lead["COMMENTS"] == "Интересуется, просил перезвонить\nв понедельник")
        #expect(lead.problems().isEmpty)
    }

    @Test func vCard21QuotedPrintableWithSoftBreaks() throws {
        let card = """
            BEGIN:VCARD
            VERSION:2.1
            N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=D0=A2=D0=B8=D1=82=D0=BE=D0=B2;=D0=93=D0=BB=D0=B5=
            =D0=B1
            TEL;WORK;CELL:+79991234567
            EMAIL;INTERNET;HOME:g@example.org
            END:VCARD
            """
        let lead = try ContactCard.parse(card)
        #expect(lead["LAST_NAME"] == "Титов")
        #expect(lead["NAME"] == "Глеб")
        #expect(lead.entries(.phone).first?.valueType == "MOBILE")
        #expect(lead.entries(.email).first?.valueType == "HOME")
    }

    @Test func vCard4FoldedLinesAndFNOnly() throws {
        let card = "BEGIN:VCARD\nVERSION:4.0\nFN:佐藤 花子\nEMAIL;TYPE=work:hanako@exa\n mple.jp\nTEL;VALUE=uri;TYPE=\"voice,cell\":tel:+81-90-1234-5678\nEND:VCARD\n"
        let lead = try ContactCard.parse(card)
        #expect(lead["NAME"] == "佐藤")
        #expect(lead["LAST_NAME"] == "花子")
        #expect(lead.entries(.email).first?.value == "hanako@example.jp")
        #expect(lead.entries(.phone) == [.init(value: "+81-90-1234-5678", valueType: "MOBILE")])
    }

    @Test func mecard() throws {
        let lead = try ContactCard.parse("MECARD:N:Титов,Глеб;TEL:+79991234567;EMAIL:gleb@example.com;ORG:ИП Титов;NOTE:a\\;b;;")
        #expect(lead["LAST_NAME"] == "Титов")
        #expect(lead["NAME"] == "Глеб")
        #expect(lead.entries(.phone).first?.value == "+79991234567")
        #expect(lead["COMPANY_TITLE"] == "ИП Титов")
        #expect(lead["COMMENTS"] == "a;b")
    }

    @Test func manyCardsInOneFile() throws {
        let text = (1...3).map { "BEGIN:VCARD\nVERSION:3.0\nFN:Person \($0)\nEND:VCARD" }.joined(separator: "\n")
        #expect(try ContactCard.parseAll(text).count == 3)
        #expect(throws: ContactCardError.self) { try ContactCard.parse(text) }
    }

    @Test func brokenCardsSayWhich() {
        #expect(throws: ContactCardError("Card 2 is cut off: END:VCARD is missing.")) {
            try ContactCard.parseAll("BEGIN:VCARD\nFN:A\nEND:VCARD\nBEGIN:VCARD\nFN:B\n")
        }
        #expect(throws: ContactCardError.self) { try ContactCard.parseAll("hello") }
    }
}

@Suite struct ContactCardCharsetTests {
    @Test func windows1251QuotedPrintableFromOldExports() throws {
        // "Иван" in Windows-1251 is C8 E2 E0 ED.
        let card = "BEGIN:VCARD\nVERSION:2.1\nN;CHARSET=WINDOWS-1251;ENCODING=QUOTED-PRINTABLE:;=C8=E2=E0=ED\nTEL;CELL:+7 999 000 11 22\nEND:VCARD\n"
        let lead = try ContactCard.parse(card)
        #expect(lead["NAME"] == "Иван")
    }

    @Test func anUnknownCharsetIsNamed() {
        let card = "BEGIN:VCARD\nN;CHARSET=EBCDIC;ENCODING=QUOTED-PRINTABLE:;=C8\nEND:VCARD\n"
        #expect(throws: ContactCardError.self) { try ContactCard.parse(card) }
    }

    @Test func aMECARDNameWithoutACommaIsKeptWhole() throws {
        #expect(try ContactCard.parse("MECARD:N:John Smith;EMAIL:j@example.com;;")["NAME"] == "John Smith")
    }

    @Test func appleStyleGroupedProperties() throws {
        let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Doe;Jane;;;\r\nitem1.EMAIL;type=INTERNET;type=pref:jane@example.com\r\nitem1.X-ABLabel:_$!<Work>!$_\r\nTEL;type=CELL;type=VOICE;type=pref:+1 (555) 010-9999\r\nPHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD\r\n /2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U\r\nEND:VCARD\r\n"
        let lead = try ContactCard.parse(card)
        #expect(lead.entries(.email) == [.init(value: "jane@example.com", valueType: "WORK")])
        #expect(lead.entries(.phone) == [.init(value: "+1 (555) 010-9999", valueType: "MOBILE")])
        #expect(lead.problems().isEmpty)
    }
}

@Suite struct HeaderAliasTests {
    @Test(arguments: [("First name", "NAME"), ("e-mail", "EMAIL"), ("Company", "COMPANY_TITLE"), ("Фамилия", "LAST_NAME"),
                      ("last_name", "LAST_NAME"), ("uf_crm_badge", "UF_CRM_BADGE"), ("Job title", "POST")])
    func commonHeadersMapToFields(_ header: String, _ field: String) {
        #expect(LeadField.canonicalName(header) == field)
    }
}
