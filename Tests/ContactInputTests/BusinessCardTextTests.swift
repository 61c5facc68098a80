import Testing

@testable import ContactInput
@testable import LeadCore

/// A card's recognised text and what the reader must make of it.
struct CardCase: Sendable, CustomTestStringConvertible {
    var id: String
    var text: String
    /// Lead values that must be exactly these (NAME, LAST_NAME, POST, COMPANY_TITLE, ADDRESS_CITY…).
    var values: [String: String] = [:]
    /// Every phone, as "TYPE value", in card order.
    var phones: [String] = []
    var emails: [String] = []
    /// Every web address, as "TYPE value".
    var webs: [String] = []
    /// Text COMMENTS must hold (what no rule placed).
    var comments: [String] = []
    var testDescription: String { id }

    /// Reads the card and checks it, plus what holds for every card: the lead is valid, every
    /// field comes from the text, and COMMENTS is never filled without a warning.
    func check() {
        let reading = BusinessCardText.read(text: text)
        let lead = reading.lead
        for (field, value) in values.sorted(by: { $0.key < $1.key }) {
            #expect(lead[field] == value, "\(id): \(field)")
        }
        #expect(lead.entries(.phone).map { "\($0.valueType) \($0.value)" } == phones, "\(id): phones")
        #expect(lead.entries(.email).map(\.value) == emails, "\(id): e-mails")
        #expect(lead.entries(.web).map { "\($0.valueType) \($0.value)" } == webs, "\(id): web")
        for comment in comments {
            #expect(lead["COMMENTS"]?.contains(comment) == true, "\(id): COMMENTS should hold \(comment); it is \(lead["COMMENTS"] ?? "empty")")
        }
        CardInvariants.check(reading, text: text)
    }
}

/// What every reading keeps to, whatever the text.
enum CardInvariants {
    static func check(_ reading: BusinessCardReading, text: String) {
        #expect(reading.lead.problems().isEmpty, "\(reading.lead.problems()) for \(text.prefix(80).debugDescription)")
        for field in reading.fields {
            #expect((0...1).contains(field.confidence), "\(field)")
            #expect(comesFrom(field, text), "\(field.name) \(field.value.debugDescription) is not in \(text.prefix(200).debugDescription)")
        }
        if reading.lead["COMMENTS"] != nil {
            #expect(reading.warnings.contains { $0.contains("COMMENTS") }, "COMMENTS filled without a warning")
        }
    }

    /// Whether the field's letters and digits stand in the text in order, OCR look-alikes taken
    /// as one (`(at)` gives `@`, `0` and `O`, `1` and `l`, Cyrillic `о` and Latin `o`). A phone
    /// in E.164 may carry a country code the card left to its context: its first three digits are spared.
    static func comesFrom(_ field: CardField, _ text: String) -> Bool {
        if field.name == "EMAIL", let at = field.value.firstIndex(of: "@") {  // a domain may be completed from the web site printed before it
            return isSubsequence(skeleton(String(field.value[..<at])), of: skeleton(text))
                && isSubsequence(skeleton(String(field.value[at...])), of: skeleton(text))
        }
        var value = skeleton(field.value)
        if field.name == "PHONE", field.value.hasPrefix("+") { value = Array(value.dropFirst(max(0, min(3, value.count - 7)))) }
        return isSubsequence(value, of: skeleton(text))
    }

    /// Letters and digits, scalar by scalar (a control character dropped between two scalars
    /// must not make them one character), lower-cased, look-alikes as one.
    static func skeleton(_ text: String) -> [Character] {
        let alike: [Character: Character] = [
            "0": "o", "1": "l", "i": "l", "|": "l", "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "к": "k", "м": "m",
            "т": "t", "в": "b", "н": "h",
        ]
        return text.unicodeScalars.flatMap { scalar -> [Character] in
            guard scalar.properties.isAlphabetic || scalar.properties.numericType != nil || scalar == "|" else { return [] }
            return String(scalar).lowercased().map { alike[$0] ?? $0 }
        }
    }

    static func isSubsequence(_ needle: [Character], of haystack: [Character]) -> Bool {
        var index = haystack.startIndex
        for ch in needle {
            guard let found = haystack[index...].firstIndex(of: ch) else { return false }
            index = found + 1
        }
        return true
    }
}

