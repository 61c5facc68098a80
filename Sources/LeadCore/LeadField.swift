/// The fields `crm.lead.add` accepts, as listed on the portal's own reference page.
///
/// Knowing every field locally is what lets leadbox reject a typo before it is silently dropped
/// by the portal (Bitrix24 ignores unknown keys in `fields`).
public struct LeadField: Sendable, Hashable {
    /// How a value of the field is written and checked.
    public enum Kind: Sendable, Hashable {
        /// Free text.
        case text
        /// `Y` or `N`.
        case yesNo
        /// A calendar date, stored as `YYYY-MM-DD`.
        case date
        /// A non-negative decimal amount.
        case money
        /// An ISO 4217 code: three letters.
        case currency
        /// A positive integer ID of another CRM object (user, company, contact).
        case id
        /// A list of positive integer IDs.
        case idList
        /// An entry of a portal dictionary (`crm.status.list`), e.g. SOURCE or STATUS.
        case status(dictionary: String)
        /// A list of `{VALUE, VALUE_TYPE}` entries: PHONE, EMAIL, WEB, IM, LINK.
        case multi(MultiFieldKind)
    }

    public let name: String
    public let kind: Kind

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// The five multifields of a lead, each with the VALUE_TYPEs the portal accepts.
public enum MultiFieldKind: String, Sendable, CaseIterable, Codable {
    /// How a sentence names it: "e-mail", "phone".
    public var spokenName: String {
        switch self {
        case .phone: "phone"
        case .email: "e-mail"
        case .web: "website"
        case .im: "messenger"
        case .link: "link"
        }
    }

    case phone = "PHONE"
    case email = "EMAIL"
    case web = "WEB"
    case im = "IM"
    case link = "LINK"

    /// The VALUE_TYPEs the portal accepts; the first one is the default.
    public var allowedTypes: [String] {
        switch self {
        case .phone: ["WORK", "MOBILE", "FAX", "HOME", "PAGER", "MAILING", "OTHER"]
        case .email: ["WORK", "HOME", "MAILING", "OTHER"]
        case .web: ["WORK", "HOME", "VK", "LIVEJOURNAL", "TWITTER", "OTHER"]
        case .im: ["TELEGRAM", "VK", "SKYPE", "VIBER", "BITRIX24", "OPENLINE", "IMOL", "ICQ", "MSN", "JABBER", "OTHER"]
        case .link: ["USER", "OTHER"]
        }
    }

    public var defaultType: String { allowedTypes[0] }
}

extension LeadField {
    /// Every standard field of `crm.lead.add` that a user may set, in the reference page's order.
    public static let all: [LeadField] = [
        .init(name: "TITLE", kind: .text),
        .init(name: "HONORIFIC", kind: .status(dictionary: "HONORIFIC")),
        .init(name: "NAME", kind: .text),
        .init(name: "SECOND_NAME", kind: .text),
        .init(name: "LAST_NAME", kind: .text),
        .init(name: "POST", kind: .text),
        .init(name: "COMPANY_TITLE", kind: .text),
        .init(name: "COMPANY_ID", kind: .id),
        .init(name: "CONTACT_ID", kind: .id),
        .init(name: "CONTACT_IDS", kind: .idList),
        .init(name: "PHONE", kind: .multi(.phone)),
        .init(name: "EMAIL", kind: .multi(.email)),
        .init(name: "WEB", kind: .multi(.web)),
        .init(name: "IM", kind: .multi(.im)),
        .init(name: "LINK", kind: .multi(.link)),
        .init(name: "ADDRESS", kind: .text),
        .init(name: "ADDRESS_2", kind: .text),
        .init(name: "ADDRESS_CITY", kind: .text),
        .init(name: "ADDRESS_POSTAL_CODE", kind: .text),
        .init(name: "ADDRESS_REGION", kind: .text),
        .init(name: "ADDRESS_PROVINCE", kind: .text),
        .init(name: "ADDRESS_COUNTRY", kind: .text),
        .init(name: "ADDRESS_COUNTRY_CODE", kind: .text),
        .init(name: "ADDRESS_LOC_ADDR_ID", kind: .text),
        .init(name: "ASSIGNED_BY_ID", kind: .id),
        .init(name: "BIRTHDATE", kind: .date),
        .init(name: "COMMENTS", kind: .text),
        .init(name: "CURRENCY_ID", kind: .currency),
        .init(name: "OPPORTUNITY", kind: .money),
        .init(name: "IS_MANUAL_OPPORTUNITY", kind: .yesNo),
        .init(name: "OPENED", kind: .yesNo),
        .init(name: "SOURCE_ID", kind: .status(dictionary: "SOURCE")),
        .init(name: "SOURCE_DESCRIPTION", kind: .text),
        .init(name: "STATUS_ID", kind: .status(dictionary: "STATUS")),
        .init(name: "STATUS_DESCRIPTION", kind: .text),
        .init(name: "UTM_CAMPAIGN", kind: .text),
        .init(name: "UTM_CONTENT", kind: .text),
        .init(name: "UTM_MEDIUM", kind: .text),
        .init(name: "UTM_SOURCE", kind: .text),
        .init(name: "UTM_TERM", kind: .text),
    ]

