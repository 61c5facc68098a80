import Testing

@testable import ContactInput
@testable import LeadCore

/// Lines exactly as Tesseract 5 (`-l eng+deu+rus`, TSV words joined per line, mean word
/// confidence) recognised them on phone photos of cards — the photos made by `scripts/card-photos
/// --seed 21` (cards 001, 004, 006, 016, 021, 023: real fonts, skew, shadow, JPEG) — with the
/// slips it really makes: `|` from a rule, a space for a dot in `redstone io`, a domain cut short,
/// `{r` for `fr`, `Schafer` for `Schäfer`, a legal form alone on a line, a UK postcode run together.
@Suite struct BusinessCardTesseractTests {
    static func lines(_ rows: [(Double, String)]) -> [RecognisedLine] {
        rows.map { RecognisedLine(text: $0.1, confidence: $0.0) }
    }

    @Test func card001GermanRuleBeforeTheEmail() {
        let reading = BusinessCardText.read(
            lines: Self.lines([
                (0.97, "Lukas Kruger"), (0.54, "Projektingenieur"), (0.96, "Tel. +49 40 1608 8699"), (0.96, "Fax +49 40 4848 2222"),
                (0.84, "| krueger@elbtal-solar.de"), (0.91, "www.elbtal-solar.de"), (0.95, "Königsallee 12, 40212 Düsseldorf"),
            ]))
        let lead = reading.lead
        #expect((lead["NAME"], lead["LAST_NAME"], lead["POST"]) == ("Lukas", "Kruger", "Projektingenieur"))
        #expect(reading.fields(named: "POST").first?.isUnsure == true)  // read at 0.54
        #expect(lead.entries(.phone) == [.init(value: "+494016088699", valueType: "WORK"), .init(value: "+494048482222", valueType: "FAX")])
        #expect(lead.entries(.email).map(\.value) == ["krueger@elbtal-solar.de"])
        #expect((lead["ADDRESS"], lead["ADDRESS_POSTAL_CODE"], lead["ADDRESS_CITY"]) == ("Königsallee 12", "40212", "Düsseldorf"))
        CardInvariants.check(reading, text: reading.text)
    }

    @Test func card004MixedSpacesForDots() {
        let reading = BusinessCardText.read(
            lines: Self.lines([
                (0.96, "Redstone Analytics"), (0.96, "Елена Кузнецова"), (0.96, "Chief Executive Officer"), (0.94, "Tel. +44 20 5092 7899"),
                (0.50, "elena xuznetsova@redstone Jo"), (0.91, "www.redstone io"), (0.94, "48 Harbour Road, Bristol BS15TT"),
            ]))
        let lead = reading.lead
        #expect((lead["NAME"], lead["LAST_NAME"], lead["COMPANY_TITLE"]) == ("Елена", "Кузнецова", "Redstone Analytics"))
        #expect(lead.entries(.web).map(\.value) == ["www.redstone.io"])
        #expect(lead.entries(.phone).map(\.value) == ["+442050927899"])
        // The local part lost its dot and a letter: what is left is kept, and marked unsure.
        #expect(reading.fields(named: "EMAIL").allSatisfy { $0.isUnsure })
        #expect((lead["ADDRESS"], lead["ADDRESS_POSTAL_CODE"], lead["ADDRESS_CITY"]) == ("48 Harbour Road", "BS1 5TT", "Bristol"))
        CardInvariants.check(reading, text: reading.text)
    }

    /// Card 005 is printed in two columns (company left, name and title right); Tesseract read
    /// them into shared lines. The company's first word is set apart from the name.
    @Test func card005TwoColumnsReadIntoOneLine() {
        let reading = BusinessCardText.read(
            lines: Self.lines([
                (0.97, "Redstone Michael Harris"), (0.96, "Analytics Sales Manager"), (0.97, "2040 7519"), (0.92, "mi hael-harris@redstone.io"),
                (0.75, "www.redstone.io"), (0.92, "9 Albion Place, Leeds LS1 6JL"),
            ]))
        let lead = reading.lead
        #expect((lead["NAME"], lead["LAST_NAME"]) == ("Michael", "Harris"))
        #expect(lead["COMPANY_TITLE"] == "Redstone")
        #expect((lead["ADDRESS"], lead["ADDRESS_POSTAL_CODE"], lead["ADDRESS_CITY"]) == ("9 Albion Place", "LS1 6JL", "Leeds"))
        CardInvariants.check(reading, text: reading.text)
    }

