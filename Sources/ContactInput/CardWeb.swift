/// Web addresses on a card: `www.acme.de`, `https://acme.de/kontakt`, or a bare domain with a
/// known top-level domain (`acme.com`). Profiles on vk.com or twitter get their own VALUE_TYPE.
enum CardWeb {
    struct Found {
        var url: String
        var valueType: String
        var certainty: Double
        var before: String
        var after: String
    }

    /// The first web address among the words of `text`.
    static func first(in text: String) -> Found? {
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        for (index, word) in words.enumerated() {
            let trimmed = String(word).trimming("()[]<>,;\"'«»").trimming(".")
            var taken = 1
            var found = recognised(trimmed)
            // `www.acme de`: the last dot read as a space.
            if found == nil, index + 1 < words.count, trimmed.lowercased().hasPrefix("www.") || trimmed.lowercased().hasPrefix("http"),
                topLevelDomains.contains(String(words[index + 1]).lowercased().trimming(".,;"))
            {
                found = recognised(trimmed + "." + String(words[index + 1]).trimming(".,;")).map { ($0.0, CardCertainty.webDomainOnly) }
                taken = 2
            }
            guard let (url, certainty) = found else { continue }
            return Found(
                url: url, valueType: valueType(of: url), certainty: certainty, before: words[..<index].joined(separator: " "),
                after: words[(index + taken)...].joined(separator: " "))
        }
        return nil
    }

    /// `www.acmede` when the card's e-mail is at `acme.de`: the web site with the dot OCR lost, or nil.
    static func mended(_ text: String, emailDomains: [String]) -> String? {
        let lower = text.lowercased()
        guard lower.hasPrefix("www."), !text.contains(" ") else { return nil }
        let host = lower.dropFirst(4).filter { $0 != "." }
        guard let domain = emailDomains.first(where: { $0.lowercased().filter { $0 != "." } == host }) else { return nil }
        return "www." + domain.lowercased()
    }

    /// The domains of the web addresses in `text`, for completing e-mail domains cut short.
    static func domains(in text: String) -> [String] {
        var domains: [String] = []
        var rest = Substring(text)
        while let found = first(in: String(rest)) {
            domains.append(domain(of: found.url))
            rest = Substring(found.after)
        }
        return domains
    }

    private static func recognised(_ word: String) -> (String, Double)? {
        guard word.count >= 4, word.count <= 200, !word.contains("@") else { return nil }
        let lower = word.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            return lower.count > 10 ? (word, CardCertainty.webWithScheme) : nil
        }
        if lower.hasPrefix("www,") || lower.hasPrefix("www.") {
            let host = String(word.dropFirst(4))
            guard hasKnownTopLevelDomain(host) || host.contains(".") && host.count > 3 else { return nil }
            return ("www." + host, CardCertainty.webWithScheme)
        }
        return hasKnownTopLevelDomain(word) ? (word, CardCertainty.webDomainOnly) : nil
    }

    /// `name.tld` or `name.tld/path`: ASCII letters, digits, dashes and dots in the host, a known
    /// top-level domain at its end (so `e.K.`, `Dipl.-Ing.` and `S.L.` are no web sites).
    static func hasKnownTopLevelDomain(_ word: String) -> Bool {
        let host = word.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? word
        let labels = host.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }),
            let tld = labels.last, topLevelDomains.contains(String(tld)),
            host.allSatisfy({ ($0.isASCII || internationalDomains.contains(String(tld))) && ($0.isLetter || $0.isNumber) || $0 == "-" || $0 == "." }),
            labels.dropLast().allSatisfy({ $0.contains(where: \.isLetter) || $0.count > 1 })
        else { return false }
        return labels[labels.count - 2].count >= 2
    }

    static func valueType(of url: String) -> String {
        let lower = url.lowercased()
        if lower.contains("vk.com") || lower.contains("vkontakte") { return "VK" }
        if lower.contains("twitter.com") || lower.contains("//x.com") || lower.hasPrefix("x.com") { return "TWITTER" }
        if lower.contains("livejournal") { return "LIVEJOURNAL" }
        if ["linkedin.", "facebook.", "instagram.", "xing.", "t.me/", "youtube."].contains(where: lower.contains) { return "OTHER" }
        return "WORK"
    }

    /// The domain a web address names, without `www.` and path: the company hint.
    static func domain(of url: String) -> String {
        var host = url.lowercased()
        for scheme in ["https://", "http://"] where host.hasPrefix(scheme) { host = String(host.dropFirst(scheme.count)) }
        if host.hasPrefix("www.") { host = String(host.dropFirst(4)) }
        return host.split(separator: "/").first.map(String.init) ?? host
    }

    /// Top-level domains whose names are written in their own script (`техносервис.рф`).
    private static let internationalDomains: Set<String> = ["рф", "москва", "рус", "онлайн", "сайт"]

    static let topLevelDomains: Set<String> = [
        "com", "net", "org", "biz", "info", "io", "co", "eu", "de", "at", "ch", "ru", "su", "рф", "by", "kz", "ua", "fr", "es", "it", "nl", "be",
        "lu", "pl", "cz", "sk", "se", "no", "dk", "fi", "uk", "ie", "pt", "gr", "tr", "us", "ca", "mx", "br", "ar", "cl", "jp", "cn", "kr",
        "in", "sg", "hk", "tw", "au", "nz", "za", "ae", "il", "app", "dev", "tech", "online", "pro", "shop", "store", "digital", "cloud",
        "ai", "me", "tv", "cat", "berlin", "hamburg", "moscow", "москва", "swiss", "email", "site", "world", "global", "рус", "онлайн", "сайт",
    ]
}
