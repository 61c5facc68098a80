import Testing

@testable import ContactInput
@testable import LeadCore

/// The business-card rules one at a time, each a table of lines as OCR returns them.
@Suite struct BusinessCardRuleTests {
    @Test(arguments: [
        ("anna.berg@example.com", "anna.berg@example.com"),
        ("E-mail: anna.berg@example.com", "anna.berg@example.com"),
        ("E: anna.berg@example.com.", "anna.berg@example.com"),
        ("Почта: anna@example.ru", "anna@example.ru"),
        ("эл. почта: anna@example.ru", "anna@example.ru"),
        ("anna . berg @ example . com", "anna.berg@example.com"),
        ("anna.berg(at)example.com", "anna.berg@example.com"),
        ("anna.berg [at] example [dot] com", "anna.berg@example.com"),
        ("anna.berg@example,com", "anna.berg@example.com"),
        ("anna.berg@examp1e.com", "anna.berg@example.com"),
        ("anna.berg@g0ogle.com", "anna.berg@google.com"),
        ("anna.berg@example.corn", "anna.berg@example.com"),
        ("аnna@ехample.ru", "anna@example.ru"),
        ("<anna@example.com>;", "anna@example.com"),
        ("info@acme-2000.de", "info@acme-2000.de"),
    ])
    func emails(_ line: String, _ expected: String) {
        #expect(BusinessCardText.read(text: line).lead.entries(.email).map(\.value) == [expected], "\(line)")
    }

    @Test(arguments: ["@twitterhandle", "anna@", "meet us @ booth 12", "a@b"])
    func notEmails(_ line: String) {
        #expect(BusinessCardText.read(text: line).lead.entries(.email).isEmpty, "\(line)")
    }

    /// Labels in English, Russian, German, French and Spanish; numbers kept as printed (no country is sure).
    @Test(arguments: [
        ("Mobile: 555 123 4567", "MOBILE"), ("mob. 555 123 4567", "MOBILE"), ("Cell 555 123 4567", "MOBILE"), ("M: 555 123 4567", "MOBILE"),
        ("Tel. 555 123 4567", "WORK"), ("T: 555 123 4567", "WORK"), ("Phone 555 123 4567", "WORK"), ("Direct: 555 123 4567", "WORK"),
        ("Fax 555 123 4567", "FAX"), ("F: 555 123 4567", "FAX"), ("Home: 555 123 4567", "HOME"), ("моб. 555 123 4567", "MOBILE"),
        ("тел.: 555 123 4567", "WORK"), ("факс 555 123 4567", "FAX"), ("раб. 555 123 4567", "WORK"), ("Mobil 555 123 4567", "MOBILE"),
        ("Handy: 555 123 4567", "MOBILE"), ("Telefon 555 123 4567", "WORK"), ("Telefax: 555 123 4567", "FAX"), ("Portable : 555 123 4567", "MOBILE"),
        ("Tél. : 555 123 4567", "WORK"), ("Móvil: 555 123 4567", "MOBILE"), ("Teléfono 555 123 4567", "WORK"), ("555 123 4567", "WORK"),
        ("555 123 4567 (mobil)", "MOBILE"), ("555 123 4567 (факс)", "FAX"),
    ])
    func phoneLabels(_ line: String, _ type: String) {
        let phones = BusinessCardText.read(text: line).lead.entries(.phone)
        #expect(phones == [MultiFieldValue(value: "555 123 4567", valueType: type)], "\(line)")
    }