    /// Card 007 (Russian, two columns) as leadbox's own pipeline read it: the company's first line
    /// and the name share a line; `Факс` is read right, and card 018's `Fax` as Cyrillic `Рах`.
    @Test func card007NameOnTheCompanysLineAndFaxInCyrillic() {
        let reading = BusinessCardText.read(
            lines: Self.lines([
                (0.71, "ооо ee Дмитрий Волков"), (0.88, "ветер»"), (0.95, "Менеджер по продажам"), (0.96, "Тел. +7 495 610-59-49"),
                (0.93, "Рах +7 495 729-58-77"), (0.94, "dmitry.volkov@severveter.ru"), (0.92, "www.severveter.ru"),
                (0.93, "ул. Гагарина, д. 14, Казань, 420015"), (0.31, "в"),
            ]))
        let lead = reading.lead
        #expect((lead["NAME"], lead["LAST_NAME"], lead["POST"]) == ("Дмитрий", "Волков", "Менеджер по продажам"))
        #expect(lead.entries(.phone) == [.init(value: "+74956105949", valueType: "WORK"), .init(value: "+74957295877", valueType: "FAX")])
        #expect((lead["ADDRESS"], lead["ADDRESS_POSTAL_CODE"], lead["ADDRESS_CITY"]) == ("ул. Гагарина, д. 14", "420015", "Казань"))
        CardInvariants.check(reading, text: reading.text)
    }

