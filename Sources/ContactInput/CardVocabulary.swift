import Foundation

/// The words business cards print, in the languages leadbox's booths meet (en, de, ru, fr, es, ja):
/// contact labels, job titles, legal forms. Compared in lower case, without diacritics.
enum CardVocabulary {
    /// Phone labels → VALUE_TYPE. Keys without their trailing `.` or `:`.
    static let phoneLabels: [String: String] = {
        var labels: [String: String] = [:]
        let work = [
            "t", "tel", "tél", "tele", "telephone", "téléphone", "telefon", "telefono", "teléfono", "tlf", "telf", "phone", "ph", "p", "office",
            "o", "off", "direct", "dir", "d", "fon", "büro", "buro", "zentrale", "main", "work", "fixe", "fijo", "standard", "durchwahl",
            "tel/fax", "tel./fax", "t/f", "т", "тел", "телефон", "раб", "рабочий", "р", "т/ф", "тел/факс", "тел./факс", "電話", "tel & fax",
            "phone/fax", "oficina", "bureau",
        ]
        let mobile = [
            "m", "mob", "mobile", "mobil", "mobiltelefon", "handy", "cell", "cellular", "c", "portable", "port", "gsm", "móvil", "movil", "cel",
            "celular", "мобильный", "моб", "м", "сот", "сотовый", "mobiel", "携帯", "mobile/whatsapp", "whatsapp", "mobile phone",
        ]
        let fax = ["f", "fax", "telefax", "télécopie", "telecopie", "факс", "ф", "facsimile", "fx"]
        let home = ["home", "h", "privat", "дом", "домашний", "domicile", "casa"]
        for word in work { labels[word] = "WORK" }
        for word in mobile { labels[word] = "MOBILE" }
        for word in fax { labels[word] = "FAX" }
        for word in home { labels[word] = "HOME" }
        return labels
    }()

    static let emailLabels: Set<String> = [
        "e", "e-mail", "email", "e mail", "mail", "e-mail address", "почта", "эл. почта", "эл.почта", "электронная почта", "e-почта", "courriel",
        "correo", "correo electrónico", "メール", "@",
    ]

    static let webLabels: Set<String> = [
        "w", "web", "website", "web site", "internet", "site", "site web", "url", "homepage", "сайт", "веб", "веб-сайт", "página web", "web page",
    ]

    /// Numbers printed with these labels are registration numbers, not phones.
    static let registrationLabels: Set<String> = [
        "инн", "кпп", "огрн", "огрнип", "окпо", "бик", "р/с", "к/с", "vat", "ust-idnr", "ust-id", "ust.-idnr", "steuernr", "hrb", "hra",
        "siret", "siren", "tva", "cif", "nif", "reg", "reg. no", "company no", "iban", "bic",
    ]

    /// Words that make a line a job title. Entries ending in `*` match any word that starts so.
    static let titleWords: [String] = [
        // en
        "ceo", "cto", "cfo", "coo", "cmo", "cio", "cso", "vp", "svp", "evp", "founder", "co-founder", "cofounder", "owner", "president",
        "director", "manager", "head", "lead", "engineer", "developer", "consultant", "sales", "marketing", "partner", "specialist",
        "officer", "assistant", "executive", "representative", "architect", "analyst", "chairman", "chairwoman", "principal",
        "coordinator", "administrator", "advisor", "adviser", "accountant", "designer", "scientist", "researcher", "professor", "agent",
        "associate", "supervisor", "secretary", "intern", "buyer", "purchasing", "procurement", "export", "business development", "senior",
        "junior", "chief", "deputy", "vice",
        // de
        "geschäftsführer*", "geschaftsfuhrer*", "vertriebsleiter*", "leiter*", "leitung", "inhaber*", "vorstand*", "prokurist*",
        "berater*", "ingenieur*", "referent*", "verkauf*", "vertrieb*", "projektleiter*", "abteilungsleiter*", "sachbearbeiter*",
        "mitarbeiter*", "außendienst*", "aussendienst*", "kundenberater*", "einkauf*", "entwickler*", "gesellschafter*", "teamleiter*",
        "verkaufsleiter*", "exportleiter*", "marketingleiter*", "assistenz", "key-account*", "geschäftsführung", "geschäftsleitung",
        "partnerin", "beraterin*", "technischer", "kaufmännischer", "prokura",
        // ru
        "директор*", "генеральный", "менеджер*", "руководитель*", "начальник*", "специалист*", "инженер*", "главный", "заместитель*",
        "председатель*", "ведущий", "старший", "коммерческий", "бухгалтер*", "консультант*", "продаж*", "отдел*", "основатель*",
        "владелец*", "президент*", "представитель*", "эксперт*", "аналитик*", "разработчик*", "юрист*", "партнер*", "партнёр*",
        // fr
        "directeur*", "directrice*", "gérant*", "gerant*", "responsable*", "chef", "ingénieur*", "commercial*", "commerciale*",
        "chargé*", "chargee*", "président*", "présidente*", "fondateur*", "fondatrice*", "conseiller*", "conseillère*", "assistante*",
        "attaché*", "délégué*", "delegue*", "technico-commercial*", "gérante*",
        // es
        "gerente*", "jefe*", "jefa*", "ingeniero*", "ingeniera*", "ventas", "consultor*", "consultora*", "presidenta*", "fundador*",
        "fundadora*", "socio*", "socia*", "directora*", "comercial*", "asesor*", "asesora*", "técnico*", "tecnico*", "ejecutivo*",
        "ejecutiva*", "coordinador*", "coordinadora*", "responsable*",
        // ja (on the English side cards still print these)
        "部長", "課長", "社長", "営業", "代表取締役", "取締役", "主任", "係長", "営業部長",
    ]