    /// Fields reserved for sync: ORIGIN_ID is the lead's UUID and ORIGINATOR_ID the app id.
    public static let reservedForSync: Set<String> = ["ORIGINATOR_ID", "ORIGIN_ID"]

    /// The `crm.lead.add` option leadbox carries per lead.
    public static let registerSonetEvent = "REGISTER_SONET_EVENT"

    private static let byName: [String: LeadField] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The field called `name`, a custom `UF_CRM_*` field, or nil when the portal has no such field.
    public static func named(_ name: String) -> LeadField? {
        if let known = byName[name] { return known }
        if isCustomFieldName(name) { return LeadField(name: name, kind: .text) }
        return nil
    }

    /// Column names spreadsheets and other CRMs use for lead fields, for `import` headers.
    static let aliases: [String: String] = [
        "FIRST_NAME": "NAME", "FIRSTNAME": "NAME", "GIVEN_NAME": "NAME", "ИМЯ": "NAME",
        "LASTNAME": "LAST_NAME", "SURNAME": "LAST_NAME", "FAMILY_NAME": "LAST_NAME", "ФАМИЛИЯ": "LAST_NAME",
        "MIDDLE_NAME": "SECOND_NAME", "ОТЧЕСТВО": "SECOND_NAME",
        "COMPANY": "COMPANY_TITLE", "ORGANIZATION": "COMPANY_TITLE", "ORGANISATION": "COMPANY_TITLE", "КОМПАНИЯ": "COMPANY_TITLE",
        "POSITION": "POST", "JOB_TITLE": "POST", "ДОЛЖНОСТЬ": "POST",
        "E_MAIL": "EMAIL", "MAIL": "EMAIL", "ПОЧТА": "EMAIL", "ТЕЛЕФОН": "PHONE", "TELEPHONE": "PHONE",
        "WEBSITE": "WEB", "URL": "WEB", "NOTE": "COMMENTS", "NOTES": "COMMENTS", "КОММЕНТАРИЙ": "COMMENTS",
        "SOURCE": "SOURCE_ID", "STATUS": "STATUS_ID",
    ]

    /// The field a column header means: the name itself, or a common alias ("First name",
    /// "E-mail", "Company"), compared without regard to case, spaces or dashes.
    public static func canonicalName(_ header: String) -> String {
        let upper = header.trimmingSpaces.uppercased()
        if named(upper) != nil || upper == registerSonetEvent { return upper }
        let normalized = String(upper.map { $0 == " " || $0 == "-" ? "_" : $0 })
        return aliases[normalized] ?? (named(normalized) != nil ? normalized : upper)
    }

    /// Whether `name` is a custom field code (`UF_CRM_` followed by letters, digits or `_`).
    public static func isCustomFieldName(_ name: String) -> Bool {
        guard name.hasPrefix("UF_CRM_"), name.count > 7 else { return false }
        return name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The known field name closest to `name`, for "did you mean" hints.
    public static func closest(to name: String) -> String? {
        let upper = name.uppercased()
        let candidates = all.map(\.name) + [registerSonetEvent]
        let scored = candidates.map { ($0, editDistance(upper, $0)) }.min { $0.1 < $1.1 }
        guard let best = scored, best.1 <= max(2, best.0.count / 3) else { return nil }
        return best.0
    }
}

/// Levenshtein distance over Unicode scalars.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        }
        swap(&previous, &current)
    }
    return previous[b.count]
}
