import LeadCore

/// What one CSV column becomes in a lead.
public enum CSVTarget: Sendable, Hashable {
    /// A lead field set as typed: NAME, POST, COMMENTS, a `UF_CRM_*` field, …
    case field(String)
    /// A multifield entry of a fixed VALUE_TYPE (Outlook's "Mobile Phone" is PHONE MOBILE).
    case multi(MultiFieldKind, type: String)
    /// A multifield entry whose VALUE_TYPE is read from the sibling "… - Type" or "… - Label"
    /// column (Google's "Phone 1 - Value" beside "Phone 1 - Label").
    case labelled(MultiFieldKind)
    /// A whole name ("Display Name", "Full Name", "ФИО") split into NAME, SECOND_NAME and
    /// LAST_NAME, used only when no name part is given (see `Lead.setPersonName`).
    case fullName(NameOrder)
    /// A birthday as exporters write it (ISO, `M/D/YYYY`, `D.M.YYYY`); BIRTHDATE when it is a whole
    /// date, otherwise a COMMENTS line, so a year-less "--05-14" never refuses the contact.
    case birthday
    /// One part (year, month, day) of a birthday spread over three columns (Thunderbird).
    case birthPart(BirthPart)
    /// A part of one of the contact's addresses; the first group (work before home) that has any
    /// part filled in becomes the lead's address, so parts of two addresses are never mixed.
    case address(group: Int, field: String)
    /// A `Label: value` line in COMMENTS for what a lead has no field for (department, LinkedIn's
    /// "Connected On").
    case comment(label: String)
    /// A known column with nothing for a lead (Outlook's Priority, Google's Photo, an export's ID).
    case ignored

    public enum BirthPart: Sendable, Hashable { case year, month, day }

    /// The order of the words of a whole name: given name first (vCard's FN, "Full Name") or
    /// family name first, as the header "ФИО" (Фамилия Имя Отчество) says.
    public enum NameOrder: Sendable, Hashable { case givenFirst, familyFirst }

    /// How the target reads in `--dry-run`.
    public var summary: String {
        switch self {
        case .field(let name): name
        case .multi(let kind, let type): "\(kind.rawValue) (\(type))"
        case .labelled(let kind): "\(kind.rawValue) (type from its label column)"
        case .fullName(.givenFirst): "NAME and LAST_NAME (the last word is the last name), when no name column is filled"
        case .fullName(.familyFirst): "LAST_NAME, NAME, SECOND_NAME in that order, when no name column is filled"
        case .birthday, .birthPart: "BIRTHDATE"
        case .address(_, let field): field
        case .comment(let label): "a \"\(label):\" line in COMMENTS"
        case .ignored: "ignored (nothing for a lead)"
        }
    }
}

/// A header layout a contact program writes, recognised by its column names.
public struct CSVProfile: Sendable {
    public let name: String
    /// Column name (normalised, numbers as `#`) → target.
    let columns: [String: CSVTarget]
    /// The profile applies when every column of one of these sets is in the header.
    let signatures: [[String]]
    /// What separates several values in one cell (Google's ` ::: `), besides the cell itself.
    let valueSeparator: String?

    init(_ name: String, signatures: [[String]], valueSeparator: String? = nil, columns: [String: CSVTarget]) {
        self.name = name
        self.signatures = signatures
        self.valueSeparator = valueSeparator
        self.columns = columns
    }

    /// The target of a column with this header, if the profile knows it.
    func target(_ header: String) -> CSVTarget? {
        let key = CSVProfile.key(header)
        return columns[key] ?? columns[CSVProfile.template(key)]
    }

    func matches(_ keys: Set<String>) -> Bool {
        signatures.contains { $0.allSatisfy(keys.contains) }
    }

    /// A header compared without case, surrounding spaces or doubled inner spaces (see `cleaned`).
    static func key(_ header: String) -> String {
        cleaned(header).lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// The header as written, without surrounding spaces, a byte-order mark or zero-width
    /// character, or quotes around it (`"Email"` as a spreadsheet double-quoted it).
    static func cleaned(_ header: String) -> String {
        let visible = header.unicodeScalars.filter { !["\u{FEFF}", "\u{200B}", "\u{200C}", "\u{200D}"].contains($0) }
        var text = String(String.UnicodeScalarView(visible)).trimmingSpaces
        let quotes: Set<Character> = ["\"", "'", "“", "”", "«", "»", "„"]
        while text.count >= 2, let first = text.first, let last = text.last, quotes.contains(first), quotes.contains(last) {
            text = String(text.dropFirst().dropLast()).trimmingSpaces
        }
        return text
    }

    /// The key with each run of digits as `#`, so "E-mail 3 - Value" finds "e-mail # - value".
    static func template(_ key: String) -> String {
        var out = ""
        var lastWasDigit = false
        for ch in key {
            if ch.isASCII && ch.isNumber {
                if !lastWasDigit { out.append("#") }
                lastWasDigit = true
            } else {
                out.append(ch)
                lastWasDigit = false
            }
        }
        return out
    }
}

extension CSVProfile {
    /// Every exporter profile, most specific first (the first whose signature matches is used).
    public static let exporters: [CSVProfile] = [
        .googleCurrent, .googleLegacy, .linkedIn, .thunderbird, .outlookGerman, .outlookRussian, .outlookEnglish,
        .appleContacts, .hubSpot, .salesforce, .eventbrite, .bitrix24Contacts, .bitrix24,
    ]

