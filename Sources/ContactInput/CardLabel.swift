/// A label printed before a contact on a card: `Tel.`, `M:`, `E-mail:`, `Сайт:`, `ИНН`.
enum CardLabel: Equatable {
    /// A phone label with the VALUE_TYPE it means.
    case phone(String)
    case email
    case web
    /// A registration number (ИНН, VAT, HRB): what follows is no phone.
    case registration

    /// The label `word` is, compared folded and without its trailing `.`, `:` or `-`.
    static func named(_ word: some StringProtocol) -> CardLabel? {
        let key = CardVocabulary.folded(String(word)).trimming(".:-–#")
        guard !key.isEmpty else { return nil }
        if let type = folded.phone[key] { return .phone(type) }
        if folded.email.contains(key) { return .email }
        if folded.web.contains(key) { return .web }
        if folded.registration.contains(key) { return .registration }
        // `Тел.`, `Рах`: a label read in the other script of a `rus+eng` recognition.
        let latin = String(key.map { CardEmail.homoglyphs[$0] ?? $0 }).lowercased()
        if latin != key, key.unicodeScalars.contains(where: { (0x0400...0x04FF).contains($0.value) }) {
            if let type = folded.phone[latin] ?? (latin == "pax" ? "FAX" : nil) { return .phone(type) }
            if folded.email.contains(latin) { return .email }
            if folded.web.contains(latin) { return .web }
        }
        return nil
    }

    /// The label that ends `text` (its last one to three words) and the text before it.
    static func trailing(_ text: String) -> (label: CardLabel, rest: String)? {
        let trimmed = text.trimmingSpaces.trimming(":.-–|#")
        let words = trimmed.split(separator: " ")
        for count in stride(from: min(3, words.count), through: 1, by: -1) {
            let candidate = words.suffix(count).joined(separator: " ")
            if let label = named(candidate) {
                return (label, words.dropLast(count).joined(separator: " "))
            }
        }
        return nil
    }

    /// The labels a piece consists of (`T`, `M:`, `E-mail`, `T: M:`), or nil when it holds anything else.
    static func only(_ text: String) -> [CardLabel]? {
        if let whole = named(text.trimmingSpaces) { return [whole] }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "|" })
        guard !words.isEmpty else { return nil }
        let labels = words.compactMap(named)
        return labels.count == words.count ? labels : nil
    }

    /// The vocabulary folded once, as `named` compares it.
    private static let folded: (phone: [String: String], email: Set<String>, web: Set<String>, registration: Set<String>) = {
        func fold(_ word: String) -> String { CardVocabulary.folded(word).trimming(".:-–#") }
        var phone: [String: String] = [:]
        for (word, type) in CardVocabulary.phoneLabels { phone[fold(word)] = type }
        return (
            phone, Set(CardVocabulary.emailLabels.map(fold)), Set(CardVocabulary.webLabels.map(fold)),
            Set(CardVocabulary.registrationLabels.map(fold))
        )
    }()
}
