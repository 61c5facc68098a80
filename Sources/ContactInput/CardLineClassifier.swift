import Foundation

/// What a line of a card's text (contacts already taken out) is: a job title, a company, a
/// person's name. Each answer comes with how sure it is (see `CardCertainty`).
enum CardLineClassifier {
    /// The words of a line as the vocabulary compares them: folded, without the punctuation around them.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" || $0 == ")" || $0 == "/" || $0 == "«" || $0 == "»" || $0 == "\"" })
            .map { CardVocabulary.folded(String($0)).trimming(":;!?") }
            .filter { !$0.isEmpty }
    }

    /// Whether the line names a job: a title word in any of the card languages.
    static func isPost(_ text: String) -> Bool {
        let words = words(text)
        if words.contains(where: { CardVocabulary.matches($0, in: foldedTitleWords) }) { return true }
        if words.contains(where: { word in CardVocabulary.germanTitleEndings.contains { word.count > $0.count + 2 && word.hasSuffix($0) } }) {
            return true
        }
        let joined = words.joined(separator: " ")
        return ["head of", "key account", "business development", "managing director", "account executive"].contains { joined.contains($0) }
    }

    static func hasLegalForm(_ text: String) -> Bool {
        if text.contains("株式会社") || text.contains("有限会社") { return true }
        if mendedRussianLegalForm(text) != nil { return true }
        return words(text).contains { CardVocabulary.legalForms.contains($0) || CardVocabulary.legalForms.contains($0.trimming(".")) }
            || text.contains("GmbH") || text.contains("S.A.") || text.contains("Co.,")
    }

    /// `000 «Северный ветер»`: ООО read as zeros (or Latin O) before a name; the line with ООО restored.
    static func mendedRussianLegalForm(_ text: String) -> String? {
        for misread in ["000", "OOO", "0OO", "O0O", "OO0", "00O", "0O0", "O00"] where text.hasPrefix(misread + " ") {
            let rest = text.dropFirst(4)
            guard rest.contains(where: { "«\"„".contains($0) || ("\u{0400}"..."\u{04FF}").contains($0) }) else { return nil }
            return "ООО " + rest
        }
        return nil
    }

    /// How much the line looks like a company, from independent hints that strengthen each other,
    /// or nil when none applies.
    static func companyCertainty(_ text: String, domains: [String]) -> Double? {
        var hints: [Double] = []
        let words = words(text)
        if hasLegalForm(text) {
            hints.append(CardCertainty.companyLegalForm)
        } else if words.contains(where: CardVocabulary.companyWords.contains) {
            hints.append(CardCertainty.companyWord)
        }
        switch domainMatch(text, domains: domains) {
        case .exact: hints.append(CardCertainty.companyDomainExact)
        case .partial: hints.append(CardCertainty.companyDomainPartial)
        case nil: break
        }
        let letters = text.filter(\.isLetter)
        if letters.count >= 2, letters.allSatisfy({ $0.isUppercase || !$0.isCased }), letters.contains(where: \.isCased), words.count <= 6 {
            hints.append(CardCertainty.companyCapitals)
        }
        return hints.isEmpty ? nil : CardCertainty.combined(hints)
    }

    enum DomainMatch { case exact, partial }

    /// Whether the line spells a company domain (`Acme Robotics` ~ `acmerobotics.com`,
    /// `International Business Machines` ~ `ibm.com`) or part of one (`Foobar Technologies` ~
    /// `foobartech.com`). Free-mail domains say nothing.
    static func domainMatch(_ text: String, domains: [String]) -> DomainMatch? {
        var best: DomainMatch?
        for spelling in [text.lowercased(), germanSpelling(text.lowercased())] {
            let significant = CardVocabulary.folded(spelling).split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == ".") })
                .map(String.init).filter { !CardVocabulary.legalForms.contains($0) && !CardVocabulary.legalForms.contains($0.trimming(".")) }
            let compact = latin(significant.joined()).filter { $0.isLetter || $0.isNumber }
            let initials = String(significant.compactMap { latin($0).first })
            guard compact.count >= 2 else { continue }
            for domain in domains {
                guard let sld = companyName(ofDomain: domain) else { continue }
                if compact == sld || initials.count >= 3 && initials == sld { return .exact }
                if sld.count >= 4, compact.hasPrefix(sld) || compact.count >= 4 && sld.hasPrefix(compact) || sld.count >= 6 && compact.contains(sld) {
                    best = .partial
                }
            }
        }
        return best
    }

    /// `acme` of `mail.acme.co.uk`, letters and digits only; nil for a free-mail domain.
    private static func companyName(ofDomain domain: String) -> String? {
        let labels = domain.lowercased().split(separator: ".")
        guard labels.count >= 2 else { return nil }
        let secondLevel = ["co", "com", "org", "ac", "ne", "or"].contains(String(labels[labels.count - 2]))
        let name = labels.count >= 3 && secondLevel ? labels[labels.count - 3] : labels[labels.count - 2]
        guard !CardVocabulary.freeMailDomains.contains(String(name)) else { return nil }
        let letters = name.filter { $0.isLetter || $0.isNumber }
        return letters.count >= 2 ? String(letters) : nil
    }

    /// `Mike Smith Senior Software Engineer`: a name and a job title on one line with nothing
    /// between them (two columns read as one). The longest leading name whose rest is a title.
    static func nameThenPost(_ text: String) -> (String, String)? {
        let words = text.split(separator: " ").map(String.init)
        for count in stride(from: min(4, words.count - 1), through: 2, by: -1) {
            let head = words.prefix(count).joined(separator: " ")
            let rest = words.dropFirst(count).joined(separator: " ")
            if !isPost(head), name(head, emails: [], nextToPost: false) != nil, isPost(rest) { return (head, rest) }
        }
        return nil
    }

    /// A person's name found in a line: the name without titles, the titles, and how sure.
    struct Name: Equatable {
        var name: String
        var honorifics: [String]
        var certainty: Double
    }

    /// The line as a name: two to four capitalised words (a particle such as `von` or `de` may
    /// be lower case, an initial may stand for a word), none of them a job, company, address or
    /// label word; academic and courtesy titles set apart. Raised when an e-mail's local part
    /// spells one of the words, and when a job title stands next to it.
    static func name(_ text: String, emails: [String], nextToPost: Bool) -> Name? {
        let text = lettersForDigits(text)
        guard text.count <= 60, !text.contains(where: \.isNumber) else { return nil }
        var tokens = text.split(separator: " ").map(String.init)
        var honorifics: [String] = []
        while let first = tokens.first, isHonorific(first) { honorifics.append(tokens.removeFirst()) }
        var trailing: [String] = []
        while let last = tokens.last, isHonorific(last) { trailing.insert(tokens.removeLast(), at: 0) }
        honorifics += trailing
        if let last = tokens.last, last.hasSuffix(",") { tokens[tokens.count - 1] = String(last.dropLast()) }
        guard (2...4).contains(tokens.count) else { return nil }
        var initials = 0
        for token in tokens {
            let folded = CardVocabulary.folded(token)
            if CardVocabulary.nameParticles.contains(folded) { continue }
            guard let first = token.first, first.isUppercase,
                token.allSatisfy({ $0.isLetter || "-'’.".contains($0) }), token.filter({ $0 == "." }).count <= 1
            else { return nil }
            if token.count <= 2, token.hasSuffix(".") || token.count == 1 {
                initials += 1
                continue
            }
            if token.hasSuffix(".") { return nil }
            if CardVocabulary.legalForms.contains(folded) || CardVocabulary.companyWords.contains(folded)
                || CardVocabulary.matches(folded, in: foldedTitleWords) || CardLabel.named(token) != nil || CardAddress.isCountry(token)
            {
                return nil
            }
        }
        guard initials < tokens.count - 1 else { return nil }
        let name = tokens.joined(separator: " ")
        let shouting = name.filter(\.isLetter).allSatisfy { $0.isUppercase || !$0.isCased }
        var certainty = shouting ? CardCertainty.nameShape - 0.05 : CardCertainty.nameShape
        if matchesEmail(tokens, emails: emails) { certainty += CardCertainty.nameMatchesEmail }
        if nextToPost { certainty += CardCertainty.nameNextToPost }
        return Name(name: name, honorifics: honorifics, certainty: min(certainty, 0.95))
    }

    /// `J0HN` → `JOHN`, `Wi1son` → `Wilson`: a 0 or 1 between two letters of a name was a letter.
    private static func lettersForDigits(_ text: String) -> String {
        let chars = Array(text)
        return String(
            chars.indices.map { i -> Character in
                guard chars[i] == "0" || chars[i] == "1", i > 0, i + 1 < chars.count, chars[i - 1].isLetter, chars[i + 1].isLetter else {
                    return chars[i]
                }
                let upper = chars[i - 1].isUppercase && chars[i + 1].isUppercase
                return chars[i] == "0" ? (upper ? "O" : "o") : (upper ? "I" : "l")
            })
    }

    private static func isHonorific(_ token: String) -> Bool {
        let folded = CardVocabulary.folded(token).trimming(",")
        return CardVocabulary.honorifics.contains(folded) || folded == "(fh)" || folded.hasPrefix("dipl.-") || folded.hasPrefix("dr.-")
    }

    /// Whether an e-mail's local part spells a word of the name (`awilson` ~ `Arthur Wilson`,
    /// `ivanov` ~ `Иванов`, `mueller` ~ `Müller`).
    private static func matchesEmail(_ tokens: [String], emails: [String]) -> Bool {
        let locals = emails.compactMap { $0.split(separator: "@").first.map { $0.lowercased().filter(\.isLetter) } }
        for token in tokens where token.count >= 3 {
            for spelling in [latin(CardVocabulary.folded(token)), latin(germanSpelling(token.lowercased()))] {
                let stem = String(spelling.filter(\.isLetter).prefix(5))
                if stem.count >= 3, locals.contains(where: { $0.contains(stem) }) { return true }
            }
        }
        return false
    }

    private static func germanSpelling(_ text: String) -> String {
        text.replacing("ä", with: "ae").replacing("ö", with: "oe").replacing("ü", with: "ue").replacing("ß", with: "ss")
    }

    /// Cyrillic letters in the Latin spelling e-mail addresses use (`Иванов` → `ivanov`).
    static func latin(_ text: String) -> String {
        var out = ""
        for ch in text {
            if let latin = transliteration[ch] { out += latin } else { out.append(ch) }
        }
        return out
    }

    private static let transliteration: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i", "й": "y", "к": "k", "л": "l",
        "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    ]

    private static let foldedTitleWords = CardVocabulary.titleWords.map { word in
        word.hasSuffix("*") ? CardVocabulary.folded(String(word.dropLast())) + "*" : CardVocabulary.folded(word)
    }
}
