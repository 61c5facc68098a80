import LeadCore

/// Field readings every contact format shares: a full name split the way its culture orders it,
/// an e-mail written with a display name, a birthday in the forms exporters write.
enum ContactFields {
    /// Fills NAME / SECOND_NAME / LAST_NAME from a full name when the card gave no parts.
    ///
    /// * `Smith, John` → last name first (the comma says so);
    /// * Russian `Титов Глеб Андреевич` (a patronymic last) → last, first, middle; two words
    ///   whose first alone has a surname ending (`Соколова Мария`, as cards and lists print it) → last, first;
    /// * Japanese, Chinese and Korean names are written family name first: `山田 太郎`;
    ///   without a space (`山田太郎`) the name cannot be split and is kept whole as NAME;
    /// * otherwise first … last, anything between is the middle name.
    /// A "name" that is an e-mail address or phone number is kept as TITLE instead.
    static func applyFullName(_ raw: String, to lead: inout Lead) {
        guard raw.utf8.count <= 1024 else {
            lead["NAME"] = raw
            return
        }  // no name is this long: kept, not split
        let full = raw.trimmingSpaces
        guard !full.isEmpty else { return }
        if full.contains("@") || full.allSatisfy({ $0.isNumber || " +-().".contains($0) }) {
            if (lead["TITLE"] ?? "").isEmpty { lead["TITLE"] = full }
            return
        }
        if let comma = full.firstIndex(of: ","), !full[full.index(after: comma)...].trimmingSpaces.isEmpty {
            lead["LAST_NAME"] = full[..<comma].trimmingSpaces
            lead["NAME"] = full[full.index(after: comma)...].trimmingSpaces
            return
        }
        let words = full.split(whereSeparator: { $0 == " " || $0 == "\u{3000}" }).map(String.init)
        if words.count == 1 {
            lead["NAME"] = full
            return
        }
        if words.first!.unicodeScalars.contains(where: isCJK) {
            lead["LAST_NAME"] = words[0]
            lead["NAME"] = words.dropFirst().joined(separator: " ")
            return
        }
        if words.count == 2, isRussianSurname(words[0]), !isRussianSurname(words[1]) {
            lead["LAST_NAME"] = words[0]
            lead["NAME"] = words[1]
            return
        }
        if words.count == 3, isPatronymic(words[2]) {
            lead["LAST_NAME"] = words[0]
            lead["NAME"] = words[1]
            lead["SECOND_NAME"] = words[2]
            return
        }
        lead["NAME"] = words[0]
        lead["LAST_NAME"] = words.last
        if words.count > 2 { lead["SECOND_NAME"] = words.dropFirst().dropLast().joined(separator: " ") }
    }

    private static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF: true
        default: false
        }
    }

    /// `Соколова`, `Иванов`, `Бельский`, `Шевченко`: endings first names do not have (`Лев` is too short to count).
    private static func isRussianSurname(_ word: String) -> Bool {
        let lower = word.lowercased()
        return lower.count > 4 && lower.unicodeScalars.allSatisfy { (0x0400...0x04FF).contains($0.value) || $0 == "-" }
            && ["ов", "ова", "ев", "ева", "ёв", "ёва", "ский", "ская", "цкий", "цкая", "енко"].contains { lower.hasSuffix($0) }
    }

    private static func isPatronymic(_ word: String) -> Bool {
        let lower = word.lowercased()
        return ["ович", "евич", "ич", "овна", "евна", "ична", "инична"].contains { lower.hasSuffix($0) } && lower.count > 4
    }

    /// `"Ann Lee" <ann@example.com>`, `mailto:ann@example.com`, `<ann@example.com>` → the address.
    static func emailAddress(_ raw: String) -> String {
        var text = raw.trimmingSpaces
        if text.lowercased().hasPrefix("mailto:") { text = String(text.dropFirst(7)) }
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            let inner = text[text.index(after: open)..<close].trimmingSpaces
            if inner.contains("@") { return inner }
        }
        return text
    }

    /// `1985-04-23`, `19850423`, `1985-04-23T00:00:00Z` → `1985-04-23`; a birthday without a
    /// year (`--0423`) or anything else gives nil, as BIRTHDATE needs a whole date.
    static func isoDate(_ raw: String) -> String? {
        let text = raw.trimmingSpaces
        let datePart = text.split(separator: "T", maxSplits: 1).first.map(String.init) ?? text
        let digits = datePart.filter { $0 != "-" }
        guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let iso = "\(digits.prefix(4))-\(digits.dropFirst(4).prefix(2))-\(digits.suffix(2))"
        return ISODate(iso) != nil ? iso : nil
    }

    /// Adds a phone unless it holds no digit at all (then it cannot be called: a warning instead).
    static func addPhone(_ raw: String, type: String, to lead: inout Lead, warnings: inout [String], card: String) {
        let value = String(raw.unicodeScalars.filter { $0.properties.generalCategory != .control }).trimmingSpaces
        guard !value.isEmpty else { return }
        guard value.contains(where: \.isNumber) else {
            warnings.append("\(card): the phone \"\(value.escapedForTerminal)\" holds no digits and was left out.")
            return
        }
        lead.append(.phone, MultiFieldValue(value: value, valueType: type))
    }

    /// Adds an e-mail; one that is not an address is kept in COMMENTS with a warning, so nothing is lost.
    static func addEmail(_ raw: String, type: String, to lead: inout Lead, warnings: inout [String], card: String) {
        let value = emailAddress(raw)
        guard !value.isEmpty else { return }
        if EmailAddress.looksValid(value) {
            lead.append(.email, MultiFieldValue(value: value, valueType: type))
        } else {
            appendComment("E-mail: \(value)", to: &lead)
            warnings.append("\(card): \"\(value.escapedForTerminal)\" is not an e-mail address; it was kept in COMMENTS.")
        }
    }

    /// Adds a line to COMMENTS, after what is there.
    static func appendComment(_ line: String, to lead: inout Lead) {
        let existing = lead["COMMENTS"] ?? ""
        lead["COMMENTS"] = existing.isEmpty ? line : existing + "\n" + line
    }

}

extension ContactFields {
    /// A card's birthday: BIRTHDATE when it reads as a date, else a "Birthday: …" line in
    /// COMMENTS with a warning, so an unreadable value is neither lost nor overwrites a good one.
    static func addBirthday(_ text: String, to lead: inout Lead, warnings: inout [String], card: String) {
        let text = text.trimmingSpaces
        guard !text.isEmpty else { return }
        if let date = isoDate(text) {
            lead["BIRTHDATE"] = date
        } else {
            appendComment("Birthday: \(text)", to: &lead)
            warnings.append("\(card): the birthday \"\(text.escapedForTerminal)\" is not a whole date, so it went to COMMENTS.")
        }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
