import Testing

@testable import LeadCore

@Suite struct ValidationTests {
    @Test func aLeadNeedsSomethingIdentifying() {
        var lead = Lead()
        lead["COMMENTS"] = "met at the booth"
        #expect(lead.problems().map(\.message) == ["A lead needs at least one of title, name, last name, company, phone or e-mail."])
        lead["NAME"] = "Глеб"
        #expect(lead.problems().isEmpty)
    }

    @Test(arguments: ["a@b.co", "gleb.titov@пример.рф", "x+tag@sub.example.com"])
    func goodEmails(_ address: String) {
        #expect(EmailAddress.looksValid(address))
    }

    @Test(arguments: ["", "a@b", "a b@c.de", "@x.com", "a@.com", "a@b.c", "a@@b.com", "a@b..com", "a.@b.com"])
    func badEmails(_ address: String) {
        #expect(!EmailAddress.looksValid(address))
    }

    @Test(arguments: ["+7 (495) 123-45-67", "12345", "+1.555.123.4567", "8-800-555-35-35"])
    func goodPhones(_ phone: String) {
        #expect(PhoneNumber.looksValid(phone))
    }

    @Test(arguments: ["1234", "123456789012345678901", "+7 495 abc", "7+123456", "555#1234"])
    func badPhones(_ phone: String) {
        #expect(!PhoneNumber.looksValid(phone))
    }

    @Test func phonesAreStoredAsTyped() throws {
        var lead = Lead()
        try lead.set(field: "phone", to: "+7 (495) 123-45-67:mobile")
        #expect(lead.entries(.phone) == [MultiFieldValue(value: "+7 (495) 123-45-67", valueType: "MOBILE")])
    }

    @Test func scalarRules() throws {
        func message(_ field: String, _ value: String) throws -> String? {
            var lead = Lead(values: ["NAME": "x"])
            try lead.set(field: field, to: value)
            return lead.problems().first?.message
        }
        #expect(try message("OPPORTUNITY", "-5")?.contains("non-negative number") == true)
        #expect(try message("OPPORTUNITY", "12500.50") == nil)
        #expect(try message("CURRENCY_ID", "usd") == nil)
        #expect(try message("CURRENCY_ID", "US") != nil)
        #expect(try message("BIRTHDATE", "2023-02-29")?.contains("real date") == true)
        #expect(try message("BIRTHDATE", "2024-02-29") == nil)
        #expect(try message("OPENED", "yes")?.contains("Y or N") == true)
        #expect(try message("ASSIGNED_BY_ID", "abc") != nil)
    }

    @Test func valueTypesAreChecked() throws {
        var lead = Lead(values: ["NAME": "x"])
        try lead.set(field: "EMAIL", to: "a@b.com:CELL")
        #expect(lead.problems().first?.message.contains("EMAIL type must be one of WORK, HOME, MAILING, OTHER") == true)
    }