/// English cards. The first three are the example inputs of the "business card OCR" exercise
/// (README of 123digits/business-card-ocr, the Asymmetrik brief), the rest are written after
/// cards as `tesseract` 5 reads them: column gaps kept as runs of spaces, logos read as strokes,
/// `0` for `O`, spaced-out e-mails, labels in a column of their own.
@Suite struct BusinessCardTextTests {
    static let cards: [CardCase] = [
        CardCase(
            id: "asymmetrik-1, company in capitals first",
            text: "ASYMMETRIK LTD\nMike Smith\nSenior Software Engineer\n(410)555-1234\nmsmith@asymmetrik.com\n",
            values: ["NAME": "Mike", "LAST_NAME": "Smith", "POST": "Senior Software Engineer", "COMPANY_TITLE": "ASYMMETRIK LTD"],
            phones: ["WORK (410)555-1234"], emails: ["msmith@asymmetrik.com"]),
        CardCase(
            id: "asymmetrik-2, title above the name, fax",
            text: """
                Foobar Technologies
                Analytic Developer
                Lisa Haung
                1234 Sentry Road
                Columbia, MD 12345
                Phone: 410-555-1234
                Fax: 410-555-4321
                lisa.haung@foobartech.com

                """,
            values: [
                "NAME": "Lisa", "LAST_NAME": "Haung", "POST": "Analytic Developer", "COMPANY_TITLE": "Foobar Technologies",
                "ADDRESS": "1234 Sentry Road", "ADDRESS_CITY": "Columbia", "ADDRESS_PROVINCE": "MD", "ADDRESS_POSTAL_CODE": "12345",
            ],
            phones: ["WORK 410-555-1234", "FAX 410-555-4321"], emails: ["lisa.haung@foobartech.com"]),
        CardCase(
            id: "asymmetrik-3, department and company, suite",
            text: """
                Arthur Wilson
                Software Engineer
                Decision & Security Technologies
                ABC Technologies
                123 North 11th Street
                Suite 229
                Arlington, VA 22209
                Tel: +1 (703) 555-1259
                Fax: +1 (703) 555-1200
                awilson@abctech.com

                """,
            values: [
                "NAME": "Arthur", "LAST_NAME": "Wilson", "POST": "Software Engineer", "COMPANY_TITLE": "ABC Technologies",
                "ADDRESS": "123 North 11th Street, Suite 229", "ADDRESS_CITY": "Arlington", "ADDRESS_POSTAL_CODE": "22209",
            ],
            phones: ["WORK +17035551259", "FAX +17035551200"], emails: ["awilson@abctech.com"], comments: ["Decision & Security Technologies"]),
        CardCase(
            id: "two columns kept apart by spaces",
            text: """
                Jane Doe                      +1 415 555 0132
                Chief Technology Officer      jane@brightlabs.io
                BRIGHT LABS INC.              www.brightlabs.io
                San Francisco, CA 94107
                """,
            values: [
                "NAME": "Jane", "LAST_NAME": "Doe", "POST": "Chief Technology Officer", "COMPANY_TITLE": "BRIGHT LABS INC.",
                "ADDRESS_CITY": "San Francisco", "ADDRESS_POSTAL_CODE": "94107",
            ],
            phones: ["WORK +14155550132"], emails: ["jane@brightlabs.io"], webs: ["WORK www.brightlabs.io"]),
        CardCase(
            id: "two columns merged into single-spaced lines",
            text: "Jane Doe +1 415 555 0132\nChief Technology Officer jane@brightlabs.io\nBRIGHT LABS INC. www.brightlabs.io\n",
            values: ["NAME": "Jane", "LAST_NAME": "Doe", "POST": "Chief Technology Officer", "COMPANY_TITLE": "BRIGHT LABS INC."],
            phones: ["WORK +14155550132"], emails: ["jane@brightlabs.io"], webs: ["WORK www.brightlabs.io"]),
        CardCase(
            id: "two columns read as one line each: name and title run together, © read for @",
            text: """
                Mike Smith Senior Software Engineer
                ASYMMETRIK LTD Tel 410 555 1234
                msmith©asymmetrik.com www.asymmetrik.com
                """,
            values: ["NAME": "Mike", "LAST_NAME": "Smith", "POST": "Senior Software Engineer", "COMPANY_TITLE": "ASYMMETRIK LTD"],
            phones: ["WORK 410 555 1234"], emails: ["msmith@asymmetrik.com"], webs: ["WORK www.asymmetrik.com"]),
        CardCase(
            id: "logo text first, slogan, name at the bottom",
            text: """
                ~ ACME ~
                acme robotics
                Innovation that moves.
                Phone 617.555.0199
                Cell 617.555.0142
                E info@acmerobotics.com
                W acmerobotics.com
                Dana K. Whitfield
                VP Engineering
                """,
            values: ["NAME": "Dana", "SECOND_NAME": "K.", "LAST_NAME": "Whitfield", "POST": "VP Engineering", "COMPANY_TITLE": "acme robotics"],
            phones: ["WORK 617.555.0199", "MOBILE 617.555.0142"], emails: ["info@acmerobotics.com"], webs: ["WORK acmerobotics.com"],
            comments: ["Innovation that moves."]),
        CardCase(
            id: "UK card read with slips: J0HN, spaced e-mail, (0) trunk",
            text: """
                J0HN O'CONNOR
                Senior Account Manager
                NorthStar Logistics Ltd
                T: +44 (0)20 7946 0958
                M: +44 (0) 7700 900123
                E: j.oconnor @ northstar-logistics . co . uk
                Unit 4, Riverside Park
                Manchester M17 1AA
                """,
            values: [
                "NAME": "JOHN", "LAST_NAME": "O'CONNOR", "POST": "Senior Account Manager", "COMPANY_TITLE": "NorthStar Logistics Ltd",
                "ADDRESS": "Unit 4, Riverside Park", "ADDRESS_CITY": "Manchester", "ADDRESS_POSTAL_CODE": "M17 1AA",
            ],
            phones: ["WORK +442079460958", "MOBILE +447700900123"], emails: ["j.oconnor@northstar-logistics.co.uk"]),
        CardCase(
            id: "labels in a column of their own, values below",
            text: """
                GREENFIELD ENERGY
                Marcus Lee
                Project Manager
                T
                F
                M
                E
                (02) 9555 0100
                (02) 9555 0101
                0412 345 678
                marcus.lee@greenfield.com.au
                """,
            values: ["NAME": "Marcus", "LAST_NAME": "Lee", "POST": "Project Manager", "COMPANY_TITLE": "GREENFIELD ENERGY"],
            phones: ["WORK (02) 9555 0100", "FAX (02) 9555 0101", "MOBILE 0412 345 678"], emails: ["marcus.lee@greenfield.com.au"]),
        CardCase(
            id: "name in capitals, (at), extension, trailing semicolon",
            text: """
                MARIA GARCIA
                Marketing Director
                Blue Harbor Consulting LLC
                maria.garcia(at)blueharbor.com;
                office: 212-555-0147 ext. 23
                direct: 212-555-0148
                """,
            values: ["NAME": "MARIA", "LAST_NAME": "GARCIA", "POST": "Marketing Director", "COMPANY_TITLE": "Blue Harbor Consulting LLC"],
            phones: ["WORK 212-555-0147 ext. 23", "WORK 212-555-0148"], emails: ["maria.garcia@blueharbor.com"]),
        CardCase(
            id: "P.O. box, degree after the name, p and f labels",
            text: """
                »
                ROBERT CHEN, CPA
                Chen & Associates, Inc.
                Certified Public Accountants
                P.O. Box 1234
                Austin, TX 78767
                p 512.555.0100  f 512.555.0101
                rchen@chencpa.com  chencpa.com
                """,
            values: [
                "NAME": "ROBERT", "LAST_NAME": "CHEN", "COMPANY_TITLE": "Chen & Associates, Inc.", "ADDRESS": "P.O. Box 1234",
                "ADDRESS_CITY": "Austin", "ADDRESS_PROVINCE": "TX",
            ],
            phones: ["WORK 512.555.0100", "FAX 512.555.0101"], emails: ["rchen@chencpa.com"], webs: ["WORK chencpa.com"],
            comments: ["Certified Public Accountants", "CPA"]),
        CardCase(
            id: "Japanese company, English side",
            text: """
                SONY
                Sony Corporation
                Taro Yamada
                General Manager, Business Development
                1-7-1 Konan, Minato-ku, Tokyo 108-0075 Japan
                Tel: +81-3-6748-2111  Fax: +81-3-6748-2244
                Mobile: +81-90-1234-5678
                taro.yamada@sony.com
                """,
            values: [
                "NAME": "Taro", "LAST_NAME": "Yamada", "POST": "General Manager, Business Development", "COMPANY_TITLE": "Sony Corporation",
                "ADDRESS": "1-7-1 Konan, Minato-ku", "ADDRESS_CITY": "Tokyo", "ADDRESS_POSTAL_CODE": "108-0075", "ADDRESS_COUNTRY": "Japan",
            ],
            phones: ["WORK +81367482111", "FAX +81367482244", "MOBILE +819012345678"], emails: ["taro.yamada@sony.com"], comments: ["SONY"]),
        CardCase(
            id: "Japanese side: 株式会社, 営業部長, TEL and FAX on one line",
            text: """
                株式会社サンプル商事
                営業部長
                山田 太郎
                Taro Yamada
                〒100-0005 東京都千代田区丸の内1-1-1
                TEL 03-1234-5678 FAX 03-1234-5679
                yamada@sample-shoji.co.jp
                """,
            values: ["NAME": "Taro", "LAST_NAME": "Yamada", "POST": "営業部長", "COMPANY_TITLE": "株式会社サンプル商事", "ADDRESS_POSTAL_CODE": "〒100-0005"],
            phones: ["WORK +81312345678", "FAX +81312345679"], emails: ["yamada@sample-shoji.co.jp"], comments: ["山田 太郎"]),
    ]

