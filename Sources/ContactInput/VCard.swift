import LeadCore

/// vCard 2.1, 3.0 and 4.0 as phones, mail programs and address books export them.
///
/// `VCardLines` finds the cards and their logical lines; `VCardProperty` reads each line in its
/// charset; this maps the properties to a lead: FN, N, ORG (its units to COMMENTS), TITLE/ROLE,
/// TEL, EMAIL, URL, ADR, NOTE, BDAY and the messengers (IMPP and the older `X-SKYPE` & co.).
/// Anything else (PHOTO, X-ABLabel, vendor extensions) is ignored. A card with only a messenger,
/// a web page or an address is a contact too, titled by it; a card with none of these is skipped
/// with a warning, and only a file with no contact at all is refused.
enum VCard {
    /// The cards of already-decoded text (a scan, standard input read as UTF-8).
    static func cards(in text: String, source: String) throws(ContactInputError) -> [ParsedContact] {
        try cards(bytes: Array(text.utf8), fallback: .utf8, honourCharset: false, source: source)
    }

    /// The cards of a file's bytes: 8-bit values are read in their `CHARSET=`, else in `fallback`
    /// (the encoding `TextDecoding` found for the whole file, or the one the user named).
    static func cards(inBytes bytes: [UInt8], fallback: Charset, source: String) throws(ContactInputError) -> [ParsedContact] {
        try cards(bytes: bytes, fallback: fallback, honourCharset: true, source: source)
    }

    private static func cards(bytes: [UInt8], fallback: Charset, honourCharset: Bool, source: String) throws(ContactInputError) -> [ParsedContact] {
        let found = VCardLines.cards(bytes, shiftJIS: fallback == .shiftJIS)
        var contacts: [ParsedContact] = []
        var skipped: [String] = []
        for (index, card) in found.enumerated() {
            let name = found.count == 1 ? source : "\(source), card \(index + 1)"
            var parsed = contact(from: card.lines, fallback: fallback, honourCharset: honourCharset, card: name)
            if !card.ended, index < found.count - 1 {
                parsed.warnings.append("\(name) has no END:VCARD; it was read up to the next BEGIN:VCARD.")
            }
            if parsed.lead.namesSomeone {
                contacts.append(parsed)
            } else if parsed.lead.hasContactData {
                parsed.lead.fillTitleIfEmpty()
                parsed.warnings.append(
                    "\(name) has no name, company, phone or e-mail; it was titled \"\(parsed.lead.suggestedTitle.escapedForTerminal)\".")
                contacts.append(parsed)
            } else {
                skipped.append("\(name) holds no name, company, phone, e-mail, messenger, web page or address and was skipped.")
            }
        }
        guard !contacts.isEmpty else {
            throw ContactInputError(
                found.isEmpty
                    ? "\(source) holds no vCard: no line says BEGIN:VCARD; export the contacts as a .vcf file again."
                    : "\(source) holds no card with a name, company, phone, e-mail, messenger, web page or address; check that the right file was exported."
            )
        }
        contacts[0].warnings = skipped + contacts[0].warnings
        return contacts
    }