    /// E.164 only when nothing is guessed: a printed country code, a Russian 8, one country domain.
    @Test(arguments: [
        ("Tel. +49 (0)30 1234567", "+49301234567"),
        ("Tel. 0049 30 1234567", "+49301234567"),
        ("Tel. +1 (703) 555-1259 ext. 12", "+17035551259 ext. 12"),
        ("Tel. 030 1234567", "030 1234567"),
        ("Tel. 030 1234567\nanna@acme.de", "+49301234567"),
        ("Tel. 030 1234567\nanna@acme.de\nwww.acme.fr", "030 1234567"),
        ("Tel. 030 1234567\nanna@gmail.com", "030 1234567"),
        ("тел. 8 (495) 123-45-67", "+74951234567"),
        ("Tel. 8 (495) 123-45-67", "8 (495) 123-45-67"),
        ("Tel. +7 (495) 123-45-67 доб. 123", "+74951234567 доб. 123"),
        ("Tel. (O)30 1234567", "(0)30 1234567"),
        ("Tel. 555-O123-4567 x 89", "555-0123-4567 x 89"),
    ])
    func phoneNormalisation(_ text: String, _ expected: String) {
        #expect(BusinessCardText.read(text: text).lead.entries(.phone).map(\.value) == [expected], "\(text)")
    }

    /// Numbers that are something else: postal codes, registration numbers, dates, a house number beside its city.
    @Test(arguments: ["Hauptstraße 12 80331 München", "ИНН 7701234567", "VAT DE123456789", "Tokyo 100-0005", "12.03.2024", "123456, г. Москва"])
    func notPhones(_ line: String) {
        #expect(BusinessCardText.read(text: line).lead.entries(.phone).isEmpty, "\(line)")
    }

    @Test(arguments: [
        ("www.acme.de", "WORK www.acme.de"), ("Web: https://acme.de/kontakt", "WORK https://acme.de/kontakt"),
        ("acme-robotics.com", "WORK acme-robotics.com"),
        ("www,acme.de", "WORK www.acme.de"), ("vk.com/acme", "VK vk.com/acme"), ("linkedin.com/in/anna", "OTHER linkedin.com/in/anna"),
        ("Сайт: техносервис.рф", "WORK техносервис.рф"),
    ])
    func webs(_ line: String, _ expected: String) {
        #expect(BusinessCardText.read(text: line).lead.entries(.web).map { "\($0.valueType) \($0.value)" } == [expected], "\(line)")
    }

    /// An e-mail's domain is not a web site unless the card prints it; legal forms and titles with dots are no domains.
    @Test func webIsOnlyWhatIsPrinted() {
        let reading = BusinessCardText.read(text: "Dipl.-Ing. Anna Berg\nAcme e.K.\nanna@acme.de")
        #expect(reading.lead.entries(.web).isEmpty)
        #expect(reading.lead["COMPANY_TITLE"] == "Acme e.K.")
    }

    @Test(
        arguments: [
            ("Hauptstraße 5, 10115 Berlin", "Hauptstraße 5", "10115", "Berlin", nil),
            ("D-80331 München", nil, "D-80331", "München", nil),
            ("1000 Main Street, Boston, MA 02110", "1000 Main Street", "02110", "Boston", nil),
            ("10 Downing Street, London SW1A 2AA, United Kingdom", "10 Downing Street", "SW1A 2AA", "London", "United Kingdom"),
            ("8 rue Lafayette, 75009 Paris, France", "8 rue Lafayette", "75009", "Paris", "France"),
            ("Calle Mayor 3, 28013 Madrid", "Calle Mayor 3", "28013", "Madrid", nil),
            ("101000, Россия, г. Москва, ул. Мясницкая, д. 1", "ул. Мясницкая, д. 1", "101000", "Москва", "Россия"),
        ] as [(String, String?, String, String, String?)])
    func addresses(_ line: String, _ street: String?, _ postal: String, _ city: String, _ country: String?) {
        let lead = BusinessCardText.read(text: line).lead
        #expect(lead["ADDRESS"] == street, "\(line)")
        #expect(lead["ADDRESS_POSTAL_CODE"] == postal, "\(line)")
        #expect(lead["ADDRESS_CITY"] == city, "\(line)")
        #expect(lead["ADDRESS_COUNTRY"] == country, "\(line)")
    }

