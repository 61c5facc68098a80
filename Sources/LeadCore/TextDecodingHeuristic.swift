/// The legacy-encoding guess for bytes that are not UTF-8: read them in each likely charset and
/// keep the reading whose words look most like words.
///
/// Candidates, in order of preference on a tie: Windows-1252, Windows-1251, KOI8-R,
/// ISO-8859-15, Shift_JIS — the encodings contact files from Western, Russian and Japanese
/// machines arrive in. Each reading is scored word by word, looking only at characters that came
/// from non-ASCII bytes:
/// * a word mixing scripts (`Mьller`, `Иванoв` with a Latin o) is wrong;
/// * a cased word must be lower, Upper-first or UPPER (a wrong Cyrillic table gives `иБЮМНБ`);
/// * a Latin word made mostly of accented letters (`Èâàíîâ`, Russian read as Western) is wrong;
/// * Russian letters count for a reading by how common they are, rare ones against it (the two
///   Cyrillic tables swap letters, so the wrong one is full of `ъ ю щ э`);
/// * C1 control characters, half-width katakana and symbols inside a word are wrong.
/// A reading with no good characters, or more wrong ones than good ones, is no reading at all:
/// the caller then asks for `--encoding` instead of guessing.
enum LegacyGuess {
    static let candidates: [Charset] = [.single(.windows1252), .single(.windows1251), .single(.koi8R), .single(.iso8859_15), .shiftJIS]

    struct Reading {
        let charset: Charset
        let text: String
        let good: Int
        let bad: Int
        var score: Int { good - 3 * bad }
    }

    /// The most plausible reading, or nil when none is plausible.
    static func best(_ bytes: [UInt8]) -> Reading? {
        var best: Reading?
        for charset in candidates {
            guard let text = charset.decode(bytes[...]) else { continue }
            let (good, bad) = plausibility(text)
            let reading = Reading(charset: charset, text: text, good: good, bad: bad)
            if best == nil || reading.score > best!.score { best = reading }
        }
        guard let best, best.good > 0, best.bad <= best.good else { return nil }
        return best
    }

    /// (good, bad) counts of the non-ASCII characters in `text`, as described above.
    static func plausibility(_ text: String) -> (good: Int, bad: Int) {
        var good = 0, bad = 0
        var word: [Unicode.Scalar] = []
        func finishWord() {
            defer { word.removeAll(keepingCapacity: true) }
            let foreign = word.filter { !$0.isASCII }
            guard !foreign.isEmpty else { return }
            let scripts = Set(word.compactMap(Script.init))
            if scripts.count > 1 { bad += foreign.count; return }
            if !casePatternIsPlausible(word) { bad += foreign.count; return }
            switch scripts.first {
            case .latin:
                let letters = word.filter { $0.properties.isAlphabetic }.count
                if word.count >= 3, foreign.count * 2 > letters { bad += foreign.count } else { good += foreign.count }
            case .cyrillic:
                for scalar in foreign {
                    switch RussianLetters.frequency(scalar) {
                    case .common: good += 2
                    case .ordinary: good += 1
                    case .rare: bad += 1
                    }
                }
            case .japanese: good += foreign.count
            case .halfwidthKatakana, nil: bad += foreign.count
            }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (0x80..<0xA0).contains(value) || value == 0xFFFD { bad += 2; finishWord(); continue }
            if scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark || scalar == "'" {
                word.append(scalar)
            } else if !scalar.isASCII, !word.isEmpty, !scalar.properties.isWhitespace,
                      ![Unicode.Scalar("’"), "‘", "–", "—", "«", "»", "„", "“", "”", "…", "·", "№"].contains(scalar) {
                bad += 1  // a symbol glued to a letter: `Ä¦`, `¤ñ`
                finishWord()
            } else {
                finishWord()
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

        static func frequency(_ scalar: Unicode.Scalar) -> Frequency {
            let lower = String(scalar).lowercased()
            if "оеаинтсрвлкмдпу".contains(lower) { return .common }
            if "ъёщэфцюѓђўєїіґ".contains(lower) { return .rare }
            return .ordinary
        }
    }
}
