import LeadCore

/// The address-book QR format of KDDI "au" phones, common on Japanese badges: one `KEY:value`
/// per line —
/// ```
/// MEMORY:met at the booth
/// NAME1:山田 太郎
/// NAME2:やまだ たろう
/// TEL1:+81312345678
/// MAIL1:taro@example.jp
/// ADD:東京都千代田区
/// ```
/// NAME1 is the name (NAME2 its reading), TEL1–3 and MAIL1–3 phones and e-mails, MEMORY a note,
/// ADD the address.
enum AUCard {
    /// Whether a line (upper-cased) starts an AU card.
    static func startsLikeAU(_ upper: String) -> Bool {
        ["MEMORY:", "NAME1:", "NAME2:", "TEL1:", "MAIL1:"].contains { upper.hasPrefix($0) }
    }

    static func cards(in text: String, source: String) throws(ContactInputError) -> [ParsedContact] {
        var lead = Lead()
        var warnings: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingSpaces.uppercased()
            let value = line[line.index(after: colon)...].trimmingSpaces
            guard !value.isEmpty else { continue }
            switch key {
            case "NAME1": ContactFields.applyFullName(value, to: &lead)
            case "TEL1", "TEL2", "TEL3":
                ContactFields.addPhone(value, type: key == "TEL1" ? "WORK" : "OTHER", to: &lead, warnings: &warnings, card: source)
            case "MAIL1", "MAIL2", "MAIL3":
                ContactFields.addEmail(value, type: key == "MAIL1" ? "WORK" : "OTHER", to: &lead, warnings: &warnings, card: source)
            case "ADD": lead["ADDRESS"] = value
            case "MEMORY": ContactFields.appendComment(value, to: &lead)
            default: continue  // NAME2 is the reading of NAME1
            }
        }
        guard lead.namesSomeone else {
            throw ContactInputError("\(source) is an au address-book card but holds no name, phone or e-mail; scan it again.")
        }
        return [ParsedContact(lead: lead, warnings: warnings, format: .au)]
    }
}