    /// Google Contacts' export since 2020 (contacts.google.com → Export → Google CSV).
    static let googleCurrent = CSVProfile(
        "Google Contacts",
        signatures: [
            ["first name", "e-mail 1 - value"], ["first name", "phone 1 - value"], ["first name", "organization name"], ["labels", "file as"],
        ],
        valueSeparator: ":::",
        columns: google.merging([
            "first name": .field("NAME"), "middle name": .field("SECOND_NAME"), "last name": .field("LAST_NAME"),
            "file as": .fullName(.givenFirst), "organization name": .field("COMPANY_TITLE"), "organization title": .field("POST"),
            "organization department": .comment(label: "Department"), "labels": .ignored,
            "phonetic first name": .ignored, "phonetic middle name": .ignored, "phonetic last name": .ignored,
            "e-mail # - label": .ignored, "phone # - label": .ignored, "address # - label": .ignored,
            "website # - label": .ignored, "relation # - label": .ignored, "relation # - value": .ignored,
            "event # - label": .ignored, "event # - value": .ignored, "im # - label": .ignored, "im # - service": .ignored,
            "custom field # - label": .ignored, "custom field # - value": .ignored,
        ]) { $1 })

    /// Gmail's "Google CSV" before 2020 (`Given Name`, `E-mail 1 - Value`, `Organization 1 - Name`).
    static let googleLegacy = CSVProfile(
        "Google Contacts (legacy export)",
        signatures: [["given name", "e-mail 1 - value"], ["given name", "phone 1 - value"], ["given name", "family name"]],
        valueSeparator: ":::",
        columns: google.merging([
            "name": .fullName(.givenFirst), "given name": .field("NAME"), "additional name": .field("SECOND_NAME"),
            "family name": .field("LAST_NAME"),
            "yomi name": .ignored, "given name yomi": .ignored, "additional name yomi": .ignored, "family name yomi": .ignored,
            "initials": .ignored, "short name": .ignored, "maiden name": .ignored, "gender": .ignored, "location": .ignored,
            "billing information": .ignored, "directory server": .ignored, "mileage": .ignored, "occupation": .comment(label: "Occupation"),
            "hobby": .ignored, "sensitivity": .ignored, "priority": .ignored, "subject": .ignored, "language": .ignored,
            "group membership": .ignored, "e-mail # - type": .ignored, "phone # - type": .ignored, "address # - type": .ignored,
            "organization # - type": .ignored, "organization # - name": .field("COMPANY_TITLE"), "organization # - yomi name": .ignored,
            "organization # - title": .field("POST"), "organization # - department": .comment(label: "Department"),
            "organization # - symbol": .ignored, "organization # - location": .ignored, "organization # - job description": .ignored,
            "website # - type": .ignored, "im # - type": .ignored, "im # - service": .ignored, "im # - value": .ignored,
            "relation # - type": .ignored, "relation # - value": .ignored, "event # - type": .ignored, "event # - value": .ignored,
            "custom field # - type": .ignored, "custom field # - value": .ignored, "external id # - type": .ignored,
            "external id # - value": .ignored,
        ]) { $1 })

    /// Columns both Google exports share.
    private static let google: [String: CSVTarget] = [
        "name prefix": .ignored, "name suffix": .ignored, "nickname": .ignored, "birthday": .birthday, "notes": .field("COMMENTS"),
        "photo": .ignored, "e-mail # - value": .labelled(.email), "phone # - value": .labelled(.phone),
        "address # - formatted": .ignored, "address # - street": .address(group: 1, field: "ADDRESS"),
        "address # - city": .address(group: 1, field: "ADDRESS_CITY"), "address # - po box": .ignored,
        "address # - region": .address(group: 1, field: "ADDRESS_PROVINCE"),
        "address # - postal code": .address(group: 1, field: "ADDRESS_POSTAL_CODE"),
        "address # - country": .address(group: 1, field: "ADDRESS_COUNTRY"),
        "address # - extended address": .address(group: 1, field: "ADDRESS_2"), "website # - value": .labelled(.web),
    ]

