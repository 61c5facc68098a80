/// Phone numbers on a card: the runs of digits and separators people print, the label before
/// each (`Tel.`, `M:`, `моб.`, `Handy`) giving VALUE_TYPE, an extension after (`ext. 12`, `доб. 12`).
///
/// A number is rewritten in E.164 only when nothing is left to guess (`CardPhone.e164`);
/// otherwise it is kept as printed, so a person can still read what the card said.
enum CardPhone {
    struct Found: Equatable {
        /// As printed, with OCR slips inside the digits mended (`(O)` → `(0)`).
        var printed: String
        var digits: String
        var extensionLabel: String?
        var extensionDigits: String?
        /// From the label before it; nil when it had none (a column of labels may give it).
        var valueType: String?
        var before: String
    }

    /// The numbers in `text`, and the text between them (labels taken out), in order.
    static func split(_ text: String) -> (numbers: [(before: String, number: Found)], rest: String) {
        let chars = Array(text)
        var numbers: [(String, Found)] = []
        var segmentStart = 0
        var index = 0
        while index < chars.count {
            guard startsNumber(chars, index) else {
                index += 1
                continue
            }
            let (runEnd, run) = numberRun(chars, from: index)
            let digits = String(run.filter { $0.isASCII && $0.isNumber })
            let before = String(chars[segmentStart..<index])
            // `D-80331`: a letter joined to digits by a dash is a country's postal prefix, not a label.
            let label = before.last == "-" ? nil : CardLabel.trailing(before)
            let labelType: String? = if case .phone(let type) = label?.label { type } else { nil }
            let isRegistration = label?.label == .registration
            var end = runEnd
            let after = String(chars[end...].prefix(40))
            let accepted =
                !isRegistration
                && (labelType != nil
                    ? (5...17).contains(digits.count)
                    : (7...15).contains(digits.count) && plausibleBare(run, digits: digits, after: after, before: before))
            guard accepted else {
                index = max(end, index + 1)
                continue
            }
            var found = Found(printed: String(run), digits: digits, valueType: labelType, before: labelType != nil ? label!.rest : before)
            if let (label, extDigits, extEnd) = phoneExtension(chars, from: end) {
                found.extensionLabel = label
                found.extensionDigits = extDigits
                end = extEnd
            }
            if found.valueType == nil, let (type, labelEnd) = labelAfter(chars, from: end) {
                found.valueType = type
                end = labelEnd
            }
            numbers.append((found.before, found))
            segmentStart = end
            index = end
        }
        return (numbers, String(chars[segmentStart...]))
    }

    private static func startsNumber(_ chars: [Character], _ i: Int) -> Bool {
        let ch = chars[i]
        if i > 0, chars[i - 1].isLetter || chars[i - 1].isNumber { return false }  // inside a word or a number already passed
        if ch.isASCII && ch.isNumber { return true }
        if ch == "(", i + 2 < chars.count, chars[i + 1] == "O" || chars[i + 1] == "o", chars[i + 2] == ")" { return true }  // `(O)30`
        if ch == "+" || ch == "(" {
            return i + 1 < chars.count && (chars[i + 1].isNumber || chars[i + 1] == " " && i + 2 < chars.count && chars[i + 2].isNumber)
        }
        return false
    }

    /// The run of digits and separators from `start` (OCR slips mended), trimmed of trailing separators.
    private static func numberRun(_ chars: [Character], from start: Int) -> (end: Int, run: [Character]) {
        var run: [Character] = []
        var i = start
        var lastGood = start
        var goodLength = 0
        while i < chars.count {
            let ch = chars[i]
            let previous = run.last
            let next = i + 1 < chars.count ? chars[i + 1] : nil
            if ch.isASCII && ch.isNumber {
                run.append(ch)
            } else if ch == "+" && run.isEmpty {
                run.append(ch)
            } else if " -‐–./()".contains(ch) {
                if ch == " ", next == " " { break }  // two spaces part columns
                run.append(ch == "‐" || ch == "–" ? "-" : ch)
            } else if ch == "O" || ch == "o", previous.map({ $0.isNumber || $0 == "(" || $0 == "-" }) ?? false,
                next.map({ $0.isNumber || $0 == ")" }) ?? false
            {
                run.append("0")
            } else if ch == "l" || ch == "I" || ch == "|", previous?.isNumber == true, next?.isNumber == true {
                run.append("1")
            } else {
                break
            }
            if run.last!.isNumber || run.last == ")" {
                lastGood = i + 1
                goodLength = run.count
            }
            i += 1
        }
        var kept = Array(run.prefix(goodLength))
        if kept.last == ")", kept.filter({ $0 == "(" }).count < kept.filter({ $0 == ")" }).count { kept.removeLast() }
        return (max(lastGood, start + 1), kept)
    }

    /// A bare number is a phone unless it reads as something else: a postal code and city
    /// (`12 80331 München`), a Japanese postal code (`100-0005`), a date.
    private static func plausibleBare(_ run: [Character], digits: String, after: String, before: String) -> Bool {
        let text = String(run)
        if text.hasPrefix("+") || text.hasPrefix("00") { return true }
        let groups = text.split(whereSeparator: { !$0.isNumber })
        if groups.count == 2, groups[0].count == 3, groups[1].count == 4, !text.hasPrefix("(") { return false }
        if groups.count == 3, text.contains("."), groups[2].count == 4, groups[0].count <= 2, groups[1].count <= 2 { return false }
        if let nextWord = after.trimmingSpaces.split(separator: " ").first, let first = nextWord.first, first.isUppercase,
            CardLabel.named(nextWord) == nil, groups.count <= 2
        {
            return false
        }
        if before.trimmingSpaces.last?.isLetter == true, groups.count <= 2, groups.last.map({ (4...6).contains($0.count) }) == true,
            !text.hasPrefix("(")
        {
            return false  // `Musterstraße 12 80331`, `г. Москва 123456`
        }
        return true
    }