    @Test(arguments: cards) func reads(_ card: CardCase) {
        card.check()
    }

    @Test func fieldsCarryTheLineConfidence() {
        let reading = BusinessCardText.read(lines: [
            RecognisedLine(text: "Mike Smith", confidence: 0.95),
            RecognisedLine(text: "Senior Software Engineer", confidence: 0.9),
            RecognisedLine(text: "msmith@asymmetrik.com", confidence: 0.5),
        ])
        #expect(reading.text == "Mike Smith\nSenior Software Engineer\nmsmith@asymmetrik.com")
        let email = reading.fields(named: "EMAIL").first
        #expect(email?.confidence == 0.5)
        #expect(email?.isUnsure == true)
        let name = reading.fields(named: "NAME").first
        #expect(name?.isUnsure == false)
        #expect(reading.fields.map(\.name) == ["NAME", "LAST_NAME", "POST", "EMAIL"])
    }

    @Test func hintsThatAgreeRaiseTheCompanysConfidence() {
        let both = BusinessCardText.read(text: "Foobar GmbH\nanna@foobar.de").fields(named: "COMPANY_TITLE").first
        let legalFormOnly = BusinessCardText.read(text: "Foobar GmbH\nanna@example.org").fields(named: "COMPANY_TITLE").first
        let capitalsOnly = BusinessCardText.read(text: "FOOBAR\nanna@example.org").fields(named: "COMPANY_TITLE").first
        #expect(both!.confidence > legalFormOnly!.confidence)
        #expect(legalFormOnly!.confidence > capitalsOnly!.confidence)
        #expect(capitalsOnly!.isUnsure)
    }