    @Test func unknownFieldsNameTheClosestKnownOne() {
        var lead = Lead()
        #expect(throws: LeadInputError("There is no lead field \"SOURCEID\"; did you mean SOURCE_ID?")) {
            try lead.set(field: "SOURCEID", to: "WEB")
        }
    }

    @Test func syncFieldsCannotBeTyped() {
        var lead = Lead()
        #expect(throws: LeadInputError.self) { try lead.set(field: "ORIGIN_ID", to: "x") }
        #expect(throws: LeadInputError.self) { try lead.set(field: "originator_id", to: "x") }
    }

    @Test func customFieldsAreAccepted() throws {
        var lead = Lead()
        try lead.set(field: "UF_CRM_BADGE_ID", to: "B-17")
        #expect(lead["UF_CRM_BADGE_ID"] == "B-17")
    }

    @Test func longFieldsAreRefusedAbove64KiB() {
        let lead = Lead(values: ["NAME": "x", "COMMENTS": String(repeating: "я", count: 40_000)])
        #expect(lead.problems().first?.message == "COMMENTS is longer than 64 KiB; shorten it.")
        let fits = Lead(values: ["NAME": "x", "COMMENTS": String(repeating: "я", count: 32_768)])
        #expect(fits.problems().isEmpty)
    }

    @Test func titleIsBuiltFromNameAndCompany() {
        var lead = Lead(values: ["NAME": "Глеб", "LAST_NAME": "Титов", "COMPANY_TITLE": "ИП Титов"])
        lead.fillTitleIfEmpty()
        #expect(lead["TITLE"] == "Глеб Титов — ИП Титов")
    }

    @Test func eventDefaultsNeverOverrideTypedValues() {
        var lead = Lead(values: ["SOURCE_ID": "WEB"])
        lead.applyDefaults(["SOURCE_ID": "TRADE_SHOW", "UTM_SOURCE": "expo"])
        #expect(lead["SOURCE_ID"] == "WEB")
        #expect(lead["UTM_SOURCE"] == "expo")
    }

    @Test func controlCharactersAreEscapedForTheTerminal() {
        #expect("a\u{1B}[31mb\n".escapedForTerminal == "a\\e[31mb\\n")
        #expect("Привет 🙂".escapedForTerminal == "Привет 🙂")
    }

    @Test func fieldsJSONRoundTrips() throws {
        var lead = Lead()
        try lead.set(field: "NAME", to: "Глеб")
        try lead.set(field: "PHONE", to: "+7 999:MOBILE")
        try lead.set(field: "CONTACT_IDS", to: "3, 5")
        try lead.set(field: "REGISTER_SONET_EVENT", to: "Y")
        let again = Lead(fieldsJSON: lead.fieldsJSON, optionsJSON: lead.optionsJSON)
        #expect(again == lead)
    }
}

/// Bitrix24 writes its validation messages as HTML fragments; people read them in a terminal.
@Suite struct PortalTextTests {
    @Test(arguments: [
        ("The required field 'Lead Name' is missing.<br />", "The required field 'Lead Name' is missing."),
        ("Field &quot;E-mail&quot; is invalid.<br>Field &laquo;Phone&raquo; too.<br/>", "Field \"E-mail\" is invalid.\nField «Phone» too."),
        ("<b>Access</b> denied &amp; logged &#8212; &#x41;", "Access denied & logged — A"),
        ("plain text stays", "plain text stays"),
        ("a &bogus; and &#xZZ; stay", "a &bogus; and &#xZZ; stay"),
        ("unclosed <tag and > later", "unclosed later"),
        ("", ""),
    ])
    func portalHTMLBecomesPlainText(_ input: String, _ expected: String) {
        #expect(PortalText.plain(input) == expected)
    }

    @Test func oneLineJoinsLines() {
        #expect(PortalText.oneLine("a<br>b<br />") == "a b")
    }

    /// The ASCII fast paths of the e-mail and phone checks agree with the character-level rules
    /// on random ASCII text (seeded) built from the characters those rules care about.
    @Test func asciiFastPathsAgreeWithTheUnicodeRules() {
        var random = SeededRandom(seed: 0xA5C11)
        let pieces = [
            "a", "Z", "0", "9", "@", ".", "-", "_", "+", " ", "\t", "\r\n", ",", ";", "<", ">", "\u{7F}", "\u{01}",
            "ab", "example", "com", "..", "@@", "x-", "-y", "(", ")",
        ]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(EmailAddress.looksValid(text) == EmailAddress.looksValidUnicode(text), "\(text.debugDescription)")
            #expect(PhoneNumber.isAcceptable(text) == PhoneNumber.isAcceptableUnicode(text), "\(text.debugDescription)")
        }
        #expect(EmailAddress.looksValid("Gleb.Titov+booth@Sub.Example.COM"))
        #expect(!EmailAddress.looksValid("a@b.c"))
    }
}
