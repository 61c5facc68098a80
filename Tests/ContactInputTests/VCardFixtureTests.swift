import Testing

@testable import ContactInput
@testable import LeadCore

/// What a person reading each fixture would type in: name, company, e-mail and phone.
struct Expected: Sendable, CustomTestStringConvertible {
    let file: String
    let cards: Int
    let name: String?
    let lastName: String?
    let company: String?
    let email: String?
    let phone: String?

    var testDescription: String { file }
}

@Suite struct VCardFixtureTests {
    static let expectations: [Expected] = [
        .init(
            file: "vcard/iphone-photo-crcrlf.vcf", cards: 2, name: "Johnny", lastName: "Appleseed", company: "Apple Inc.",
            email: "johnny.appleseed@example.com", phone: "+1 (408) 555-0100"),
        .init(
            file: "vcard/android-21-qp.vcf", cards: 1, name: "Глеб", lastName: "Титов", company: "ИП Титов", email: "gleb.titov@example.ru",
            phone: "+7 999 123-45-67"),
        .init(
            file: "vcard/outlook-21-windows1252.vcf", cards: 1, name: "Jürgen", lastName: "Müller", company: "Bäckerei Müller GmbH",
            email: "j.mueller@baeckerei-mueller.example", phone: "+49 89 1234567"),
        .init(
            file: "vcard/thunderbird-40.vcf", cards: 1, name: "Lena", lastName: "Fischer", company: "Fischer & Söhne KG",
            email: "lena.fischer@example.org", phone: "+49 30 9876543"),
        .init(
            file: "vcard/evolution-30-folds.vcf", cards: 1, name: "Ольга", lastName: "Кузнецова",
            company: "Научно-производственное объединение «Прибор»", email: "o.kuznetsova@pribor.example", phone: "+7 383 330-12-34"),
        .init(
            file: "vcard/kde-30-lf.vcf", cards: 1, name: "Thomas", lastName: "Becker", company: "Becker IT-Beratung",
            email: "t.becker@kde-user.example", phone: "+49 170 5550123"),
        .init(
            file: "vcard/roundcube-30.vcf", cards: 2, name: "Giulia", lastName: "Rossi", company: "Rossi Arredamenti S.r.l.",
            email: "giulia@rossi-arredamenti.example", phone: "+39 02 1234 5678"),
        .init(
            file: "vcard/rfc6350-40-tel-uri.vcf", cards: 1, name: "Simon", lastName: "Perreault", company: "Viagenie",
            email: "simon.perreault@viagenie.ca", phone: "+1-418-656-9254;ext=102"),
        .init(
            file: "vcard/windows-1251.vcf", cards: 1, name: "Алексей", lastName: "Смирнов", company: "ЗАО \"Промтехснаб\"",
            email: "smirnov@promtech.example", phone: "+7 (343) 222-33-44"),
        .init(
            file: "vcard/koi8-r.vcf", cards: 1, name: "Екатерина", lastName: "Волкова", company: "Издательство Радуга",
            email: "volkova@raduga.example", phone: "+7 495 123-00-11"),
        .init(
            file: "vcard/iso-8859-1.vcf", cards: 1, name: "Hélène", lastName: "Lefèvre", company: "Société Générale d'Équipement",
            email: "helene.lefevre@sge.example", phone: "+33 1 42 68 53 00"),
        .init(
            file: "vcard/iso-8859-15.vcf", cards: 1, name: "Žofia", lastName: "Šimonová", company: "Œuvres Žák et Fils",
            email: "zofia@oeuvres.example", phone: "+421 2 5443 1234"),
        .init(
            file: "vcard/utf-16le-bom.vcf", cards: 1, name: "Zofia", lastName: "Nowak", company: "Łódzkie Zakłady Włókiennicze",
            email: "zofia.nowak@example.pl", phone: "+48 601 234 567"),
        .init(
            file: "vcard/utf-16be-bom.vcf", cards: 1, name: "Zofia", lastName: "Nowak", company: "Łódzkie Zakłady Włókiennicze",
            email: "zofia.nowak@example.pl", phone: "+48 601 234 567"),
        .init(
            file: "vcard/utf-16le-nobom.vcf", cards: 1, name: "Zofia", lastName: "Nowak", company: "Łódzkie Zakłady Włókiennicze",
            email: "zofia.nowak@example.pl", phone: "+48 601 234 567"),
        .init(
            file: "vcard/utf-16be-nobom.vcf", cards: 1, name: "Zofia", lastName: "Nowak", company: "Łódzkie Zakłady Włókiennicze",
            email: "zofia.nowak@example.pl", phone: "+48 601 234 567"),
        .init(
            file: "vcard/utf-8-bom.vcf", cards: 1, name: "Zofia", lastName: "Nowak", company: "Łódzkie Zakłady Włókiennicze",
            email: "zofia.nowak@example.pl", phone: "+48 601 234 567"),
        .init(
            file: "vcard/shift_jis-5c.vcf", cards: 1, name: "太郎", lastName: "山田", company: "ソニー能力開発", email: "taro.yamada@example.jp",
            phone: "090-1234-5678"),
        .init(
            file: "vcard/backslash-continuation-21.vcf", cards: 1, name: "Jane", lastName: "Doe", company: nil, email: "jane.doe@example.com",
            phone: "+1 212 555 0199"),
        .init(
            file: "vcard/junk-comments-blank-lines.vcf", cards: 2, name: "Peter", lastName: "Brown", company: nil, email: "peter.brown@example.co.uk",
            phone: nil),
        .init(file: "vcard/only-fn.vcf", cards: 5, name: "Jane", lastName: "Public", company: nil, email: nil, phone: nil),
        .init(
            file: "vcard/lowercase-grouped-display-email.vcf", cards: 1, name: "Ann", lastName: "Lee", company: nil, email: "ann.lee@example.com",
            phone: "+1 415 555 0142"),
        .init(
            file: "vcard/phones-ext-letters-pause.vcf", cards: 1, name: "Bob", lastName: "Vance", company: "Vance Refrigeration", email: nil,
            phone: "+1-418-656-9254;ext=102"),
        .init(
            file: "vcard/nested-agent.vcf", cards: 2, name: "Anna", lastName: "Manager", company: nil, email: "anna.manager@example.com",
            phone: "+1 555 0101"),
        .init(
            file: "vcard/gmail-30-last-card-no-end.vcf", cards: 2, name: "Carlos", lastName: "García", company: "Empresa Ejemplo S.L.",
            email: "carlos.garcia@empresa.example", phone: "+34 612 34 56 78"),
        .init(
            file: "vcard/nextcloud-30-fold-75-octets.vcf", cards: 3, name: "Σοφία", lastName: "Παπαδοπούλου",
            company: "Ελληνικά Ηλεκτρονικά Συστήματα Α.Ε.", email: "sofia.papadopoulou@example.gr", phone: "+30 691 234 5678"),
        .init(file: "vcard/im-web-address-only.vcf", cards: 5, name: nil, lastName: nil, company: nil, email: nil, phone: nil),
    ]