    /// LinkedIn's Connections.csv (Settings → Data privacy → Get a copy of your data), which
    /// starts with a `Notes:` paragraph before the header.
    static let linkedIn = CSVProfile(
        "LinkedIn Connections",
        signatures: [["first name", "last name", "connected on"]],
        columns: [
            "first name": .field("NAME"), "last name": .field("LAST_NAME"), "url": .multi(.web, type: "OTHER"),
            "email address": .multi(.email, type: "WORK"), "company": .field("COMPANY_TITLE"), "position": .field("POST"),
            "connected on": .comment(label: "LinkedIn connection since"),
        ])

    /// Thunderbird's address book export (Tools → Export → comma or tab separated); each line ends
    /// with a comma, so the last column has no name.
    static let thunderbird = CSVProfile(
        "Thunderbird",
        signatures: [["primary email", "display name"], ["primary email", "first name"]],
        columns: [
            "first name": .field("NAME"), "last name": .field("LAST_NAME"), "display name": .fullName(.givenFirst), "nickname": .ignored,
            "primary email": .multi(.email, type: "WORK"), "secondary email": .multi(.email, type: "HOME"),
            "screen name": .multi(.im, type: "OTHER"), "work phone": .multi(.phone, type: "WORK"), "home phone": .multi(.phone, type: "HOME"),
            "fax number": .multi(.phone, type: "FAX"), "pager number": .multi(.phone, type: "PAGER"),
            "mobile number": .multi(.phone, type: "MOBILE"),
            "work address": .address(group: 1, field: "ADDRESS"), "work address 2": .address(group: 1, field: "ADDRESS_2"),
            "work city": .address(group: 1, field: "ADDRESS_CITY"), "work state": .address(group: 1, field: "ADDRESS_PROVINCE"),
            "work zipcode": .address(group: 1, field: "ADDRESS_POSTAL_CODE"), "work country": .address(group: 1, field: "ADDRESS_COUNTRY"),
            "home address": .address(group: 2, field: "ADDRESS"), "home address 2": .address(group: 2, field: "ADDRESS_2"),
            "home city": .address(group: 2, field: "ADDRESS_CITY"), "home state": .address(group: 2, field: "ADDRESS_PROVINCE"),
            "home zipcode": .address(group: 2, field: "ADDRESS_POSTAL_CODE"), "home country": .address(group: 2, field: "ADDRESS_COUNTRY"),
            "job title": .field("POST"), "department": .comment(label: "Department"), "organization": .field("COMPANY_TITLE"),
            "web page 1": .multi(.web, type: "WORK"), "web page 2": .multi(.web, type: "HOME"),
            "birth year": .birthPart(.year), "birth month": .birthPart(.month), "birth day": .birthPart(.day),
            "custom #": .ignored, "notes": .field("COMMENTS"), "": .ignored,
        ])

