import LeadCore

/// E-mail addresses in recognised text, with the slips OCR makes mended: spaces around `@` and
/// dots, `(at)` / `[at]` / `(dot)`, a comma read for the last dot, Cyrillic letters that look
/// Latin (a card read with `rus+eng`), `0`/`1` read for `o`/`l` inside a domain word, `corn` for `com`.
enum CardEmail {
    /// An address found in a piece of text and the text either side of it.
    struct Found {
        var address: String
        /// 1 when printed clean; lower the more had to be mended.
        var certainty: Double
        var before: String
        var after: String
    }

    /// The first address in `text`, or nil. `knownDomains` are the web sites the card prints:
    /// an address whose domain was cut short (`anna@acme-solut`, `anna@acme-solut.de`) takes the
    /// one it begins.
    static func first(in text: String, knownDomains: [String] = []) -> Found? {
        var chars = Array(text)
        var mended = normalizeAt(&chars)
        var searchFrom = 0
        while let at = chars[searchFrom...].firstIndex(of: "@") {
            searchFrom = at + 1
            var start = at
            var end = at + 1
            // The local part: leftwards over address characters, across spaces that touch a dot or the `@`.
            var index = at - 1
            while index >= 0 {
                if isAddressCharacter(chars[index]) {
                    start = index
                    index -= 1
                } else if chars[index] == " ", let next = spaceRunStart(chars, before: index), touchesDotOrAt(chars, left: next, right: index + 1) {
                    mended = true
                    index = next
                } else {
                    break
                }
            }
            index = at + 1
            while index < chars.count {
                if isAddressCharacter(chars[index]) {
                    index += 1
                    end = index
                } else if chars[index] == " ", let after = spaceRunEnd(chars, from: index), touchesDotOrAt(chars, left: index - 1, right: after) {
                    mended = true
                    index = after
                } else if chars[index] == ",", isTopLevelDomain(chars, from: index + 1) {
                    chars[index] = "."
                    mended = true
                } else if chars[index] == " ", !chars[(at + 1)..<index].contains("."), isKnownTopLevelDomain(chars, from: index + 1) {
                    chars[index] = "."  // `anna@acme de`: the last dot read as a space
                    mended = true
                } else {
                    break
                }
            }
            var raw = String(chars[start..<end].filter { $0 != " " })
            raw = raw.trimming(".-_")
            guard var repaired = repair(raw) else { continue }
            if let completed = completed(repaired.address, knownDomains: knownDomains) {
                repaired = (completed, true)
            }
            guard EmailAddress.looksValid(repaired.address) else { continue }
            let certainty = repaired.changed ? CardCertainty.emailRepairedLetters : mended ? CardCertainty.emailMended : CardCertainty.emailClean
            return Found(address: repaired.address, certainty: certainty, before: String(chars[..<start]), after: String(chars[end...]))
        }
        return nil
    }

    /// `(at)`, `[at]`, `{at}`, `(@)`, `＠` → `@`; `(dot)`, `[dot]` → `.`. Whether anything changed.
    private static func normalizeAt(_ chars: inout [Character]) -> Bool {
        var text = String(chars)
        let before = text
        for variant in ["(at)", "[at]", "{at}", "(@)", "[@]", "(а)", "[а]"] {
            text = text.replacing(variant, with: "@")
            text = text.replacing(variant.uppercased(), with: "@")
        }
        for variant in ["(dot)", "[dot]", "{dot}"] {
            text = text.replacing(variant, with: ".")
            text = text.replacing(variant.uppercased(), with: ".")
        }
        text = text.replacing("＠", with: "@")
        var mended = Array(text)
        // `info©acme.de`: with no `@` on the line, a © or ® between two address characters was one.
        if !mended.contains("@") {
            for i in mended.indices.dropFirst().dropLast() where "©®".contains(mended[i]) {
                if mended[i - 1].isASCII, mended[i - 1].isLetter || mended[i - 1].isNumber, mended[i + 1].isASCII,
                    mended[i + 1].isLetter || mended[i + 1].isNumber
                {
                    mended[i] = "@"
                }
            }
        }
        guard mended != Array(before) else { return false }
        chars = mended
        return true
    }

    private static func isAddressCharacter(_ ch: Character) -> Bool {
        if ch.isASCII { return ch.isLetter || ch.isNumber || "._%+-'".contains(ch) }
        return homoglyphs[ch] != nil
    }

    /// The index of the first space of the run ending at `index` (nil when it starts the text).
    private static func spaceRunStart(_ chars: [Character], before index: Int) -> Int? {
        var i = index
        while i >= 0, chars[i] == " " { i -= 1 }
        return i >= 0 ? i : nil
    }

