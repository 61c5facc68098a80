import Foundation
import Testing

@testable import ContactInput
@testable import LeadCore

/// Random text, cuts and corruptions of the card fixtures, unicode garbage and huge input: the
/// reader never traps or hangs, and every field it makes stands in the text it was given.
@Suite struct BusinessCardPropertyTests {
    static var fixtures: [String] {
        (BusinessCardTextTests.cards + BusinessCardEuropeTests.cards + BusinessCardRussianTests.cards).map(\.text)
    }

    /// Reads `text` both ways and checks what holds for every card (`CardInvariants`), within a bound.
    static func exercise(_ text: String, seconds: Double = 1) {
        let clock = ContinuousClock()
        let start = clock.now
        let reading = BusinessCardText.read(text: text)
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated().map {
            RecognisedLine(text: String($1), confidence: [0, 0.3, 0.99, 1, .nan, -2, 7][$0 % 7])
        }
        let weighed = BusinessCardText.read(lines: lines)
        #expect(clock.now - start < .seconds(seconds), "\(text.prefix(80).debugDescription)")
        CardInvariants.check(reading, text: text)
        CardInvariants.check(weighed, text: text)
        #expect(reading.lead.entries(.email).allSatisfy { EmailAddress.looksValid($0.value) })
    }

    /// Pieces cards are made of, and what breaks parsers: combining marks, CJK, RTL, emoji, controls, lone `@`.
    static let alphabet: [String] = [
        "@", ".", ",", ":", "+", "(", ")", "-", "/", " ", "  ", "\n", "\r\n", "\t", "|", "0", "1", "7", "8", "49", "(0)", "Tel.", "M:", "E-mail:",
        "www.", ".com", ".ru", "GmbH", "ООО", "«", "»", "г.", "ул.", "д.", "Str.", "Dr.", "Anna", "Иванов", "Петрович", "CEO", "директор", "ext.",
        "доб.", "(at)", "[dot]", "株式会社", "営業部長", "〒", "\u{0301}", "\u{200B}", "\u{FEFF}", "\u{202E}", "👩🏽‍💼", "\u{0000}", "\u{001B}", "\u{7F}",
        "\u{00A0}", "ß", "İ", "ﬁ", "١٢٣", "Ⅻ", "①", "\u{D7FF}", "\u{10FFFF}",
    ]

    @Test func randomText() {
        var random = SeededRandom(seed: 21)
        for _ in 0..<400 {
            let count = Int.random(in: 0...80, using: &random)
            var text = ""
            for _ in 0..<count {
                if Int.random(in: 0..<4, using: &random) == 0 {
                    text.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: 0x20...0x2FFF, using: &random)) ?? " ")
                } else {
                    text += Self.alphabet.randomElement(using: &random)!
                }
            }
            Self.exercise(text)
        }
    }

    @Test func cutsAndCorruptionsOfRealCards() {
        var random = SeededRandom(seed: 2026)
        for card in Self.fixtures {
            let characters = Array(card)
            for _ in 0..<20 {
                var cut = Array(characters.prefix(Int.random(in: 0...characters.count, using: &random))).map(String.init)
                for _ in 0..<Int.random(in: 0...3, using: &random) where !cut.isEmpty {
                    cut[Int.random(in: 0..<cut.count, using: &random)] = Self.alphabet.randomElement(using: &random)!
                }
                Self.exercise(cut.joined())
            }
        }
    }

    /// Many lines, one endless line, a wall of digits, a wall of `@`: answered within seconds, the rest kept with a word.
    @Test func hugeInput() {
        let manyLines = String(repeating: "Anna Berg GmbH +49 30 1234567 anna@acme.de\n", count: 5000)
        Self.exercise(manyLines, seconds: 5)
        #expect(BusinessCardText.read(text: manyLines).warnings.contains { $0.contains("longer than a card") })
        Self.exercise(String(repeating: "a", count: 1 << 20), seconds: 5)
        Self.exercise(String(repeating: "1 ", count: 100_000), seconds: 5)
        Self.exercise(String(repeating: "@.", count: 100_000), seconds: 5)
        Self.exercise(String(repeating: "(at) ", count: 50_000), seconds: 5)
    }
}