    @Test(arguments: expectations)
    func fixtureGivesTheContact(_ expected: Expected) throws {
        let cards = try CardFixture.cards(expected.file)
        #expect(cards.count == expected.cards)
        let lead = try #require(cards.first).lead
        #expect(lead["NAME"] == expected.name)
        #expect(lead["LAST_NAME"] == expected.lastName)
        #expect(lead["COMPANY_TITLE"] == expected.company)
        #expect(lead.entries(.email).first?.value == expected.email)
        #expect(lead.entries(.phone).first?.value == expected.phone)
        for card in cards {
            #expect(card.lead.problems().isEmpty, "\(card.lead.problems())")
            #expect(card.format == .vcard)
        }
    }

    @Test func photoIsSkippedAndTheSecondIPhoneCardReadsDespiteCRCRLF() throws {
        let cards = try CardFixture.cards("vcard/iphone-photo-crcrlf.vcf")
        #expect(cards[0].lead["ADDRESS_CITY"] == "Cupertino")
        #expect(cards[0].lead["POST"] == "Product Manager")
        #expect(cards[0].lead.entries(.phone).first?.valueType == "MOBILE")
        #expect(cards[1].lead["NAME"] == "Мария")
        #expect(cards[1].lead["COMPANY_TITLE"] == "ООО «Север»")
        #expect(!cards.contains { $0.lead.values.values.contains { $0.contains("/9j/") } })
    }

    @Test func quotedPrintableSoftBreaksJoinASplitCharacter() throws {
        let lead = try CardFixture.cards("vcard/android-21-qp.vcf")[0].lead
        #expect(lead["COMMENTS"] == "Встреча на выставке, стенд B12: интересуется оптовыми поставками")
        #expect(lead.entries(.phone).map(\.valueType) == ["MOBILE", "WORK"])
        #expect(lead.entries(.email).first?.valueType == "HOME")
    }