    /// Outlook's export (File → Open & Export → Import/Export → Comma Separated Values), English.
    static let outlookEnglish = CSVProfile(
        "Outlook",
        signatures: [["first name", "e-mail address"], ["first name", "business phone"], ["last name", "e-mail address"]],
        columns: [
            "title": .ignored, "first name": .field("NAME"), "middle name": .field("SECOND_NAME"), "last name": .field("LAST_NAME"),
            "suffix": .ignored, "nickname": .ignored, "given yomi": .ignored, "surname yomi": .ignored, "company yomi": .ignored,
            "company": .field("COMPANY_TITLE"), "department": .comment(label: "Department"), "job title": .field("POST"),
            "business street": .address(group: 1, field: "ADDRESS"), "business street #": .address(group: 1, field: "ADDRESS_2"),
            "business city": .address(group: 1, field: "ADDRESS_CITY"), "business state": .address(group: 1, field: "ADDRESS_PROVINCE"),
            "business postal code": .address(group: 1, field: "ADDRESS_POSTAL_CODE"),
            "business country/region": .address(group: 1, field: "ADDRESS_COUNTRY"),
            "home street": .address(group: 2, field: "ADDRESS"), "home street #": .address(group: 2, field: "ADDRESS_2"),
            "home city": .address(group: 2, field: "ADDRESS_CITY"), "home state": .address(group: 2, field: "ADDRESS_PROVINCE"),
            "home postal code": .address(group: 2, field: "ADDRESS_POSTAL_CODE"), "home country/region": .address(group: 2, field: "ADDRESS_COUNTRY"),
            "other street": .address(group: 3, field: "ADDRESS"), "other street #": .address(group: 3, field: "ADDRESS_2"),
            "other city": .address(group: 3, field: "ADDRESS_CITY"), "other state": .address(group: 3, field: "ADDRESS_PROVINCE"),
            "other postal code": .address(group: 3, field: "ADDRESS_POSTAL_CODE"),
            "other country/region": .address(group: 3, field: "ADDRESS_COUNTRY"),
            "assistant's phone": .multi(.phone, type: "OTHER"), "business fax": .multi(.phone, type: "FAX"),
            "business phone": .multi(.phone, type: "WORK"), "business phone #": .multi(.phone, type: "WORK"),
            "callback": .multi(.phone, type: "OTHER"), "car phone": .multi(.phone, type: "OTHER"),
            "company main phone": .multi(.phone, type: "WORK"), "home fax": .multi(.phone, type: "FAX"),
            "home phone": .multi(.phone, type: "HOME"), "home phone #": .multi(.phone, type: "HOME"), "isdn": .multi(.phone, type: "OTHER"),
            "mobile phone": .multi(.phone, type: "MOBILE"), "other fax": .multi(.phone, type: "FAX"), "other phone": .multi(.phone, type: "OTHER"),
            "pager": .multi(.phone, type: "PAGER"), "primary phone": .multi(.phone, type: "WORK"), "radio phone": .multi(.phone, type: "OTHER"),
            "tty/tdd phone": .multi(.phone, type: "OTHER"), "telex": .multi(.phone, type: "OTHER"),
            "e-mail address": .multi(.email, type: "WORK"), "e-mail # address": .multi(.email, type: "WORK"),
            "e-mail type": .ignored, "e-mail # type": .ignored, "e-mail display name": .ignored, "e-mail # display name": .ignored,
            "web page": .multi(.web, type: "WORK"), "personal web page": .multi(.web, type: "HOME"), "imaddress": .multi(.im, type: "OTHER"),
            "birthday": .birthday, "notes": .field("COMMENTS"), "account": .ignored, "anniversary": .ignored, "assistant's name": .ignored,
            "billing information": .ignored, "business address po box": .ignored, "categories": .ignored, "children": .ignored,
            "directory server": .ignored, "gender": .ignored, "government id number": .ignored, "hobby": .ignored,
            "home address po box": .ignored, "initials": .ignored, "internet free busy": .ignored, "keywords": .ignored,
            "language": .ignored, "location": .ignored, "manager's name": .ignored, "mileage": .ignored, "office location": .ignored,
            "organizational id number": .ignored, "other address po box": .ignored, "priority": .ignored, "private": .ignored,
            "profession": .ignored, "referred by": .ignored, "sensitivity": .ignored, "spouse": .ignored, "schools": .ignored,
            "user #": .ignored,
        ])

    /// Outlook's export on a German Windows (the same layout under German names, `;` or `,`).
    static let outlookGerman = CSVProfile(
        "Outlook (German)",
        signatures: [["vorname", "nachname", "e-mail-adresse"], ["vorname", "nachname", "firma"]],
        columns: [
            "anrede": .ignored, "vorname": .field("NAME"), "weitere vornamen": .field("SECOND_NAME"), "nachname": .field("LAST_NAME"),
            "suffix": .ignored, "firma": .field("COMPANY_TITLE"), "abteilung": .comment(label: "Abteilung"), "position": .field("POST"),
            "straße geschäftlich": .address(group: 1, field: "ADDRESS"), "straße geschäftlich #": .address(group: 1, field: "ADDRESS_2"),
            "ort geschäftlich": .address(group: 1, field: "ADDRESS_CITY"), "region geschäftlich": .address(group: 1, field: "ADDRESS_PROVINCE"),
            "postleitzahl geschäftlich": .address(group: 1, field: "ADDRESS_POSTAL_CODE"),
            "land/region geschäftlich": .address(group: 1, field: "ADDRESS_COUNTRY"),
            "straße privat": .address(group: 2, field: "ADDRESS"), "straße privat #": .address(group: 2, field: "ADDRESS_2"),
            "ort privat": .address(group: 2, field: "ADDRESS_CITY"), "bundesland/kanton privat": .address(group: 2, field: "ADDRESS_PROVINCE"),
            "postleitzahl privat": .address(group: 2, field: "ADDRESS_POSTAL_CODE"),
            "land/region privat": .address(group: 2, field: "ADDRESS_COUNTRY"),
            "telefon geschäftlich": .multi(.phone, type: "WORK"), "telefon geschäftlich #": .multi(.phone, type: "WORK"),
            "telefon firma": .multi(.phone, type: "WORK"), "haupttelefon": .multi(.phone, type: "WORK"),
            "mobiltelefon": .multi(.phone, type: "MOBILE"), "mobiltelefon #": .multi(.phone, type: "MOBILE"),
            "telefon privat": .multi(.phone, type: "HOME"), "telefon privat #": .multi(.phone, type: "HOME"),
            "fax geschäftlich": .multi(.phone, type: "FAX"), "fax privat": .multi(.phone, type: "FAX"), "weiteres fax": .multi(.phone, type: "FAX"),
            "weiteres telefon": .multi(.phone, type: "OTHER"), "pager": .multi(.phone, type: "PAGER"), "autotelefon": .multi(.phone, type: "OTHER"),
            "telefon assistent": .multi(.phone, type: "OTHER"), "isdn": .multi(.phone, type: "OTHER"),
            "e-mail-adresse": .multi(.email, type: "WORK"), "e-mail #: adresse": .multi(.email, type: "WORK"),
            "e-mail-typ": .ignored, "e-mail: angezeigter name": .ignored, "e-mail #: typ": .ignored, "e-mail #: angezeigter name": .ignored,
            "webseite": .multi(.web, type: "WORK"), "geburtstag": .birthday, "notizen": .field("COMMENTS"),
            "jahrestag": .ignored, "kategorien": .ignored, "priorität": .ignored, "privat": .ignored, "vertraulichkeit": .ignored,
            "geschlecht": .ignored, "initialen": .ignored, "sprache": .ignored, "stichwörter": .ignored, "benutzer #": .ignored,
            "büro": .ignored, "beruf": .ignored, "kinder": .ignored, "konto": .ignored, "hobby": .ignored, "ort": .ignored,
            "partner": .ignored, "reisekilometer": .ignored, "abrechnungsinformation": .ignored, "internet-frei/gebucht": .ignored,
        ])

