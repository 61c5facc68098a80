import LeadCore

/// The legacy-encoding guess for bytes that are not UTF-8: read them in each likely charset and
/// keep the reading whose words look most like words.
///
/// Candidates, in order of preference on a tie: Windows-1252, Windows-1251, KOI8-R,
/// ISO-8859-15, Shift_JIS — the encodings contact files from Western, Russian and Japanese
/// machines arrive in. Each reading is scored word by word, looking only at characters that came
/// from non-ASCII bytes:
/// * a word mixing scripts (`Mьller`, `Иванoв` with a Latin o) is wrong;
/// * a cased word must be lower, Upper-first or UPPER (a wrong Cyrillic table gives `иБЮМНБ`);
/// * a Latin word of four letters or more, over two thirds accented (`Èâàíîâ`, Russian read as
///   Western), is wrong;
/// * Russian letters count for a reading by how common they are, rare ones against it (the two
///   Cyrillic tables swap letters, so the wrong one is full of `ъ ю щ э`);
/// * C1 control characters, half-width katakana and symbols inside a word are wrong.
/// A reading with no good characters, or more wrong ones than good ones, is no reading at all:
/// the caller then asks for `--encoding` instead of guessing.
enum LegacyGuess {
    static let candidates: [Charset] = [.single(.windows1252), .single(.windows1251), .single(.koi8R), .single(.iso8859_15), .shiftJIS]

    /// Non-ASCII punctuation real text puts next to words.
    static let punctuation: Set<Unicode.Scalar> = ["’", "‘", "–", "—", "«", "»", "„", "“", "”", "…", "·", "№", "\u{A0}"]

    struct Reading {
        let charset: Charset
        let text: String
        let good: Int
        let bad: Int
        var score: Int { good - 3 * bad }
    }

    /// How much is read to judge: enough words for a clear answer, little enough that a megabyte
    /// costs no more than a page.
    static let sampleBytes = 4 * 1024

    /// The lines that hold non-ASCII bytes (only they tell the charsets apart), up to
    /// `sampleBytes`. Lines are cut at line feeds, a byte no multi-byte character here contains.
    static func sample(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.count > sampleBytes else { return bytes }
        var sample: [UInt8] = []
        var start = 0
        while start < bytes.count, sample.count < sampleBytes {
            let end = bytes[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? bytes.count
            if let high = bytes[start..<end].firstIndex(where: { $0 >= 0x80 }) {
                // From a little before the first non-ASCII byte (all ASCII, so no character is cut).
                let from = max(start, high - 64)
                sample += bytes[from..<min(end, from + sampleBytes)]
            }
            start = end
        }
        return sample
    }

    /// The most plausible reading, or nil when none is plausible.
    static func best(_ bytes: [UInt8]) -> Reading? {
        let sample = sample(bytes)[...]
        var readings: [Reading] = []
        for charset in candidates {
            guard let text = charset.decode(sample) else { continue }
            let (good, bad) = plausibility(text)
            readings.append(Reading(charset: charset, text: text, good: good, bad: bad))
        }
        // Stable: on a tie the earlier candidate wins.
        for reading in readings.enumerated().sorted(by: { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }).map(\.element) {
            guard reading.good > 0, reading.bad <= reading.good else { return nil }
            if sample.count == bytes.count { return reading }
            if let text = reading.charset.decode(bytes[...]) {
                return Reading(charset: reading.charset, text: text, good: reading.good, bad: reading.bad)
            }
        }
        return nil
    }

    /// (good, bad) counts of the non-ASCII characters in `text`, as described above.
    static func plausibility(_ text: String) -> (good: Int, bad: Int) {
        var good = 0
        var bad = 0
        var word: [Unicode.Scalar] = []
        func finishWord() {
            defer { word.removeAll(keepingCapacity: true) }
            let foreign = word.filter { !$0.isASCII }
            guard !foreign.isEmpty else { return }
            let scripts = Set(word.compactMap(Script.init))
            if scripts.count > 1 {
                bad += foreign.count
                return
            }
            if !casePatternIsPlausible(word) {
                bad += foreign.count
                return
            }
            switch scripts.first {
            case .latin:
                let letters = word.filter { $0.properties.isAlphabetic }.count
                // Russian read as Western is all accents (`Èâàíîâ`); French `été`, `Élé` is not wrong.
                if letters >= 4, foreign.count * 3 > letters * 2 { bad += foreign.count } else { good += foreign.count }
            case .cyrillic:
                for scalar in foreign {
                    switch RussianLetters.frequency(scalar) {
                    case .common: good += 2
                    case .ordinary: good += 1
                    case .rare: bad += 1
                    }
                }
            case .japanese: good += 2 * foreign.count  // two bytes each, as the letters of a wrong reading are one
            case .halfwidthKatakana, nil: bad += foreign.count
            }
        }
        var symbolBefore = false  // a non-ASCII symbol just before: `¦imon` is Š read wrongly
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (0x80..<0xA0).contains(value) || value == 0xFFFD {
                bad += 2
                finishWord()
                symbolBefore = false
                continue
            }
            if scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark || scalar == "'" {
                if symbolBefore, word.isEmpty { bad += 1 }
                symbolBefore = false
                word.append(scalar)
            } else if !scalar.isASCII, !scalar.properties.isWhitespace, !Self.punctuation.contains(scalar) {
                if !word.isEmpty { bad += 1 }  // a symbol glued to a letter: `Ä¦`, `¤ñ`
                finishWord()
                symbolBefore = true
            } else {
                finishWord()
                symbolBefore = false
            }
        }
        finishWord()
        return (good, bad)
    }

    /// lower, Upper-first or UPPER; ASCII-only words are never judged.
    private static func casePatternIsPlausible(_ word: [Unicode.Scalar]) -> Bool {
        let cased = word.filter { $0.properties.isUppercase || $0.properties.isLowercase }
        guard cased.count > 1 else { return true }
        let rest = cased.dropFirst()
        return rest.allSatisfy(\.properties.isLowercase) || cased.allSatisfy(\.properties.isUppercase)
    }

    enum Script {
        case latin, cyrillic, japanese, halfwidthKatakana

        init?(_ scalar: Unicode.Scalar) {
            guard scalar.properties.isAlphabetic else { return nil }
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x1E00...0x1EFF: self = .latin
            case 0x400...0x52F: self = .cyrillic
            case 0x3040...0x30FF, 0x3400...0x9FFF, 0xFF10...0xFF5A, 0x3005, 0x3006: self = .japanese
            case 0xFF61...0xFF9F: self = .halfwidthKatakana
            default: return nil
            }
        }
    }

    /// How often a letter appears in Russian text (upper or lower case).
    enum RussianLetters {
        enum Frequency { case common, ordinary, rare }

        static let common = letters("оеаинтсрвлкмдпу")
        static let rare = letters("ъёщэфцюѓђўєїіґ")

        static func frequency(_ scalar: Unicode.Scalar) -> Frequency {
            common.contains(scalar) ? .common : rare.contains(scalar) ? .rare : .ordinary
        }

        private static func letters(_ lower: String) -> Set<Unicode.Scalar> {
            Set(lower.unicodeScalars).union(lower.uppercased().unicodeScalars)
        }
    }
}