    @Test func nothingReadableIsDroppedWithoutAWord() {
        let reading = BusinessCardText.read(text: "|||\nl\nWe make it happen!\nanna@foobar.de")
        #expect(reading.lead["COMMENTS"] == "We make it happen!")
        #expect(reading.warnings.contains { $0.contains("\"We make it happen!\"") && $0.contains("COMMENTS") })
        #expect(reading.warnings.contains { $0.contains("2 bits") && $0.contains("noise") })
        #expect(reading.fields.map(\.name) == ["EMAIL"])
    }

    /// What the recogniser barely believed and no rule wanted (a logo read as letters) is noise; a
    /// contact on such a line is still read, and unsure.
    @Test func barelyRecognisedLeftoversAreNoise() {
        let reading = BusinessCardText.read(lines: [
            RecognisedLine(text: "Sae eer ENS", confidence: 0.2),
            RecognisedLine(text: "Anna Berg", confidence: 0.9),
            RecognisedLine(text: "anna@berg.de", confidence: 0.3),
            RecognisedLine(text: "Quality since 1921", confidence: 0.8),
        ])
        #expect(reading.lead["COMMENTS"] == "Quality since 1921")
        #expect(reading.warnings.contains { $0.contains("\"Sae eer ENS\"") && $0.contains("noise") })
        #expect(reading.fields(named: "EMAIL").first?.isUnsure == true)
    }

    @Test func aCardWithNothingToNameSomeoneIsStillSaved() {
        let reading = BusinessCardText.read(text: "Quality since 1921\n~~~")
        #expect(reading.lead["TITLE"] == "Business card")
        #expect(reading.lead["COMMENTS"] == "Quality since 1921")
        #expect(reading.lead.problems().isEmpty)
    }
}