    /// The index just after the run of spaces starting at `index` (nil when it ends the text).
    private static func spaceRunEnd(_ chars: [Character], from index: Int) -> Int? {
        var i = index
        while i < chars.count, chars[i] == " " { i += 1 }
        return i < chars.count ? i : nil
    }

    /// Whether the characters either side of a run of spaces join an address: one of them is a dot or `@`.
    private static func touchesDotOrAt(_ chars: [Character], left: Int, right: Int) -> Bool {
        guard left >= 0, right < chars.count else { return false }
        let a = chars[left]
        let b = chars[right]
        return (a == "." || a == "@" || b == "." || b == "@") && (isAddressCharacter(a) || a == "@") && (isAddressCharacter(b) || b == "@")
    }

    /// The address with its domain completed from a web site the card prints, when the domain
    /// (without a top-level domain of its own) is the start of that site's and not the site itself.
    private static func completed(_ address: String, knownDomains: [String]) -> String? {
        guard let at = address.firstIndex(of: "@") else { return nil }
        let domain = String(address[address.index(after: at)...])
        var labels = domain.split(separator: ".").map(String.init)
        if labels.count >= 2, CardWeb.topLevelDomains.contains(labels.last!) { labels.removeLast() }
        let stem = labels.joined(separator: ".")
        guard stem.count >= 5, !knownDomains.contains(domain),
            let site = knownDomains.first(where: { $0.hasPrefix(stem) && $0.count > stem.count && $0.contains(".") })
        else { return nil }
        return address[..<at] + "@" + site
    }

    /// Whether a known top-level domain follows `index` and ends the word (`de` in `acme de`).
    private static func isKnownTopLevelDomain(_ chars: [Character], from index: Int) -> Bool {
        var i = index
        while i < chars.count, chars[i].isLetter { i += 1 }
        guard i > index, i == chars.count || !isAddressCharacter(chars[i]) else { return false }
        return CardWeb.topLevelDomains.contains(String(chars[index..<i]).lowercased())
    }

    /// Whether 2–4 letters follow `index` and end the word: a comma before them was a dot.
    private static func isTopLevelDomain(_ chars: [Character], from index: Int) -> Bool {
        var i = index
        while i < chars.count, chars[i].isASCII, chars[i].isLetter { i += 1 }
        return (2...4).contains(i - index) && (i == chars.count || !isAddressCharacter(chars[i]))
    }

    /// Cyrillic and Greek letters that OCR with several scripts reads for Latin ones.
    static let homoglyphs: [Character: Character] = [
        "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "у": "y", "к": "k", "м": "m", "т": "t", "і": "i", "ј": "j", "ѕ": "s",
        "А": "A", "Е": "E", "О": "O", "Р": "P", "С": "C", "Х": "X", "К": "K", "М": "M", "Т": "T", "В": "B", "Н": "H", "ο": "o", "α": "a",
    ]

    /// The address with look-alike letters mended, and whether any letter was changed.
    private static func repair(_ raw: String) -> (address: String, changed: Bool)? {
        guard let at = raw.firstIndex(of: "@") else { return nil }
        var changed = false
        let local = String(
            raw[..<at].map { ch -> Character in
                guard let latin = homoglyphs[ch] else { return ch }
                changed = true
                return latin
            })
        var labels = raw[raw.index(after: at)...].lowercased().split(separator: ".", omittingEmptySubsequences: false).map { label in
            String(
                label.map { ch -> Character in
                    guard let latin = homoglyphs[ch] else { return ch }
                    changed = true
                    return latin
                })
        }
        for i in labels.indices {
            let mended = lettersForDigits(labels[i])
            if mended != labels[i] { changed = true }
            labels[i] = mended
        }
        if let tld = labels.last, let fixed = ["corn": "com", "c0m": "com", "con": "com", "corm": "com"][tld] {
            labels[labels.count - 1] = fixed
            changed = true
        }
        return (local + "@" + labels.joined(separator: "."), changed)
    }

    /// `0` and `1` between two letters of a domain word are `o` and `l` (`g0ogle`, `he1lo`); `web1`, `2000` stay.
    private static func lettersForDigits(_ label: String) -> String {
        let chars = Array(label)
        guard chars.contains(where: \.isLetter) else { return label }
        return String(
            chars.indices.map { i -> Character in
                let ch = chars[i]
                guard ch == "0" || ch == "1" else { return ch }
                let left = i > 0 ? chars[i - 1] : nil
                let right = i + 1 < chars.count ? chars[i + 1] : nil
                guard left?.isLetter == true, right?.isLetter == true else { return ch }
                return ch == "0" ? "o" : "l"
            })
    }
}