    /// Cards 012 and 020 as leadbox's pipeline read them: the web site's last dot lost, a UK postcode's 5 read as S.
    @Test func card012And020LostDotAndLetterForDigit() {
        let russian = BusinessCardText.read(
            lines: Self.lines([
                (0.95, "ООО «Северный ветер»"), (0.96, "Дмитрий Волков"), (0.95, "Менеджер по продажам"), (0.95, "Тел. +7 495 317-78-76"),
                (0.95, "Моб. +7 495 479-75-47"), (0.93, "dmitry.volkov@severveter.ru"), (0.90, "www.severveterru"),
                (0.93, "ул. Ленина, д. 5, Москва, 125009"),
            ]))
        #expect(russian.lead.entries(.web).map(\.value) == ["www.severveter.ru"])
        #expect(russian.lead.entries(.phone).map(\.valueType) == ["WORK", "MOBILE"])
        #expect(russian.lead["COMMENTS"] == nil)
        CardInvariants.check(russian, text: russian.text)
        let english = BusinessCardText.read(
            lines: Self.lines([
                (0.96, "Redstone Analytics"), (0.96, "David Clarke"), (0.95, "Key Account Manager"), (0.95, "Tel. +44 20 1476 3842"),
                (0.93, "d.clarke@redstone.io"), (0.92, "www.redstone.io"), (0.90, "48 Harbour Road, Bristol BS1 STT"),
            ]))
        #expect(
            (english.lead["ADDRESS"], english.lead["ADDRESS_POSTAL_CODE"], english.lead["ADDRESS_CITY"]) == ("48 Harbour Road", "BS1 5TT", "Bristol"))
        #expect(english.lead["POST"] == "Key Account Manager")
        CardInvariants.check(english, text: english.text)
    }

    @Test func card006DomainCutShortIsCompletedFromTheWebSite() {
        let reading = BusinessCardText.read(
            lines: Self.lines([
                (0.96, "Hansa Maschinenbau GmbH"), (0.96, "Stefan Weiß"), (0.96, "Geschäftsführer"), (0.97, "Tel. +49 40 7885 2763"),
                (0.97, "Mobil +49 40 2246 2201"), (0.92, "stefan.weiss@hansa-maschinenb de"), (0.92, "www.hansa-maschinenbau.de"),
                (0.95, "Lindenweg 3, 80331 München"),
            ]))
        let lead = reading.lead
        #expect(lead.entries(.email).map(\.value) == ["stefan.weiss@hansa-maschinenbau.de"])
        #expect(
            (lead["NAME"], lead["LAST_NAME"], lead["POST"], lead["COMPANY_TITLE"]) == ("Stefan", "Weiß", "Geschäftsführer", "Hansa Maschinenbau GmbH")
        )
        #expect(lead.entries(.phone).map(\.valueType) == ["WORK", "MOBILE"])
        CardInvariants.check(reading, text: reading.text)
    }

    @Test func card016LegalFormOnALineOfItsOwn() {
        let reading = BusinessCardText.read(
            lines: Self.lines([
                (0.95, "Elbtal Solar"), (0.97, "AG"), (0.96, "Lukas Kruger"), (0.96, "Geschäftsführer"), (0.96, "Tel. +49 40 6857 7844"),
                (0.96, "Mobil +49 40 1562 9166"), (0.96, "Fax +49 40 1760 7620"), (0.82, "lukas.krueger@elbtal-solar.de"),
                (0.90, "www.elbtal-solar.de"),
                (0.93, "Lindenweg 3, 80331 Mü"),
            ]))
        let lead = reading.lead
        #expect(lead["COMPANY_TITLE"] == "Elbtal Solar AG")
        #expect(lead.entries(.phone).map(\.valueType) == ["WORK", "MOBILE", "FAX"])
        #expect((lead["ADDRESS"], lead["ADDRESS_POSTAL_CODE"], lead["ADDRESS_CITY"]) == ("Lindenweg 3", "80331", "Mü"))
        CardInvariants.check(reading, text: reading.text)
    }

    @Test func card021GermanCompoundTitle() {
        let reading = BusinessCardText.read(
            lines: Self.lines([
                (0.97, "Katrin Schafer"), (0.93, "Projektingenieur"), (0.97, "Hansa Maschinenbau GmbH"), (0.97, "Tel. +49 40 2388 8971"),
                (0.96, "Fax +49 40 3734 9991"), (0.96, "Mobil +49 40 2975 1145"), (0.92, "katrin.schaefer@hansa-maschinenbau.de"),
                (0.92, "www.hansa-maschinenbau.de"), (0.92, "Lindenweg 3, 80331 Munchen"),
            ]))
        let lead = reading.lead
        #expect(
            (lead["NAME"], lead["LAST_NAME"], lead["POST"], lead["COMPANY_TITLE"]) == (
                "Katrin", "Schafer", "Projektingenieur", "Hansa Maschinenbau GmbH"
            ))
        #expect(reading.fields(named: "COMPANY_TITLE").first!.confidence > 0.9)  // legal form and domain agree
        #expect(lead.entries(.phone).map(\.valueType) == ["WORK", "FAX", "MOBILE"])
        CardInvariants.check(reading, text: reading.text)
    }

    @Test func card023FrenchTopLevelDomainMisread() {
        let reading = BusinessCardText.read(
            lines: Self.lines([
                (0.95, "Lumiere Conseil SARL"), (0.96, "Camille Moreau"), (0.94, "Directeur général"), (0.93, "Tel. +33 136 78 3199"),
                (0.94, "Portable +33 1 11 75 80 74"), (0.95, "Fax +33 1 91 40 91 65"), (0.38, "e.moreau@lumiere-conseil{r"),
                (0.76, "www.lumiere-conseil.fr"), (0.95, "25 avenue Jean Medecin, 06000 Nice"), (0.89, "camill"),
            ]))
        let lead = reading.lead
        #expect(
            (lead["NAME"], lead["LAST_NAME"], lead["POST"], lead["COMPANY_TITLE"]) == (
                "Camille", "Moreau", "Directeur général", "Lumiere Conseil SARL"
            ))
        #expect(lead.entries(.email).map(\.value) == ["e.moreau@lumiere-conseil.fr"])
        #expect(reading.fields(named: "EMAIL").first?.isUnsure == true)
        #expect(lead.entries(.phone).map(\.value) == ["+33136783199", "+33111758074", "+33191409165"])
        #expect(lead["COMMENTS"] == "camill")
        CardInvariants.check(reading, text: reading.text)
    }
}
