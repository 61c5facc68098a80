/// One line of recognised text cut into what it holds: contacts found wherever they stand, the
/// text between them, labels printed apart from their values, and noise.
enum CardSegmenter {
    enum Token: Equatable {
        case email(String, certainty: Double)
        case phone(CardPhone.Found)
        case web(String, valueType: String, certainty: Double)
        /// Labels standing alone: a column of `T`, `M`, `E` whose values come later.
        case labels([CardLabel])
        case text(String)
        /// Something with too little readable in it to be kept (`|||`, `~`, a stray letter).
        case noise(String)
    }

    /// The tokens of one line, in reading order.
    static func tokens(of line: String, knownDomains: [String] = []) -> [Token] {
        chunks(of: line).flatMap { tokens(ofChunk: $0, knownDomains: knownDomains) }
    }

    /// A line cut at the places people (and OCR, reading two columns) part things: two or more
    /// spaces, a tab, ` | `, ` • `, ` · `.
    static func chunks(of line: String) -> [String] {
        var text = String(String.UnicodeScalarView(line.unicodeScalars.filter { $0.properties.generalCategory != .control || $0 == "\t" }))
        for separator in ["\t", " | ", " • ", " · ", " ● ", " ■ ", " ◆ ", " ► ", " │ "] { text = text.replacing(separator, with: "  ") }
        // `Friedrichstraße 123 I 10117 Berlin`: a rule between two numbers read as a letter.
        var chars = Array(text)
        for i in chars.indices.dropFirst(2) where i + 2 < chars.count && "Il|".contains(chars[i]) {
            if chars[i - 1] == " ", chars[i + 1] == " ", chars[i - 2].isNumber, chars[i + 2].isNumber { chars[i] = " " }
        }
        text = String(chars)
        var chunks: [String] = []
        var current = ""
        var spaces = 0
        for ch in text {
            if ch == " " || ch == "\u{00A0}" {
                spaces += 1
                continue
            }
            if spaces >= 2, !current.isEmpty {
                chunks.append(current)
                current = ""
            } else if spaces == 1, !current.isEmpty {
                current.append(" ")
            }
            spaces = 0
            current.append(ch)
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    private static func tokens(ofChunk chunk: String, knownDomains: [String]) -> [Token] {
        if let found = CardEmail.first(in: chunk, knownDomains: knownDomains) {
            let before = stripping(.email, from: found.before)
            return tokens(ofChunk: before, knownDomains: knownDomains) + [.email(found.address, certainty: found.certainty)]
                + tokens(ofChunk: found.after, knownDomains: knownDomains)
        }
        if let found = CardWeb.first(in: chunk) {
            let before = stripping(.web, from: found.before)
            return tokens(ofChunk: before, knownDomains: knownDomains) + [.web(found.url, valueType: found.valueType, certainty: found.certainty)]
                + tokens(ofChunk: found.after, knownDomains: knownDomains)
        }
        let (numbers, rest) = CardPhone.split(chunk)
        var tokens: [Token] = []
        for (before, number) in numbers {
            tokens += textTokens(before)
            tokens.append(.phone(number))
        }
        return tokens + textTokens(rest)
    }

    /// The text before a contact without the label that named it.
    private static func stripping(_ label: CardLabel, from text: String) -> String {
        guard let trailing = CardLabel.trailing(text), trailing.label == label else { return text }
        return trailing.rest
    }

    private static func textTokens(_ text: String) -> [Token] {
        var trimmed = text.trimmingSpaces.trimming(junk).trimmingSpaces
        // A lone quote mark at an end is a speck (`„ Vertriebsleiterin`); a quoted name keeps its pair.
        let quotes = "„“”«»\"'‚‘’"
        if trimmed.filter({ quotes.contains($0) }).count == 1, let first = trimmed.first, let last = trimmed.last {
            if quotes.contains(first) { trimmed = String(trimmed.dropFirst()).trimmingSpaces }
            if quotes.contains(last) { trimmed = String(trimmed.dropLast()).trimmingSpaces }
        }
        guard !trimmed.isEmpty else { return text.trimmingSpaces.isEmpty ? [] : [.noise(text.trimmingSpaces)] }
        if trimmed.count <= 12, let labels = CardLabel.only(trimmed) { return [.labels(labels)] }
        return [isNoise(trimmed) ? .noise(trimmed) : .text(trimmed)]
    }

    /// Characters that frame text on a card (rules, bullets, icons OCR read as symbols).
    static let junk = "|_~*•·●■◆►│-–—=+#<>[]{}\\/©®™%&¢§°^`,;:¦ "

    /// Too little to read: under two letters or digits, mostly symbols, or a short run of
    /// strokes OCR makes of a logo (`Il`, `lI|`).
    static func isNoise(_ text: String) -> Bool {
        let alphanumerics = text.filter { $0.isLetter || $0.isNumber }
        if alphanumerics.count < 2 { return true }
        let symbols = text.filter { !($0.isLetter || $0.isNumber || $0 == " ") }.count
        if Double(symbols) > Double(text.count) * 0.4 { return true }
        if alphanumerics.count <= 4, alphanumerics.allSatisfy({ "lIi1|!".contains($0) }) { return true }
        // `ee Wi`: specks read as two-letter words.
        if alphanumerics.count <= 4, alphanumerics.allSatisfy(\.isCased), text.split(separator: " ").count > 1,
            text.split(separator: " ").allSatisfy({ $0.count <= 2 })
        {
            return true
        }
        return false
    }
}
