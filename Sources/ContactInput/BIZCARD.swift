import LeadCore

/// BIZCARD, the business-card QR format some badge printers use:
/// `BIZCARD:N:Sean;X:Owen;T:Engineer;C:Google;A:76 9th Ave;B:+12125551212;M:…;F:…;E:sean@example.com;;`.
///
/// N is the first name, X the last name, T the job title, C the company, A the address, B, M and F
/// the business, mobile and fax phones, E the e-mail.
enum BIZCARD {
    static func cards(in text: String, source: String) throws(ContactInputError) -> [ParsedContact] {
        try TaggedCard.cards(in: text, tag: "BIZCARD:", source: source, parse: parse)
    }

    static func parse(_ body: Substring, card: String) -> ParsedContact? {
        var lead = Lead()
        var warnings: [String] = []
        for (key, value) in TaggedCard.fields(body) {
            switch key {
            case "N": lead["NAME"] = value
            case "X": lead["LAST_NAME"] = value
            case "T": lead["POST"] = value
            case "C": lead["COMPANY_TITLE"] = value
            case "A": lead["ADDRESS"] = value
            case "B": ContactFields.addPhone(value, type: "WORK", to: &lead, warnings: &warnings, card: card)
            case "M": ContactFields.addPhone(value, type: "MOBILE", to: &lead, warnings: &warnings, card: card)
            case "F": ContactFields.addPhone(value, type: "FAX", to: &lead, warnings: &warnings, card: card)
            case "E": ContactFields.addEmail(value, type: "WORK", to: &lead, warnings: &warnings, card: card)
            default: continue
            }
        }
        return lead.namesSomeone ? ParsedContact(lead: lead, warnings: warnings, format: .bizcard) : nil
    }
}