    @Test(arguments: ["|||", "l", "~ ~", "Il", "—", "• •", "ee Wi", "©"])
    func noise(_ line: String) {
        let reading = BusinessCardText.read(text: line + "\nanna@acme.de")
        #expect(reading.fields.map(\.name) == ["EMAIL"], "\(line)")
        #expect(reading.lead["COMMENTS"] == nil, "\(line)")
        #expect(reading.warnings.contains { $0.contains("noise") }, "\(line)")
    }

    @Test(arguments: [
        ("CEO", true), ("Head of Sales", true), ("Geschäftsführer", true), ("Vertriebsleiter", true), ("генеральный директор", true),
        ("менеджер по продажам", true), ("Directeur commercial", true), ("Jefe de ventas", true), ("営業部長", true), ("Anna Berg", false),
        ("Acme GmbH", false), ("Innovation that moves", false),
    ])
    func posts(_ line: String, _ isPost: Bool) {
        #expect(CardLineClassifier.isPost(line) == isPost, "\(line)")
    }

    @Test(
        arguments: [
            ("Dr. Hans Meier", "Hans", "Meier", "Dr."), ("Prof. Dr. Eva Schulz", "Eva", "Schulz", "Prof. Dr."),
            ("Dipl.-Ing. (FH) Jan Kolb", "Jan", "Kolb", "Dipl.-Ing. (FH)"), ("Mr. John Smith, PhD", "John", "Smith", "Mr. PhD"),
            ("Ludwig van Beethoven", "Ludwig", "Beethoven", nil), ("Prof. Dr.-Ing. habil. Hans Weber", "Hans", "Weber", "Prof. Dr.-Ing. habil."),
            ("Dr. med. Anna Schmidt", "Anna", "Schmidt", "Dr. med."),
        ] as [(String, String, String, String?)])
    func namesKeepTitlesApart(_ line: String, _ first: String, _ last: String, _ titles: String?) {
        let lead = BusinessCardText.read(text: line + "\nManaging Director").lead
        #expect(lead["NAME"] == first, "\(line)")
        #expect(lead["LAST_NAME"] == last, "\(line)")
        #expect(lead["HONORIFIC"] == nil)
        #expect(lead["COMMENTS"] == titles, "\(line)")
    }

    /// Russian cards print the surname first as often as last; a surname ending tells which.
    @Test(arguments: [
        ("Соколова Мария", "Мария", "Соколова"), ("Мария Соколова", "Мария", "Соколова"), ("Бельский Андрей", "Андрей", "Бельский"),
        ("Лев Толстой", "Лев", "Толстой"), ("Ирина Ким", "Ирина", "Ким"), ("Иванов Петров", "Иванов", "Петров"),
    ])
    func russianNameOrder(_ line: String, _ first: String, _ last: String) {
        let lead = BusinessCardText.read(text: line + "\nменеджер").lead
        #expect(lead["NAME"] == first, "\(line)")
        #expect(lead["LAST_NAME"] == last, "\(line)")
    }

    @Test(arguments: [
        ("Acme Solutions GmbH", "GmbH"), ("Foo Ltd", "Ltd"), ("Bar LLC", "LLC"), ("Baz Inc.", "Inc."), ("Qux S.A.", "S.A."), ("Tapas S.L.", "S.L."),
        ("Technik KG", "KG"), ("Siemens AG", "AG"), ("ООО Ромашка", "ООО"), ("АО Вектор", "АО"), ("ЗАО Север", "ЗАО"), ("ИП Петров", "ИП"),
        ("株式会社サンプル", "株式会社"),
    ])
    func legalForms(_ line: String, _ form: String) {
        #expect(CardLineClassifier.hasLegalForm(line), "\(form)")
        #expect(BusinessCardText.read(text: line + "\nanna@example.org").lead["COMPANY_TITLE"] == line)
    }
}