    /// One card's lines mapped to a lead (which may turn out empty).
    static func contact(from lines: [[UInt8]], fallback: Charset, honourCharset: Bool, card: String) -> ParsedContact {
        var lead = Lead()
        var warnings: [String] = []
        var fullName: String?
        var organisation: String?
        var departments: [String] = []
        var role: String?
        var isOrganisation = false  // 4.0 KIND:org, Apple's X-ABShowAs:COMPANY: FN is the company
        for line in lines {
            guard let property = VCardProperty(line), !VCardLines.skippedProperties.contains(property.name) else { continue }
            guard
                ["FN", "N", "ORG", "TITLE", "ROLE", "TEL", "EMAIL", "URL", "ADR", "NOTE", "BDAY", "IMPP", "KIND", "X-ABSHOWAS"].contains(
                    property.name) || IM.service(ofProperty: property.name) != nil
            else { continue }
            guard var value = property.text(fallback: fallback, honourCharset: honourCharset) else {
                warnings.append(
                    "\(card): the \(property.name) value is in no character set leadbox can read and was left out; give the file's --encoding.")
                continue
            }
            if value.utf8.count > maximumFieldBytes {
                value = value.prefix(utf8Bytes: maximumFieldBytes)
                warnings.append("\(card): the \(property.name) value is longer than 64 KiB and was cut to fit.")
            }
            switch property.name {
            case "FN":
                fullName = VCardText.unescaped(value)
            case "N":
                let parts = VCardText.components(value)  // family; given; additional; prefix; suffix
                lead["LAST_NAME"] = parts[safe: 0]
                lead["NAME"] = parts[safe: 1]
                lead["SECOND_NAME"] = parts[safe: 2]
            case "ORG":
                let units = VCardText.components(value).filter { !$0.isEmpty }  // company; department; …
                organisation = units.first
                departments = Array(units.dropFirst())
            case "TITLE":
                lead["POST"] = VCardText.unescaped(value)
            case "ROLE":
                role = VCardText.unescaped(value)
            case "TEL":
                ContactFields.addPhone(phoneNumber(value), type: phoneType(property.types), to: &lead, warnings: &warnings, card: card)
            case "EMAIL":
                ContactFields.addEmail(
                    VCardText.unescaped(value), type: property.types.contains("HOME") ? "HOME" : "WORK", to: &lead, warnings: &warnings, card: card)
            case "URL":
                let url = VCardText.unescaped(value)
                if !url.isEmpty { lead.append(.web, MultiFieldValue(value: url, valueType: property.types.contains("HOME") ? "HOME" : "WORK")) }
            case "ADR":
                applyAddress(VCardText.components(value), to: &lead)
            case "NOTE":
                let note = VCardText.unescaped(value)
                if !note.isEmpty { ContactFields.appendComment(note, to: &lead) }
            case "BDAY":
                ContactFields.addBirthday(VCardText.unescaped(value), to: &lead, warnings: &warnings, card: card)
            case "KIND", "X-ABSHOWAS":
                isOrganisation = ["ORG", "ORGANIZATION", "COMPANY"].contains(VCardText.unescaped(value).uppercased())
            default:
                if let entry = IM.entry(property, value: VCardText.unescaped(value)) { lead.append(.im, entry) }
            }
        }
        if !departments.isEmpty { ContactFields.appendComment("Department: \(departments.joined(separator: ", "))", to: &lead) }
        if isOrganisation, (organisation ?? "").isEmpty { organisation = fullName }
        if let organisation, !organisation.isEmpty { lead["COMPANY_TITLE"] = organisation }
        if (lead["POST"] ?? "").isEmpty, let role { lead["POST"] = role }
        let hasName = ["NAME", "LAST_NAME", "SECOND_NAME"].contains { !(lead[$0] ?? "").isBlank }
        if !hasName, !isOrganisation, let fullName, !fullName.isEmpty, fullName != organisation {
            ContactFields.applyFullName(fullName, to: &lead)
        }
        return ParsedContact(lead: lead, warnings: warnings, format: .vcard)
    }

    /// `tel:+1-555-0100;ext=7`, `TEL;VALUE=uri:tel:…` → `+1-555-0100;ext=7`, as typed otherwise.
    static func phoneNumber(_ value: String) -> String {
        let number = VCardText.unescaped(value)
        return number.lowercased().hasPrefix("tel:") ? String(number.dropFirst(4)) : number
    }

    static func phoneType(_ types: Set<String>) -> String {
        if types.contains("CELL") || types.contains("MOBILE") || types.contains("IPHONE") { return "MOBILE" }
        if types.contains("FAX") { return "FAX" }
        if types.contains("PAGER") { return "PAGER" }
        if types.contains("HOME") && !types.contains("WORK") { return "HOME" }
        return "WORK"
    }