    /// Legal forms that make a line a company, compared as whole words with their dots.
    static let legalForms: Set<String> = [
        "gmbh", "ag", "kg", "ohg", "e.k.", "ug", "gbr", "mbh", "se", "kgaa", "e.v.", "ltd", "ltd.", "limited", "llc", "l.l.c.", "inc", "inc.",
        "incorporated", "corp", "corp.", "corporation", "co.", "plc", "llp", "lp", "sa", "s.a.", "sas", "s.a.s.", "sarl", "s.a.r.l.",
        "s.à", "s.l.", "sl", "slu", "s.l.u.", "s.p.a.", "spa", "srl", "s.r.l.", "bv", "b.v.", "nv", "n.v.", "ab", "oy", "a/s", "as",
        "k.k.", "pty", "pty.", "pvt", "jsc", "ojsc", "cjsc", "pjsc", "gk", "kk", "ооо", "оао", "ао", "зао", "пао", "ип", "нпо", "ук", "гк", "тоо",
        "чуп", "уп", "фгуп", "мгуп", "нко",
    ]

    /// Words companies are named with (weaker than a legal form).
    static let companyWords: Set<String> = [
        "group", "gruppe", "holding", "company", "technologies", "technology", "solutions", "systems", "consulting", "services", "partners",
        "bank", "verlag", "werke", "industries", "international", "software", "labs", "laboratories", "studio", "agency", "media",
        "logistics", "logistik", "engineering", "ventures", "capital", "enterprises", "electronics", "networks", "team", "analytics",
        "energy", "solar", "power", "motors", "pharma", "medical", "health", "transport", "trading", "traders", "trade", "automation",
        "robotics", "security", "finance", "invest", "insurance", "properties", "construction", "industrial", "manufacturing",
        "chemicals", "electric", "telecom", "communications", "kommunikation", "beratung", "handel", "maschinenbau", "technik",
        "conseil", "consultores", "soluciones", "компания", "группа", "холдинг", "завод", "технологии", "системы", "société", "societe",
        "groupe", "grupo", "empresa", "corporación",
        "&",
    ]

    /// German job titles are compounds (`Projektingenieur`, `Vertriebsleiterin`): a word ending in one of these is a title.
    static let germanTitleEndings = [
        "ingenieur", "ingenieurin", "leiter", "leiterin", "berater", "beraterin", "fuhrer", "fuhrerin", "manager", "managerin", "referent",
        "referentin", "entwickler", "entwicklerin", "assistent", "assistentin", "direktor", "direktorin", "vertreter", "vertreterin",
        "spezialist", "spezialistin", "kaufmann", "kauffrau", "techniker", "technikerin", "planer", "planerin", "koordinator",
        "koordinatorin",
    ]

    /// Academic and courtesy titles printed around a name; kept out of the name.
    static let honorifics: Set<String> = [
        "dr.", "dr", "prof.", "prof", "dipl.-ing.", "dipl.-ing", "dipl.-kfm.", "dipl.-kfm", "dipl.-inf.", "dipl.-wirt.-ing.", "dr.-ing.",
        "dr.-ing", "mag.", "ing.", "mba", "phd", "ph.d.", "m.sc.", "b.sc.", "msc", "bsc", "m.a.", "b.a.", "mr.", "mrs.", "ms.", "mr", "mrs",
        "ms", "mme", "mlle", "m.", "sr.", "sra.", "herr", "frau", "dipl.", "rer.", "nat.", "med.", "h.c.", "jr.", "sr", "jr", "lic.", "iur.",
        "habil.", "phil.", "jur.", "dent.", "vet.", "mult.", "e.h.", "techn.", "sc.", "pol.",
        "oec.", "cpa", "esq.", "cfa", "ll.m.", "mag.", "dott.", "ing", "d-r", "к.т.н.", "д.т.н.", "к.э.н.",
    ]

    /// Words joining parts of a surname: `Ludwig van Beethoven`, `Ana de la Cruz`.
    static let nameParticles: Set<String> = [
        "von", "van", "der", "den", "de", "la", "le", "del", "di", "da", "du", "dos", "das", "bin", "al", "zu", "ten", "y",
    ]

    /// Company e-mail domains that say nothing about the company.
    static let freeMailDomains: Set<String> = [
        "gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "icloud", "me", "mail", "yandex", "ya", "rambler", "bk", "inbox", "list",
        "gmx", "web", "t-online", "aol", "protonmail", "proton", "orange", "free", "wanadoo", "laposte", "qq", "163", "126", "naver",
    ]

    /// Whether `word` (lower case) is in `list`, where a `*` entry matches as a prefix.
    static func matches(_ word: String, in list: [String]) -> Bool {
        list.contains { $0.hasSuffix("*") ? word.hasPrefix($0.dropLast()) : word == $0 }
    }

    /// Lower case without diacritics, for comparing with the lists: "Geschäftsführer" → "geschaftsfuhrer".
    static func folded(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }
}
