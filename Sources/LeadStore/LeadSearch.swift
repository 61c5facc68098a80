import GRDB
import LeadCore

/// What `list --search` and the UI's `/` look for.
///
/// A booth worker searches by title, name, company, e-mail or phone: a case-insensitive substring
/// in any script. Three characters or more go through the FTS5 trigram index `lead_search`
/// (migration 0004), a look-up instead of a scan; shorter text has no trigram, so it falls back
/// to the scan that folds each row (`leadbox_fold`) — same matches, only slower.
struct LeadSearch: Equatable {
    /// The search as typed, trimmed.
    let text: String
    /// Phone digits to match against phone numbers, when the text looks like (part of) one.
    let digits: String?

    /// Nil for no search (nil, empty or only spaces).
    init?(_ search: String?) {
        guard let text = search?.trimmingSpaces, !text.isEmpty else { return nil }
        self.text = text
        let phoneLike = text.allSatisfy { "0123456789+-() .".contains($0) } && PhoneNumber.normalized(text).count >= 3
        digits = phoneLike ? PhoneNumber.normalized(text) : nil
    }

    /// The shortest text the trigram index can answer (it indexes runs of three code points).
    static let indexedLength = 3

    var usesIndex: Bool { text.unicodeScalars.count >= LeadSearch.indexedLength }

    /// The FTS5 query: the text anywhere in names, e-mails or phones, or the digits in a phone.
    var match: String {
        var query = LeadSearch.phrase(text)
        if let digits { query += " OR phones : " + LeadSearch.phrase(digits) }
        return query
    }

    /// The same match without the index, as a condition on `lead`: every row's text folded and
    /// compared.
    var scanned: (String, StatementArguments) {
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(
            of: "_", with: "\\_")
        let folded = "%" + LeadStore.fold(escaped) + "%"
        let digits = self.digits ?? ""
        return (
            """
            (leadbox_fold(title || ' ' || person || ' ' || company) LIKE ? ESCAPE '\\'
             OR id IN (SELECT lead_id FROM lead_contact WHERE value LIKE ? ESCAPE '\\' OR (kind = 'phone' AND ? != '' AND value LIKE ?)))
            """, [folded, folded, digits, "%" + digits + "%"]
        )
    }

    /// An FTS5 phrase: the text in double quotes (inner quotes doubled), so every character is
    /// literal — `-`, `*`, `:`, `OR` and brackets are searched for, not obeyed.
    static func phrase(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