    /// `+49 171 1234567 (mobil)`: a phone label in brackets after the number.
    private static func labelAfter(_ chars: [Character], from start: Int) -> (String, Int)? {
        var i = start
        while i < chars.count, chars[i] == " " { i += 1 }
        guard i < chars.count, chars[i] == "(", let close = chars[i...].prefix(16).firstIndex(of: ")"),
            case .phone(let type) = CardLabel.named(String(chars[(i + 1)..<close]))
        else { return nil }
        return (type, close + 1)
    }

    /// `ext. 12`, `x12`, `доб. 12`, `вн. 12`, `poste 12`, `Durchwahl 12` after a number; the
    /// word is kept as printed (with its dot), so the number reads as the card does.
    private static func phoneExtension(_ chars: [Character], from start: Int) -> (String, String, Int)? {
        var i = start
        while i < chars.count, chars[i] == " " || chars[i] == "," { i += 1 }
        let rest = String(chars[i...].prefix(16)).lowercased()
        for word in ["ext", "доб", "вн", "poste", "durchwahl", "dw", "apl", "x"] where rest.hasPrefix(word) {
            var j = i + word.count
            let dotted = j < chars.count && chars[j] == "."
            while j < chars.count, chars[j] == " " || chars[j] == ":" || chars[j] == "." { j += 1 }
            let digitStart = j
            while j < chars.count, chars[j].isASCII, chars[j].isNumber { j += 1 }
            guard (1...6).contains(j - digitStart), j == chars.count || !chars[j].isLetter else { return nil }
            return (String(chars[i..<(i + word.count)]) + (dotted ? "." : ""), String(chars[digitStart..<j]), j)
        }
        return nil
    }
}

/// What a card says about the country its numbers are dialled in.
struct PhoneContext: Equatable {
    /// Cyrillic on the card or a .ru/.рф/.su domain: `8 (495) …` is a Russian trunk prefix.
    var russian: Bool
    /// The calling code of the one country-code domain the card's addresses share, if any.
    var callingCode: String?

    /// Calling codes of country domains whose numbers are printed with a `0` trunk prefix
    /// (Spain has none: its 9 digits are taken whole).
    static let trunkCallingCodes: [String: String] = [
        "de": "49", "at": "43", "ch": "41", "fr": "33", "uk": "44", "it": "39", "nl": "31", "be": "32", "jp": "81", "es": "34",
    ]

    /// The context of a card from its text and the domains of its e-mails and web sites.
    static func of(text: String, domains: [String]) -> PhoneContext {
        let tlds = Set(domains.compactMap { $0.split(separator: ".").last.map { String($0).lowercased() } })
        let russian = text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } || !tlds.isDisjoint(with: ["ru", "рф", "su"])
        let codes = Set(tlds.compactMap { trunkCallingCodes[$0] })
        return PhoneContext(russian: russian, callingCode: codes.count == 1 ? codes.first : nil)
    }
}

extension CardPhone {
    /// The number in E.164 (`+4989123456`, an extension kept after it), or nil when that would be a guess:
    /// * printed with `+` or `00` and a country code (a `(0)` after it is the trunk prefix, dropped);
    /// * `8 (495) 123-45-67` / `7 …` of 11 digits on a Russian card;
    /// * `0…` on a card whose domains name one country with a trunk prefix (`030 1234567` beside `acme.de`).
    static func e164(_ found: Found, context: PhoneContext) -> String? {
        let printed = found.printed.replacing("(0)", with: "").replacing("( 0 )", with: "")
        let digits = printed.filter { $0.isASCII && $0.isNumber }
        var number: String?
        if printed.hasPrefix("+") {
            number = digits
        } else if digits.hasPrefix("00"), !digits.hasPrefix("000") {
            number = String(digits.dropFirst(2))
        } else if context.russian, digits.count == 11, digits.hasPrefix("8") || digits.hasPrefix("7") {
            number = "7" + digits.dropFirst()
        } else if let code = context.callingCode, code == "34", digits.count == 9, !digits.hasPrefix("0") {
            number = code + digits
        } else if let code = context.callingCode, code != "34", digits.hasPrefix("0"), !digits.hasPrefix("00"), (8...14).contains(digits.count) {
            number = code + digits.dropFirst()
        }
        guard let number, (8...15).contains(number.count), !number.hasPrefix("0") else { return nil }
        let whole = "+" + number
        guard let label = found.extensionLabel, let ext = found.extensionDigits else { return whole }
        return whole + " " + label + " " + ext
    }

    /// What is saved: the E.164 form when sure, else the number as printed (with its extension).
    static func value(_ found: Found, context: PhoneContext) -> String {
        if let e164 = e164(found, context: context) { return e164 }
        guard let label = found.extensionLabel, let ext = found.extensionDigits else { return found.printed.trimmingSpaces }
        return found.printed.trimmingSpaces + " " + label + " " + ext
    }
}
