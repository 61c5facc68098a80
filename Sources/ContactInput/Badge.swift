import LeadCore

/// A badge payload that is no contact card — a registration ID, a URL, `ID^First^Last^Company`,
/// a CSV row — saved rather than refused, so the booth keeps the visitor and the lead can be
/// completed after the show from the organiser's list.
enum Badge {
    /// A lead holding the whole payload in `scanField` (COMMENTS unless the event profile says
    /// otherwise), titled after it, with any e-mail address found in it.
    static func opaque(_ raw: String, scanField: String) -> ParsedContact {
        var lead = Lead()
        // The title is what lists show: control characters a 1D code can carry (NUL, GS) are
        // left out of it; the raw text keeps them (stored as scanned, escaped when shown).
        let firstLine =
            raw.split(whereSeparator: \.isNewline).first.map {
                String(String.UnicodeScalarView($0.unicodeScalars.filter { $0.properties.generalCategory != .control })).trimmingSpaces
            } ?? ""
        lead["TITLE"] = firstLine.isEmpty ? "Badge scan" : "Badge " + String(firstLine.prefix(80))
        if scanField.uppercased() == "COMMENTS" {
            ContactFields.appendComment("Badge scan: \(raw)", to: &lead)
        } else {
            lead[scanField] = raw
        }
        // `mailto:a@b`, `MATMSG:TO:a@b;…`, `48213^Anna^…^a@b`: an address anywhere is kept as the e-mail.
        let tokens = raw.split(whereSeparator: { $0.isNewline || "^,;:|\t ".contains($0) }).map { $0.trimmingSpaces.trimming("\"'<>") }
        for token in tokens where EmailAddress.looksValid(token) && !lead.entries(.email).contains(where: { $0.value == token }) {
            lead.append(.email, MultiFieldValue(value: token, valueType: "WORK"))
        }
        if raw.lowercased().hasPrefix("tel:"), PhoneNumber.isAcceptable(String(raw.dropFirst(4))) {
            lead.append(.phone, MultiFieldValue(value: String(raw.dropFirst(4)).trimmingSpaces, valueType: "WORK"))
        }
        let warning =
            raw.isEmpty
            ? "The scan was empty; a lead titled \"Badge scan\" was kept so it can be completed."
            : "The scan is not a contact card; its text was kept in \(scanField.uppercased()) so the lead can be completed later."
        return ParsedContact(lead: lead, warnings: [warning], raw: raw, format: .unrecognized)
    }
}

extension String {
    /// The text without the given characters at either end.
    func trimming(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