    /// PO box; extended; street; city; region; postal code; country. vCard's region is the state
    /// or province: the portal's ADDRESS_PROVINCE ("Область"; ADDRESS_REGION is a district,
    /// "Район"), as the CSV profiles read a State column. A lead has one address: a card's second
    /// one is kept as a line in COMMENTS.
    static func applyAddress(_ parts: [String], to lead: inout Lead) {
        guard parts.contains(where: { !$0.isEmpty }) else { return }
        let fields = ["ADDRESS", "ADDRESS_2", "ADDRESS_CITY", "ADDRESS_PROVINCE", "ADDRESS_POSTAL_CODE", "ADDRESS_COUNTRY"]
        guard fields.allSatisfy({ (lead[$0] ?? "").isEmpty }) else {
            let text = [2, 1, 0, 5, 3, 4, 6].compactMap { parts[safe: $0] }.filter { !$0.isEmpty }.joined(separator: ", ")
            ContactFields.appendComment("Address: \(text)", to: &lead)
            return
        }
        lead["ADDRESS"] = [parts[safe: 2], parts[safe: 0]].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        lead["ADDRESS_2"] = parts[safe: 1]
        lead["ADDRESS_CITY"] = parts[safe: 3]
        lead["ADDRESS_PROVINCE"] = parts[safe: 4]
        lead["ADDRESS_POSTAL_CODE"] = parts[safe: 5]
        lead["ADDRESS_COUNTRY"] = parts[safe: 6]
    }

    /// Messengers, mapped to the lead's IM types (TELEGRAM VK SKYPE VIBER ICQ MSN JABBER OTHER):
    /// 3.0/4.0 `IMPP:skype:name`, Apple's `IMPP;X-SERVICE-TYPE=Telegram:x-apple:name`, a service
    /// named in TYPE (`IMPP;TYPE=SKYPE:name`), and the older `X-SKYPE`, `X-GOOGLE-TALK` & co.
    enum IM {
        /// The `X-…` messenger properties: the service they name (nil for any other property).
        static func service(ofProperty name: String) -> String? {
            switch name {
            case "X-SKYPE", "X-SKYPE-USERNAME": "skype"
            case "X-JABBER", "X-XMPP": "xmpp"
            case "X-GOOGLE-TALK", "X-GTALK": "gtalk"
            case "X-ICQ": "icq"
            case "X-MSN": "msn"
            case "X-TELEGRAM": "telegram"
            case "X-VIBER": "viber"
            case "X-VK", "X-VKONTAKTE": "vk"
            case "X-AIM": "aim"
            case "X-YAHOO": "ymsgr"
            case "X-QQ": "qq"
            case "X-WECHAT": "wechat"
            case "X-WHATSAPP": "whatsapp"
            case "X-GADUGADU": "gg"
            case "X-GROUPWISE": "groupwise"
            default: nil
            }
        }

        /// The lead's IM type for a service's name or URI scheme; nil for one the portal has no type for.
        static func leadType(ofService service: String) -> String? {
            switch service.lowercased().filter({ $0.isLetter || $0.isNumber }) {
            case "skype": "SKYPE"
            case "xmpp", "jabber", "gtalk", "googletalk": "JABBER"  // Google Talk was XMPP
            case "icq": "ICQ"
            case "msn", "msnim", "windowslive", "windowslivemessenger": "MSN"
            case "tg", "telegram": "TELEGRAM"
            case "viber": "VIBER"
            case "vk", "vkontakte": "VK"
            default: nil
            }
        }

        static func entry(_ property: VCardProperty, value: String) -> MultiFieldValue? {
            guard !value.isEmpty else { return nil }
            if let service = service(ofProperty: property.name) {
                let type = leadType(ofService: service)
                return MultiFieldValue(value: type == nil ? "\(service):\(value)" : value, valueType: type ?? "OTHER")
            }
            guard property.name == "IMPP" else { return nil }
            let parts = value.split(separator: ":", maxSplits: 1)
            let scheme = parts.count == 2 ? parts[0].lowercased() : nil
            let named = (property.parameters["X-SERVICE-TYPE"] ?? []) + (property.parameters["TYPE"] ?? [])
            guard let type = scheme.flatMap(leadType(ofService:)) ?? named.lazy.compactMap(leadType(ofService:)).first else {
                return MultiFieldValue(value: value, valueType: "OTHER")  // the scheme says which service
            }
            let bare = scheme != nil && (leadType(ofService: scheme!) != nil || scheme == "x-apple")
            return MultiFieldValue(value: bare ? String(parts[1]) : value, valueType: type)
        }
    }
}