    /// Outlook's export on a Russian Windows (written in Windows-1251).
    static let outlookRussian = CSVProfile(
        "Outlook (Russian)",
        signatures: [["имя", "адрес эл. почты"], ["имя", "фамилия", "организация"]],
        columns: [
            "обращение": .ignored, "имя": .field("NAME"), "отчество": .field("SECOND_NAME"), "фамилия": .field("LAST_NAME"),
            "суффикс": .ignored, "организация": .field("COMPANY_TITLE"), "отдел": .comment(label: "Отдел"), "должность": .field("POST"),
            "улица (раб. адрес)": .address(group: 1, field: "ADDRESS"), "улица # (раб. адрес)": .address(group: 1, field: "ADDRESS_2"),
            "город (раб. адрес)": .address(group: 1, field: "ADDRESS_CITY"), "область (раб. адрес)": .address(group: 1, field: "ADDRESS_PROVINCE"),
            "индекс (раб. адрес)": .address(group: 1, field: "ADDRESS_POSTAL_CODE"),
            "страна или регион (раб. адрес)": .address(group: 1, field: "ADDRESS_COUNTRY"),
            "улица (дом. адрес)": .address(group: 2, field: "ADDRESS"), "улица # (дом. адрес)": .address(group: 2, field: "ADDRESS_2"),
            "город (дом. адрес)": .address(group: 2, field: "ADDRESS_CITY"), "область (дом. адрес)": .address(group: 2, field: "ADDRESS_PROVINCE"),
            "почтовый код (дом. адрес)": .address(group: 2, field: "ADDRESS_POSTAL_CODE"),
            "страна или регион (дом. адрес)": .address(group: 2, field: "ADDRESS_COUNTRY"),
            "рабочий телефон": .multi(.phone, type: "WORK"), "телефон раб. #": .multi(.phone, type: "WORK"),
            "основной телефон": .multi(.phone, type: "WORK"), "основной телефон организации": .multi(.phone, type: "WORK"),
            "телефон переносной": .multi(.phone, type: "MOBILE"), "мобильный телефон": .multi(.phone, type: "MOBILE"),
            "домашний телефон": .multi(.phone, type: "HOME"), "телефон дом. #": .multi(.phone, type: "HOME"),
            "рабочий факс": .multi(.phone, type: "FAX"), "домашний факс": .multi(.phone, type: "FAX"), "другой факс": .multi(.phone, type: "FAX"),
            "другой телефон": .multi(.phone, type: "OTHER"), "пейджер": .multi(.phone, type: "PAGER"),
            "адрес эл. почты": .multi(.email, type: "WORK"), "адрес # эл. почты": .multi(.email, type: "WORK"),
            "тип эл. почты": .ignored, "краткое имя эл. почты": .ignored, "тип # эл. почты": .ignored, "краткое имя # эл. почты": .ignored,
            "веб-страница": .multi(.web, type: "WORK"), "день рождения": .birthday, "заметки": .field("COMMENTS"),
            "годовщина": .ignored, "категории": .ignored, "важность": .ignored, "пометка": .ignored, "личный": .ignored, "пол": .ignored,
            "инициалы": .ignored, "язык": .ignored, "ключевые слова": .ignored, "пользователь #": .ignored, "дети": .ignored,
        ])