    @Test func outlookRawBytesQuotedPrintableAndEuroSign() throws {
        let lead = try CardFixture.cards("vcard/outlook-21-windows1252.vcf")[0].lead
        #expect(lead["POST"] == "Geschäftsführer")
        #expect(lead["ADDRESS"] == "Hauptstraße 5")
        #expect(lead["ADDRESS_CITY"] == "München")
        #expect(lead["COMMENTS"] == "Preis: 12 € pro Stück – „Angebot“")
    }

    @Test func foldsThatSplitUTF8AreJoinedBeforeDecoding() throws {
        let lead = try CardFixture.cards("vcard/evolution-30-folds.vcf")[0].lead
        #expect(lead["SECOND_NAME"] == "Сергеевна")
        #expect(
            lead["COMMENTS"]
                == "Просила прислать каталог продукции и прайс-лист на измерительные приборы до конца месяца\nDepartment: Лаборатория измерительной техники"
        )
    }

    /// The issue-19 export: folded every 75 octets inside Greek, Bopomofo and Cyrillic characters.
    @Test func ownCloudFoldsInsideCharactersKeepEveryValue() throws {
        let cards = try CardFixture.cards("vcard/nextcloud-30-fold-75-octets.vcf")
        let sofia = cards[0].lead
        #expect(cards[0].warnings.isEmpty)
        #expect(sofia["POST"] == "Διευθύντρια Πωλήσεων")
        #expect(sofia.entries(.phone) == [MultiFieldValue(value: "+30 691 234 5678", valueType: "MOBILE")])
        #expect(sofia["ADDRESS"] == "Λεωφόρος Βασιλίσσης Σοφίας 12")
        #expect(sofia["ADDRESS_CITY"] == "Αθήνα")
        #expect(sofia["ADDRESS_PROVINCE"] == "Αττική")
        #expect(sofia["ADDRESS_POSTAL_CODE"] == "106 74")
        #expect(sofia["ADDRESS_COUNTRY"] == "Ελλάδα")
        #expect(sofia.entries(.web) == [MultiFieldValue(value: "https://ees.example.gr/", valueType: "WORK")])
        #expect(sofia.entries(.im) == [MultiFieldValue(value: "sofia_pap", valueType: "TELEGRAM")])
        #expect(
            sofia["COMMENTS"] == """
                Γνωριστήκαμε στο περίπτερο Β12 της έκθεσης. Η συνάδελφός της 李美華 (ㄌㄧˇ ㄇㄟˇ ㄏㄨㄚˊ) θέλει κατάλογο. \
                Просит прислать каталог и прайс-лист до конца месяца.
                Department: Τμήμα Εξαγωγών προς Ταϊβάν και Ρωσία
                """)
        let meihua = cards[1].lead
        #expect((meihua["LAST_NAME"], meihua["NAME"]) == ("李", "美華"))
        #expect(meihua["COMPANY_TITLE"] == "台灣精密儀器股份有限公司 (ㄊㄞˊ ㄨㄢ ㄐㄧㄥ ㄇㄧˋ ㄧˊ ㄑㄧˋ)")
        #expect(meihua["COMMENTS"] == "注音：ㄌㄧˇ ㄇㄟˇ ㄏㄨㄚˊ. Говорит по-русски, просила каталог на русском и греческом языках.\nDepartment: 業務部")
        let orlov = cards[2]
        #expect(
            orlov.lead.entries(.im) == [
                MultiFieldValue(value: "dmitry.orlov.sales", valueType: "SKYPE"),
                MultiFieldValue(value: "d.orlov@jabber.example.ru", valueType: "JABBER"),
            ])
        #expect(orlov.lead["TITLE"] == "dmitry.orlov.sales (Skype)")
        #expect(
            orlov.warnings == [
                "vcard/nextcloud-30-fold-75-octets.vcf, card 3 has no name, company, phone or e-mail; it was titled \"dmitry.orlov.sales (Skype)\"."
            ])
    }

    @Test func cardsWithOnlyAMessengerWebPageOrAddressAreContacts() throws {
        let leads = try CardFixture.cards("vcard/im-web-address-only.vcf").map(\.lead)
        #expect(
            leads.map { $0.entries(.im) } == [
                [MultiFieldValue(value: "ann.lee.booth42", valueType: "SKYPE"), MultiFieldValue(value: "annlee_tg", valueType: "TELEGRAM")],
                [
                    MultiFieldValue(value: "pavel.sidorov@gmail.example", valueType: "JABBER"), MultiFieldValue(value: "123456789", valueType: "ICQ"),
                    MultiFieldValue(value: "pavel.s@hotmail.example", valueType: "MSN"),
                ],
                [], [],
                [MultiFieldValue(value: "olga.kuzmina.expo", valueType: "SKYPE"), MultiFieldValue(value: "id123456", valueType: "VK")],
            ])
        #expect(leads[2].entries(.web) == [MultiFieldValue(value: "https://www.stand-b12.example/kontakt", valueType: "WORK")])
        #expect(
            [
                leads[3]["ADDRESS"], leads[3]["ADDRESS_CITY"], leads[3]["ADDRESS_PROVINCE"], leads[3]["ADDRESS_POSTAL_CODE"],
                leads[3]["ADDRESS_COUNTRY"],
            ]
                == ["Hauptstraße 5", "München", "Bayern", "80331", "Deutschland"])
        #expect(
            leads.map { $0["TITLE"] } == [
                "ann.lee.booth42 (Skype)", "pavel.sidorov@gmail.example (Jabber)", "https://www.stand-b12.example/kontakt",
                "Hauptstraße 5, 80331 München, Bayern, Deutschland", "olga.kuzmina.expo (Skype)",
            ])
    }

    @Test func messengersAreTypedByPropertySchemeOrServiceName() {
        func im(_ line: String) -> [MultiFieldValue] {
            VCard.contact(from: [Array(line.utf8)], fallback: .utf8, honourCharset: true, card: "c").lead.entries(.im)
        }
        #expect(im("IMPP:skype:ann") == [MultiFieldValue(value: "ann", valueType: "SKYPE")])
        #expect(im("IMPP;X-SERVICE-TYPE=Telegram:x-apple:ann") == [MultiFieldValue(value: "ann", valueType: "TELEGRAM")])
        #expect(im("IMPP;TYPE=TELEGRAM:@ann") == [MultiFieldValue(value: "@ann", valueType: "TELEGRAM")])
        #expect(im("IMPP:xmpp:ann@example.org") == [MultiFieldValue(value: "ann@example.org", valueType: "JABBER")])
        #expect(im("IMPP;X-SERVICE-TYPE=Viber:x-apple:+491701234567") == [MultiFieldValue(value: "+491701234567", valueType: "VIBER")])
        #expect(im("IMPP:aim:ann") == [MultiFieldValue(value: "aim:ann", valueType: "OTHER")])
        #expect(im("X-GOOGLE-TALK:ann@gmail.example") == [MultiFieldValue(value: "ann@gmail.example", valueType: "JABBER")])
        #expect(im("X-TELEGRAM:ann") == [MultiFieldValue(value: "ann", valueType: "TELEGRAM")])
        #expect(im("X-QQ:12345") == [MultiFieldValue(value: "qq:12345", valueType: "OTHER")])
        #expect(im("X-SKYPE-USERNAME:ann") == [MultiFieldValue(value: "ann", valueType: "SKYPE")])
    }

    @Test func aSecondAddressIsKeptInComments() {
        let lines = ["ADR;TYPE=WORK:;;Main St 1;Springfield;;12345;USA", "ADR;TYPE=HOME:;;Elm St 2;Shelbyville;;54321;"].map { Array($0.utf8) }
        let lead = VCard.contact(from: lines, fallback: .utf8, honourCharset: true, card: "c").lead
        #expect((lead["ADDRESS"], lead["ADDRESS_CITY"], lead["ADDRESS_COUNTRY"]) == ("Main St 1", "Springfield", "USA"))
        #expect(lead["COMMENTS"] == "Address: Elm St 2, 54321, Shelbyville")
    }

    @Test func thunderbirdEscapesAreUndone() throws {
        let lead = try CardFixture.cards("vcard/thunderbird-40.vcf")[0].lead
        #expect(lead["COMMENTS"] == "Kontakt von der Messe, Halle 3\nRückruf erwünscht")
        #expect(lead.entries(.phone).map(\.valueType) == ["WORK", "MOBILE"])
    }

    @Test func shiftJISTrailBytes5CAreNotEscapes() throws {
        let lead = try CardFixture.cards("vcard/shift_jis-5c.vcf")[0].lead
        #expect(lead["POST"] == "代表")  // ends in 0x95 0x5C right before CRLF
        #expect(lead["COMMENTS"] == "展示会で名刺交換;ソフト")
        #expect(lead.entries(.email).first?.value == "taro.yamada@example.jp")  // not swallowed by a "continuation"
    }

    @Test func backslashContinuationJoinsTheNote() throws {
        let lead = try CardFixture.cards("vcard/backslash-continuation-21.vcf")[0].lead
        #expect(lead["COMMENTS"] == "First line of the note\nsecond line of the note")
    }

    @Test func fullNamesSplitByCulture() throws {
        let leads = try CardFixture.cards("vcard/only-fn.vcf").map(\.lead)
        #expect(leads[0]["SECOND_NAME"] == "Q.")
        #expect((leads[1]["LAST_NAME"], leads[1]["NAME"], leads[1]["SECOND_NAME"]) == ("Титов", "Глеб", "Андреевич"))
        #expect((leads[2]["LAST_NAME"], leads[2]["NAME"]) == ("山田", "太郎"))
        #expect((leads[3]["LAST_NAME"], leads[3]["NAME"]) == ("Smith", "John"))
        #expect(leads[4]["NAME"] == "Madonna")
    }

    @Test func companyCardKeepsItsNameAsCompanyNotPerson() throws {
        let cards = try CardFixture.cards("vcard/junk-comments-blank-lines.vcf")
        #expect(cards[1].lead["COMPANY_TITLE"] == "Acme Widgets Ltd")
        #expect(cards[1].lead["NAME"] == nil)
    }

    @Test func displayNameEmailsAndMailtoAreReducedToTheAddress() throws {
        let lead = try CardFixture.cards("vcard/lowercase-grouped-display-email.vcf")[0].lead
        #expect(lead.entries(.email).map(\.value) == ["ann.lee@example.com", "ann@home.example"])
    }

    @Test func oddPhonesAreKeptAsTypedWithWarnings() throws {
        let lead = try CardFixture.cards("vcard/phones-ext-letters-pause.vcf")[0].lead
        #expect(lead.entries(.phone).map(\.value) == ["+1-418-656-9254;ext=102", "+1-800-MYFAX", "+1 570 555 0100,,4421", "+1 570 555 0177 x 12"])
        #expect(lead.problems().isEmpty)
        #expect(
            lead.warnings().map(\.message) == [
                "The phone \"+1-418-656-9254;ext=102\" has an extension; it is saved as typed.",
                "The phone \"+1-800-MYFAX\" has letters; it is saved as typed.",
                "The phone \"+1 570 555 0100,,4421\" has pause characters; it is saved as typed.",
                "The phone \"+1 570 555 0177 x 12\" has an extension; it is saved as typed.",
            ])
    }

    @Test func nestedCardsAreNotCounted() throws {
        let cards = try CardFixture.cards("vcard/nested-agent.vcf")
        #expect(cards.map { $0.lead.entries(.phone).map(\.value) } == [["+1 555 0101"], []])
        #expect(cards[1].lead.entries(.email).first?.value == "dana@example.com")
    }

    @Test func lastCardWithoutEndIsRead() throws {
        let cards = try CardFixture.cards("vcard/gmail-30-last-card-no-end.vcf")
        #expect(cards[1].lead["NAME"] == "Lucía")
        #expect(cards[1].lead.entries(.email).first?.value == "lucia@example.es")
    }

    @Test func encodingOverrideIsUsedForValuesWithoutCharset() throws {
        // Read as windows-1251 on purpose: the KOI8-R bytes come out as other Cyrillic letters.
        let wrong = try CardFixture.cards("vcard/koi8-r.vcf", encoding: "windows-1251")[0].lead
        #expect(wrong["LAST_NAME"] != "Волкова")
        let right = try CardFixture.cards("vcard/koi8-r.vcf", encoding: "KOI8-R")[0].lead
        #expect(right["LAST_NAME"] == "Волкова")
    }

    @Test func fileWithoutCardsIsOneSentence() {
        #expect(throws: ContactInputError("f is empty; export the contacts again and give that file.")) {
            try ContactInput.cards(in: "\n\n", source: "f")
        }
        #expect(throws: ContactInputError.self) { try ContactInput.cards(in: "hello world", source: "f") }
        #expect(
            throws: ContactInputError(
                "f holds no card with a name, company, phone, e-mail, messenger, web page or address; check that the right file was exported.")
        ) {
            try ContactInput.cards(in: "BEGIN:VCARD\nVERSION:3.0\nEND:VCARD\n", source: "f")
        }
    }

    @Test func emptyCardsAmongGoodOnesAreSkippedWithAWarning() throws {
        let cards = try ContactInput.cards(in: "BEGIN:VCARD\nEND:VCARD\nBEGIN:VCARD\nFN:Ann Lee\nEND:VCARD\n", source: "f")
        #expect(cards.count == 1)
        #expect(cards[0].warnings == ["f, card 1 holds no name, company, phone, e-mail, messenger, web page or address and was skipped."])
    }
}
