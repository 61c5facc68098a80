import LeadCore

/// Everyday column names — what people and CRMs call a column when no known export's layout
/// matches ("Full Name", "Email Address", "Mobile Phone", "Business", "Handy", "ФИО", "Эл. почта") —
/// in English, German, Russian, French and Spanish.
///
/// Headers are compared by their `compact` form (letters and digits only, lower case, ё as е), so
/// `E-mail Address`, `email_address`, `EmailAddress` and `"Email Address"` are one name. A name
/// with a number (`Phone 2`, `Email 3`) that the table does not list is looked up without it.
public enum HeaderSynonyms {
    /// The target of an everyday column name, or nil when the table does not know it.
    public static func target(_ header: String) -> CSVTarget? {
        let key = compact(header)
        guard !key.isEmpty else { return nil }
        if let target = table[key] { return target }
        let withoutDigits = key.filter { !($0.isASCII && $0.isNumber) }
        return withoutDigits == key ? nil : table[withoutDigits]
    }

    /// Whether the header is "Name" (or "Nombre"): a first name beside a last-name column, a last
    /// name beside a first-name column (German lists write `Vorname;Name`), else a whole name.
    public static func isAmbiguousName(_ header: String) -> Bool {
        ambiguousNames.contains(compact(header))
    }

    static let ambiguousNames: Set<String> = ["name", "nombre"]

    /// The header as letters and digits only, lower-cased, with ё as е: a byte-order mark, quotes,
    /// spaces, hyphens, underscores, dots and brackets do not tell two names apart.
    public static func compact(_ header: String) -> String {
        var out = ""
        for ch in header.lowercased() {
            if ch == "ё" { out.append("е") } else if ch.isLetter || ch.isNumber { out.append(ch) }
        }
        return out
    }

    private static func phone(_ type: String) -> CSVTarget { .multi(.phone, type: type) }
    private static func email(_ type: String) -> CSVTarget { .multi(.email, type: type) }
    private static func web(_ type: String) -> CSVTarget { .multi(.web, type: type) }
    private static func address(_ field: String) -> CSVTarget { .address(group: 1, field: field) }