    /// The macOS Contacts / Address Book tab-separated export (as written by its "Export…" text
    /// exporters): Apple's own field labels with the label of each phone and e-mail in brackets.
    static let appleContacts = CSVProfile(
        "macOS Address Book",
        signatures: [["first", "last", "organization"], ["first name", "last name", "phone (work)"], ["first", "last", "email (work)"]],
        columns: [
            "first": .field("NAME"), "first name": .field("NAME"), "middle": .field("SECOND_NAME"), "middle name": .field("SECOND_NAME"),
            "last": .field("LAST_NAME"), "last name": .field("LAST_NAME"), "organization": .field("COMPANY_TITLE"),
            "company": .field("COMPANY_TITLE"), "job title": .field("POST"), "department": .comment(label: "Department"),
            "phone (work)": .multi(.phone, type: "WORK"), "phone (mobile)": .multi(.phone, type: "MOBILE"),
            "phone (iphone)": .multi(.phone, type: "MOBILE"), "phone (home)": .multi(.phone, type: "HOME"),
            "phone (main)": .multi(.phone, type: "WORK"), "phone (work fax)": .multi(.phone, type: "FAX"),
            "phone (home fax)": .multi(.phone, type: "FAX"), "phone (pager)": .multi(.phone, type: "PAGER"),
            "phone (other)": .multi(.phone, type: "OTHER"), "email (work)": .multi(.email, type: "WORK"),
            "email (home)": .multi(.email, type: "HOME"), "email (other)": .multi(.email, type: "OTHER"),
            "url (homepage)": .multi(.web, type: "WORK"), "url (work)": .multi(.web, type: "WORK"), "url (home)": .multi(.web, type: "HOME"),
            "street (work)": .address(group: 1, field: "ADDRESS"), "city (work)": .address(group: 1, field: "ADDRESS_CITY"),
            "state (work)": .address(group: 1, field: "ADDRESS_PROVINCE"), "zip (work)": .address(group: 1, field: "ADDRESS_POSTAL_CODE"),
            "country (work)": .address(group: 1, field: "ADDRESS_COUNTRY"),
            "street (home)": .address(group: 2, field: "ADDRESS"), "city (home)": .address(group: 2, field: "ADDRESS_CITY"),
            "state (home)": .address(group: 2, field: "ADDRESS_PROVINCE"), "zip (home)": .address(group: 2, field: "ADDRESS_POSTAL_CODE"),
            "country (home)": .address(group: 2, field: "ADDRESS_COUNTRY"),
            "birthday": .birthday, "note": .field("COMMENTS"), "nickname": .ignored, "prefix": .ignored, "suffix": .ignored,
        ])

    /// Bitrix24's own lead list export (CRM → Leads → ⚙ → Export to CSV): Russian column titles,
    /// `;` between fields, a UTF-8 byte-order mark, several phones in one cell joined by ", ".
    /// Stage, source and responsible person are exported as display names, not codes, so they
    /// become COMMENTS lines rather than fields the portal would refuse.
    static let bitrix24 = CSVProfile(
        "Bitrix24 lead export",
        signatures: [["название лида"], ["имя", "фамилия", "рабочий e-mail"], ["имя", "фамилия", "рабочий телефон"]],
        valueSeparator: ",",
        columns: [
            "id": .ignored, "название лида": .field("TITLE"), "обращение": .ignored, "имя": .field("NAME"), "отчество": .field("SECOND_NAME"),
            "фамилия": .field("LAST_NAME"), "дата рождения": .birthday, "название компании": .field("COMPANY_TITLE"),
            "компания": .field("COMPANY_TITLE"), "должность": .field("POST"),
            "адрес": .address(group: 1, field: "ADDRESS"), "улица, дом": .address(group: 1, field: "ADDRESS"),
            "квартира / офис": .address(group: 1, field: "ADDRESS_2"), "город": .address(group: 1, field: "ADDRESS_CITY"),
            "район": .address(group: 1, field: "ADDRESS_REGION"), "область": .address(group: 1, field: "ADDRESS_PROVINCE"),
            "почтовый индекс": .address(group: 1, field: "ADDRESS_POSTAL_CODE"), "страна": .address(group: 1, field: "ADDRESS_COUNTRY"),
            "рабочий телефон": .multi(.phone, type: "WORK"), "мобильный телефон": .multi(.phone, type: "MOBILE"),
            "номер факса": .multi(.phone, type: "FAX"), "домашний телефон": .multi(.phone, type: "HOME"),
            "номер пейджера": .multi(.phone, type: "PAGER"), "телефон для рассылок": .multi(.phone, type: "MAILING"),
            "другой телефон": .multi(.phone, type: "OTHER"), "рабочий e-mail": .multi(.email, type: "WORK"),
            "частный e-mail": .multi(.email, type: "HOME"), "e-mail для рассылок": .multi(.email, type: "MAILING"),
            "другой e-mail": .multi(.email, type: "OTHER"), "корпоративный сайт": .multi(.web, type: "WORK"),
            "личная страница": .multi(.web, type: "HOME"), "страница вконтакте": .multi(.web, type: "VK"),
            "страница livejournal": .multi(.web, type: "LIVEJOURNAL"), "микроблог twitter": .multi(.web, type: "TWITTER"),
            "другой сайт": .multi(.web, type: "OTHER"), "контакт telegram": .multi(.im, type: "TELEGRAM"),
            "контакт skype": .multi(.im, type: "SKYPE"), "контакт viber": .multi(.im, type: "VIBER"),
            "контакт вконтакте": .multi(.im, type: "VK"), "контакт icq": .multi(.im, type: "ICQ"),
            "контакт msn/live!": .multi(.im, type: "MSN"), "контакт jabber": .multi(.im, type: "JABBER"),
            "другой контакт": .multi(.im, type: "OTHER"), "комментарий": .field("COMMENTS"),
            "дополнительно об источнике": .field("SOURCE_DESCRIPTION"), "стадия": .comment(label: "Стадия"),
            "источник": .comment(label: "Источник"), "ответственный": .comment(label: "Ответственный"),
            "сумма": .comment(label: "Сумма"), "валюта": .ignored, "дата создания": .ignored, "дата изменения": .ignored,
            "кем создан": .ignored, "кем изменен": .ignored, "кем изменён": .ignored, "доступен для всех": .ignored,
            "дополнительно о стадии": .field("STATUS_DESCRIPTION"),
        ])