    /// Target → the names that mean it. Kept as a list of groups so a reader sees every spelling of
    /// one meaning together; `table` is its index by compact name.
    static let groups: [(CSVTarget, [String])] = [
        (
            .field("NAME"),
            [
                "First Name", "First", "Firstname", "FName", "Given Name", "Forename", "Contact First Name",
                "Attendee First Name", "Vorname", "Имя", "Prénom", "Prenom", "Nombre de pila",
            ]
        ),
        (
            .field("LAST_NAME"),
            [
                "Last Name", "Last", "Lastname", "LName", "Surname", "Family Name", "Contact Last Name",
                "Attendee Last Name", "Nachname", "Familienname", "Фамилия", "Nom", "Nom de famille",
                "Apellido", "Apellidos",
            ]
        ),
        (
            .field("SECOND_NAME"),
            [
                "Middle Name", "Middle", "Second Name", "Weitere Vornamen", "Zweiter Vorname", "Отчество",
                "Second prénom", "Segundo nombre",
            ]
        ),
        (
            .fullName(.givenFirst),
            [
                "Full Name", "Name", "Contact", "Contact Name", "Contact Person", "Display Name",
                "Attendee Name", "Person", "Vollständiger Name", "Vollstaendiger Name", "Ansprechpartner",
                "Kontaktperson", "Имя и фамилия", "Полное имя", "Контакт", "Контактное лицо",
                "Nom complet", "Nombre", "Nombre completo",
            ]
        ),
        (.fullName(.familyFirst), ["ФИО", "Ф.И.О.", "Фамилия Имя Отчество", "Фамилия, имя, отчество", "Фамилия и имя"]),

        (
            email("WORK"),
            [
                "Email", "E-mail", "Mail", "Email Address", "E-mail Address", "Email Addresses", "Emails",
                "Primary Email", "Email (Primary)", "Contact Email", "Work Email", "Business Email", "Office Email",
                "Email Work", "Attendee Email", "E-Mail-Adresse", "E-Mail Adresse", "E-Mail geschäftlich",
                "Geschäftliche E-Mail", "Эл. почта", "Электронная почта", "Адрес эл. почты",
                "Адрес электронной почты", "Почта", "Емейл", "Емэйл", "Имейл", "Рабочий e-mail", "Рабочая почта",
                "Courriel", "Adresse e-mail", "Adresse email", "Correo", "Correo electrónico", "Correo electronico",
            ]
        ),
        (
            email("HOME"),
            [
                "Home Email", "Personal Email", "Private Email", "Email Home", "E-Mail privat", "Private E-Mail",
                "Личный e-mail", "Личная почта", "Частный e-mail", "E-mail personnel", "Correo personal",
            ]
        ),
        (
            email("OTHER"),
            [
                "Other Email", "Secondary Email", "Alternate Email", "Alternative Email", "Additional Email",
                "Email 2", "Weitere E-Mail", "Другой e-mail", "Дополнительный e-mail",
            ]
        ),

        (
            phone("WORK"),
            [
                "Phone", "Phone Number", "Phones", "Telephone", "Tel", "Tel.", "Work Phone", "Business Phone",
                "Office Phone", "Direct Phone", "Direct Dial", "Primary Phone", "Main Phone", "Company Phone",
                "Contact Phone", "Contact Number", "Phone (Work)", "Telefon", "Telefonnummer", "Telefon geschäftlich",
                "Geschäftliches Telefon", "Telefon dienstlich", "Телефон", "Номер телефона", "Рабочий телефон",
                "Контактный телефон", "Téléphone", "Telephone fixe", "Téléphone professionnel", "Teléfono",
                "Telefono", "Teléfono del trabajo",
            ]
        ),
        (
            phone("MOBILE"),
            [
                "Mobile", "Mobile Phone", "Mobile Number", "Mobile Phone Number", "Mobile No", "Cell",
                "Cell Phone", "Cellphone", "Cell Number", "Cellular", "Handy", "Handynummer", "Mobil",
                "Mobiltelefon", "Mobilnummer", "Мобильный", "Мобильный телефон", "Моб. телефон", "Сотовый",
                "Сотовый телефон", "Portable", "Téléphone portable", "Téléphone mobile", "Móvil", "Movil",
                "Celular", "Teléfono móvil", "WhatsApp",
            ]
        ),
        (
            phone("HOME"),
            [
                "Home Phone", "Private Phone", "Personal Phone", "Telefon privat", "Privattelefon",
                "Домашний телефон", "Téléphone domicile", "Teléfono de casa",
            ]
        ),
        (
            phone("FAX"),
            [
                "Fax", "Fax Number", "Business Fax", "Work Fax", "Telefax", "Fax geschäftlich", "Факс", "Номер факса",
                "Télécopie",
            ]
        ),
        (phone("PAGER"), ["Pager", "Pager Number", "Пейджер"]),
        (
            phone("OTHER"),
            [
                "Other Phone", "Secondary Phone", "Alternate Phone", "Additional Phone", "Weiteres Telefon",
                "Другой телефон", "Дополнительный телефон",
            ]
        ),

        (
            .field("COMPANY_TITLE"),
            [
                "Company", "Company Name", "Business", "Business Name", "Organisation", "Organization",
                "Organisation Name", "Organization Name", "Org", "Account", "Account Name", "Employer",
                "Firm", "Firma", "Firmenname", "Unternehmen", "Компания", "Название компании",
                "Организация", "Société", "Societe", "Entreprise", "Empresa", "Compañía", "Compania",
            ]
        ),
        (
            .field("POST"),
            [
                "Job Title", "Title", "Position", "Job Position", "Role", "Job Role", "Job", "Designation",
                "Funktion", "Berufsbezeichnung", "Stellung", "Должность", "Позиция", "Poste", "Fonction", "Titre",
                "Cargo", "Puesto",
            ]
        ),
        (
            .comment(label: "Department"),
            [
                "Department", "Dept", "Division", "Abteilung", "Отдел", "Подразделение",
                "Departamento",
            ]
        ),

        (
            web("WORK"),
            [
                "Website", "Web Site", "Web", "URL", "Homepage", "Home Page", "Web Page", "Website URL", "Company Website",
                "Webseite", "Internetseite", "Сайт", "Веб-сайт", "Вебсайт", "Site web", "Site internet", "Sitio web",
                "Página web",
            ]
        ),
        (web("HOME"), ["Personal Website", "Blog", "Личный сайт"]),
        (web("TWITTER"), ["Twitter", "X (Twitter)"]),
        (web("OTHER"), ["LinkedIn", "LinkedIn URL", "LinkedIn Profile", "Facebook", "Profile URL"]),
        (.multi(.im, type: "SKYPE"), ["Skype"]),
        (.multi(.im, type: "TELEGRAM"), ["Telegram", "Телеграм"]),
        (.multi(.im, type: "VIBER"), ["Viber"]),

        (
            address("ADDRESS"),
            [
                "Address", "Street", "Street Address", "Address 1", "Address Line 1", "Street 1", "Mailing Street",
                "Billing Street", "Straße", "Strasse", "Anschrift", "Adresse", "Адрес", "Улица", "Dirección",
                "Direccion", "Calle",
            ]
        ),
        (address("ADDRESS_2"), ["Address 2", "Address Line 2", "Street 2", "Adresszusatz", "Adresse 2", "Complément d'adresse"]),
        (
            address("ADDRESS_CITY"),
            [
                "City", "Town", "Mailing City", "Billing City", "Ort", "Stadt", "Город", "Населенный пункт",
                "Ville", "Ciudad", "Localidad",
            ]
        ),
        (
            address("ADDRESS_PROVINCE"),
            [
                "State", "Province", "Region", "State/Region", "State/Province", "County",
                "Mailing State/Province", "Billing State/Province", "Bundesland", "Область", "Регион",
                "Provincia", "Estado",
            ]
        ),
        (
            address("ADDRESS_POSTAL_CODE"),
            [
                "Zip", "ZIP Code", "Zipcode", "Postal Code", "Postcode", "Post Code",
                "Mailing Zip/Postal Code", "Billing Zip/Postal Code", "PLZ", "Postleitzahl", "Индекс",
                "Почтовый индекс", "Code postal", "Código postal", "Codigo postal",
            ]
        ),
        (
            address("ADDRESS_COUNTRY"),
            [
                "Country", "Country/Region", "Mailing Country", "Billing Country", "Land", "Страна",
                "Pays", "País", "Pais",
            ]
        ),

        (
            .field("COMMENTS"),
            [
                "Notes", "Note", "Comments", "Comment", "Remarks", "Description", "Bemerkung", "Bemerkungen",
                "Notiz", "Notizen", "Kommentar", "Kommentare", "Комментарий", "Комментарии", "Примечание",
                "Примечания", "Заметки", "Commentaire", "Commentaires", "Remarque", "Comentario", "Comentarios",
                "Notas",
            ]
        ),
        (
            .birthday,
            [
                "Birthday", "Birthdate", "Birth Date", "Date of Birth", "DOB", "Geburtstag", "Geburtsdatum",
                "День рождения", "Дата рождения", "Date de naissance", "Fecha de nacimiento",
            ]
        ),
        (.ignored, ["Salutation", "Prefix", "Name Prefix", "Suffix", "Name Suffix", "Anrede", "Обращение", "Civilité"]),
    ]

    /// Compact name → target; the first group naming a spelling wins.
    static let table: [String: CSVTarget] = {
        var table: [String: CSVTarget] = [:]
        for (target, names) in groups {
            for name in names where table[compact(name)] == nil { table[compact(name)] = target }
        }
        return table
    }()
}