    /// HubSpot's contact export (Contacts → Export): property labels as column titles, the
    /// owner and stages as display names (COMMENTS lines), "Email Domain" a domain, not an address.
    static let hubSpot = CSVProfile(
        "HubSpot contact export",
        signatures: [["record id", "lifecycle stage"], ["record id", "contact owner"], ["record id", "first name", "email"]],
        columns: [
            "record id": .ignored, "first name": .field("NAME"), "last name": .field("LAST_NAME"), "email": .multi(.email, type: "WORK"),
            "additional email addresses": .multi(.email, type: "OTHER"), "phone number": .multi(.phone, type: "WORK"),
            "mobile phone number": .multi(.phone, type: "MOBILE"),
            "fax number": .multi(.phone, type: "FAX"), "company name": .field("COMPANY_TITLE"), "job title": .field("POST"),
            "website url": .multi(.web, type: "WORK"), "street address": .address(group: 1, field: "ADDRESS"),
            "city": .address(group: 1, field: "ADDRESS_CITY"), "state/region": .address(group: 1, field: "ADDRESS_PROVINCE"),
            "postal code": .address(group: 1, field: "ADDRESS_POSTAL_CODE"), "country/region": .address(group: 1, field: "ADDRESS_COUNTRY"),
            "contact owner": .comment(label: "HubSpot owner"), "lifecycle stage": .comment(label: "Lifecycle stage"),
            "lead status": .comment(label: "Lead status"), "original source": .comment(label: "Original source"),
            "associated company": .comment(label: "Associated company"), "message": .field("COMMENTS"),
            "create date": .ignored, "last activity date": .ignored, "last modified date": .ignored, "email domain": .ignored,
            "associated company ids": .ignored, "associated company ids (primary)": .ignored, "marketing contact status": .ignored,
            "hubspot score": .ignored, "number of associated deals": .ignored, "associated deals": .ignored,
        ])

    /// A Salesforce report exported as CSV ("Export → Details Only"): every cell quoted, the
    /// contact's or lead's fields under their labels, `Mailing …` address parts, M/D/YYYY dates.
    /// Its footer (report title, copyright, "Generated By") is dropped by `CSVImport`.
    static let salesforce = CSVProfile(
        "Salesforce report",
        signatures: [
            ["first name", "last name", "account name"], ["first name", "mailing street"], ["lead owner", "company / account"],
            ["contact owner", "account name"],
        ],
        columns: [
            "contact owner": .comment(label: "Salesforce owner"), "lead owner": .comment(label: "Salesforce owner"),
            "account owner": .ignored, "salutation": .ignored, "first name": .field("NAME"), "middle name": .field("SECOND_NAME"),
            "last name": .field("LAST_NAME"), "suffix": .ignored, "title": .field("POST"), "department": .comment(label: "Department"),
            "account name": .field("COMPANY_TITLE"), "company / account": .field("COMPANY_TITLE"), "company": .field("COMPANY_TITLE"),
            "mailing street": .address(group: 1, field: "ADDRESS"), "mailing city": .address(group: 1, field: "ADDRESS_CITY"),
            "mailing state/province": .address(group: 1, field: "ADDRESS_PROVINCE"),
            "mailing zip/postal code": .address(group: 1, field: "ADDRESS_POSTAL_CODE"),
            "mailing country": .address(group: 1, field: "ADDRESS_COUNTRY"),
            "street": .address(group: 1, field: "ADDRESS"), "city": .address(group: 1, field: "ADDRESS_CITY"),
            "state/province": .address(group: 1, field: "ADDRESS_PROVINCE"), "zip/postal code": .address(group: 1, field: "ADDRESS_POSTAL_CODE"),
            "country": .address(group: 1, field: "ADDRESS_COUNTRY"), "phone": .multi(.phone, type: "WORK"),
            "mobile": .multi(.phone, type: "MOBILE"), "home phone": .multi(.phone, type: "HOME"), "other phone": .multi(.phone, type: "OTHER"),
            "fax": .multi(.phone, type: "FAX"), "email": .multi(.email, type: "WORK"), "website": .multi(.web, type: "WORK"),
            "lead source": .comment(label: "Lead source"), "lead status": .comment(label: "Lead status"), "rating": .comment(label: "Rating"),
            "birthdate": .birthday, "description": .field("COMMENTS"), "created date": .ignored, "last modified date": .ignored,
            "last activity": .ignored, "contact id": .ignored, "lead id": .ignored, "account id": .ignored, "email opt out": .ignored,
        ])

    /// Eventbrite's attendee report (Manage attendees → Reports → Attendee summary → Export CSV):
    /// order and ticket columns, then the questions the organiser asked — a work and a home
    /// address, "Cell Phone", "Work Phone", "Job Title", "Company".
    static let eventbrite = CSVProfile(
        "Eventbrite attendee report",
        signatures: [["order #", "ticket type"], ["order #", "attendee status"]],
        columns: [
            "order #": .comment(label: "Eventbrite order"), "order date": .ignored, "prefix": .ignored, "first name": .field("NAME"),
            "last name": .field("LAST_NAME"), "suffix": .ignored, "email": .multi(.email, type: "WORK"), "quantity": .ignored,
            "ticket type": .comment(label: "Ticket"), "attendee #": .ignored, "barcode #": .ignored, "order type": .ignored,
            "currency": .ignored, "total paid": .ignored, "fees paid": .ignored, "eventbrite fees": .ignored,
            "eventbrite payment processing": .ignored, "attendee status": .ignored, "checked in": .ignored, "discount": .ignored,
            "hold": .ignored, "device name": .ignored,
            "work address 1": .address(group: 1, field: "ADDRESS"), "work address 2": .address(group: 1, field: "ADDRESS_2"),
            "work city": .address(group: 1, field: "ADDRESS_CITY"),
            "work state": .address(group: 1, field: "ADDRESS_PROVINCE"), "work zip": .address(group: 1, field: "ADDRESS_POSTAL_CODE"),
            "work country": .address(group: 1, field: "ADDRESS_COUNTRY"),
            "home address 1": .address(group: 2, field: "ADDRESS"), "home address 2": .address(group: 2, field: "ADDRESS_2"),
            "home city": .address(group: 2, field: "ADDRESS_CITY"),
            "home state": .address(group: 2, field: "ADDRESS_PROVINCE"), "home zip": .address(group: 2, field: "ADDRESS_POSTAL_CODE"),
            "home country": .address(group: 2, field: "ADDRESS_COUNTRY"),
            "cell phone": .multi(.phone, type: "MOBILE"), "work phone": .multi(.phone, type: "WORK"), "home phone": .multi(.phone, type: "HOME"),
            "job title": .field("POST"), "company": .field("COMPANY_TITLE"), "website": .multi(.web, type: "WORK"),
            "blog": .multi(.web, type: "HOME"),
            "gender": .ignored, "age": .ignored, "birth date": .birthday,
        ])

    /// Bitrix24's contact list export (CRM → Contacts → ⚙ → Export to CSV): the lead export's
    /// layout without the lead's title, with "Компания" and "Тип контакта".
    static let bitrix24Contacts = CSVProfile(
        "Bitrix24 contact export",
        signatures: [["тип контакта"], ["имя", "компания", "рабочий e-mail"], ["имя", "компания", "рабочий телефон"]],
        valueSeparator: ",",
        columns: bitrix24.columns.merging([
            "тип контакта": .comment(label: "Тип контакта"), "экспорт": .ignored, "фотография": .ignored,
            "участвует в экспорте контактов": .ignored, "компании": .field("COMPANY_TITLE"),
        ]) { $1 })
}
