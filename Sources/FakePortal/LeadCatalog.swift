/// The lead fields and reference lists of the fake portal: what `crm.lead.fields` and
/// `crm.status.list` answer, and what `crm.lead.add` keeps (everything else is silently dropped,
/// like the real portal does).
enum LeadCatalog {
    /// The custom field every stand-in portal starts with, as if made by `crm.lead.userfield.add`.
    static let customField = "UF_CRM_BADGE_ID"

    struct Field: Sendable {
        enum Kind: String, Sendable {
            case integer, string, char, double, date, datetime, user
            case crmStatus = "crm_status", crmCurrency = "crm_currency", crmCompany = "crm_company"
            case crmContact = "crm_contact", crmMultifield = "crm_multifield"
            /// A custom field holding one file (`crm.lead.userfield.add` with USER_TYPE_ID file).
            case file
        }
        var name: String
        var kind: Kind
        var title: String
        var readOnly = false
        var multiple = false
        var statusType: String?
        var deprecated = false
        var dynamicLabel: String?

        var isMultifield: Bool { kind == .crmMultifield }
        /// Fields `crm.lead.list` returns when no `select` is given (not multifields, not UF).
        var inDefaultSelect: Bool { !isMultifield && dynamicLabel == nil }
    }

    static let fields: [Field] = [
        Field(name: "ID", kind: .integer, title: "ID", readOnly: true),
        Field(name: "TITLE", kind: .string, title: "Название лида"),
        Field(name: "HONORIFIC", kind: .crmStatus, title: "Обращение", statusType: "HONORIFIC"),
        Field(name: "NAME", kind: .string, title: "Имя"),
        Field(name: "SECOND_NAME", kind: .string, title: "Отчество"),
        Field(name: "LAST_NAME", kind: .string, title: "Фамилия"),
        Field(name: "BIRTHDATE", kind: .date, title: "Дата рождения"),
        Field(name: "COMPANY_TITLE", kind: .string, title: "Название компании"),
        Field(name: "SOURCE_ID", kind: .crmStatus, title: "Источник", statusType: "SOURCE"),
        Field(name: "SOURCE_DESCRIPTION", kind: .string, title: "Дополнительно об источнике"),
        Field(name: "STATUS_ID", kind: .crmStatus, title: "Стадия", statusType: "STATUS"),
        Field(name: "STATUS_DESCRIPTION", kind: .string, title: "Дополнительно о стадии"),
        Field(name: "STATUS_SEMANTIC_ID", kind: .string, title: "Состояние статуса", readOnly: true),
        Field(name: "POST", kind: .string, title: "Должность"),
        Field(name: "ADDRESS", kind: .string, title: "Адрес"),
        Field(name: "ADDRESS_2", kind: .string, title: "Адрес (стр. 2)"),
        Field(name: "ADDRESS_CITY", kind: .string, title: "Город"),
        Field(name: "ADDRESS_POSTAL_CODE", kind: .string, title: "Почтовый индекс"),
        Field(name: "ADDRESS_REGION", kind: .string, title: "Район"),
        Field(name: "ADDRESS_PROVINCE", kind: .string, title: "Область"),
        Field(name: "ADDRESS_COUNTRY", kind: .string, title: "Страна"),
        Field(name: "ADDRESS_COUNTRY_CODE", kind: .string, title: "Код страны"),
        Field(name: "ADDRESS_LOC_ADDR_ID", kind: .integer, title: "ID адреса местоположения"),
        Field(name: "CURRENCY_ID", kind: .crmCurrency, title: "Валюта"),
        Field(name: "OPPORTUNITY", kind: .double, title: "Сумма"),
        Field(name: "IS_MANUAL_OPPORTUNITY", kind: .char, title: "Сумма заполняется вручную"),
        Field(name: "OPENED", kind: .char, title: "Доступен для всех"),
        Field(name: "COMMENTS", kind: .string, title: "Комментарий"),
        Field(name: "HAS_PHONE", kind: .char, title: "Задан телефон", readOnly: true),
        Field(name: "HAS_EMAIL", kind: .char, title: "Задан e-mail", readOnly: true),
        Field(name: "HAS_IMOL", kind: .char, title: "Задана открытая линия", readOnly: true),
        Field(name: "ASSIGNED_BY_ID", kind: .user, title: "Ответственный"),
        Field(name: "CREATED_BY_ID", kind: .user, title: "Кем создан", readOnly: true),
        Field(name: "MODIFY_BY_ID", kind: .user, title: "Кем изменён", readOnly: true),
        Field(name: "MOVED_BY_ID", kind: .user, title: "Кем перемещён", readOnly: true),
        Field(name: "DATE_CREATE", kind: .datetime, title: "Дата создания", readOnly: true),
        Field(name: "DATE_MODIFY", kind: .datetime, title: "Дата изменения", readOnly: true),
        Field(name: "MOVED_TIME", kind: .datetime, title: "Дата перемещения", readOnly: true),
        Field(name: "COMPANY_ID", kind: .crmCompany, title: "Компания"),
        Field(name: "CONTACT_ID", kind: .crmContact, title: "Контакт", deprecated: true),
        Field(name: "CONTACT_IDS", kind: .crmContact, title: "Контакты", multiple: true),
        Field(name: "IS_RETURN_CUSTOMER", kind: .char, title: "Повторный лид", readOnly: true),
        Field(name: "DATE_CLOSED", kind: .datetime, title: "Дата закрытия", readOnly: true),
        Field(name: "ORIGINATOR_ID", kind: .string, title: "Внешний источник"),
        Field(name: "ORIGIN_ID", kind: .string, title: "Идентификатор элемента во внешнем источнике"),
        Field(name: "UTM_SOURCE", kind: .string, title: "Рекламная система"),
        Field(name: "UTM_MEDIUM", kind: .string, title: "Тип трафика"),
        Field(name: "UTM_CAMPAIGN", kind: .string, title: "Обозначение рекламной кампании"),
        Field(name: "UTM_CONTENT", kind: .string, title: "Содержание кампании"),
        Field(name: "UTM_TERM", kind: .string, title: "Условие поиска кампании"),
        Field(name: "LAST_ACTIVITY_TIME", kind: .datetime, title: "Последняя активность", readOnly: true),
        Field(name: "LAST_ACTIVITY_BY", kind: .user, title: "Автор последней активности", readOnly: true),
        Field(name: "PHONE", kind: .crmMultifield, title: "Телефон", multiple: true),
        Field(name: "EMAIL", kind: .crmMultifield, title: "E-mail", multiple: true),
        Field(name: "WEB", kind: .crmMultifield, title: "Сайт", multiple: true),
        Field(name: "IM", kind: .crmMultifield, title: "Мессенджер", multiple: true),
        Field(name: "LINK", kind: .crmMultifield, title: "Ссылка", multiple: true),
        Field(name: customField, kind: .string, title: customField, dynamicLabel: "Badge ID"),
    ]

    static let fieldsByName: [String: Field] = Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0) })

    /// Allowed VALUE_TYPEs per multifield; the first is the default for a missing one.
    static let multifieldTypes: [String: [String]] = [
        "PHONE": ["WORK", "MOBILE", "FAX", "HOME", "PAGER", "MAILING", "OTHER"],
        "EMAIL": ["WORK", "HOME", "MAILING", "OTHER"],
        "WEB": ["WORK", "HOME", "VK", "LIVEJOURNAL", "TWITTER", "OTHER"],
        "IM": ["OTHER", "TELEGRAM", "VK", "SKYPE", "VIBER", "BITRIX24", "OPENLINE", "IMOL", "ICQ", "MSN", "JABBER"],
        "LINK": ["USER"],
    ]

    /// The `crm.lead.fields` answer; `required` are the fields the admin made required,
    /// `userFields` those added with `crm.lead.userfield.add` (listed after the catalog's).
    static func fieldsJSON(required: Set<String>, userFields: [Field] = []) -> PortalJSON {
        .object(
            (fields + userFields).map { field in
                var descriptor: [PortalJSON.Member] = [
                    .init("type", .string(field.kind.rawValue)),
                    .init("isRequired", .bool(required.contains(field.name))),
                    .init("isReadOnly", .bool(field.readOnly)),
                    .init("isImmutable", false),
                    .init("isMultiple", .bool(field.multiple)),
                    .init("isDynamic", .bool(field.dynamicLabel != nil)),
                ]
                if field.deprecated { descriptor.append(.init("isDeprecated", true)) }
                descriptor.append(.init("title", .string(field.title)))
                if let statusType = field.statusType { descriptor.append(.init("statusType", .string(statusType))) }
                if let label = field.dynamicLabel {
                    descriptor += [
                        .init("listLabel", .string(label)), .init("formLabel", .string(label)),
                        .init("filterLabel", .string(label)),
                        .init("settings", ["SIZE": 20, "ROWS": 1, "REGEXP": "", "MIN_LENGTH": 0, "MAX_LENGTH": 0, "DEFAULT_VALUE": ""]),
                    ]
                }
                return .init(field.name, .object(descriptor))
            })
    }

    struct Status: Sendable {
        var entity: String
        var statusID: String
        var name: String
        var sort: Int
        var semantics: String?
    }

    static let statuses: [Status] = {
        let sources = [
            ("CALL", "Звонок"), ("EMAIL", "Электронная почта"), ("WEB", "Веб-сайт"), ("ADVERTISING", "Реклама"),
            ("PARTNER", "Существующий клиент"), ("RECOMMENDATION", "По рекомендации"), ("TRADE_SHOW", "Выставка"),
            ("WEBFORM", "CRM-форма"), ("CALLBACK", "Обратный звонок"), ("RC_GENERATOR", "Генератор продаж"),
            ("STORE", "Интернет-магазин"), ("OTHER", "Другое"),
        ]
        let stages = [
            ("NEW", "Не обработан", nil), ("IN_PROCESS", "В работе", nil), ("PROCESSED", "Обработан", nil),
            ("JUNK", "Некачественный лид", "F"), ("CONVERTED", "Качественный лид", "S"),
        ]
        let honorifics = [("HNR_RU_1", "г-н"), ("HNR_RU_2", "г-жа")]
        return sources.enumerated().map { Status(entity: "SOURCE", statusID: $1.0, name: $1.1, sort: ($0 + 1) * 10) }
            + stages.enumerated().map { Status(entity: "STATUS", statusID: $1.0, name: $1.1, sort: ($0 + 1) * 10, semantics: $1.2) }
            + honorifics.enumerated().map { Status(entity: "HONORIFIC", statusID: $1.0, name: $1.1, sort: ($0 + 1) * 100) }
    }()

    static func statusJSON(_ status: Status, id: Int) -> PortalJSON {
        [
            "ID": .string(String(id)), "ENTITY_ID": .string(status.entity), "STATUS_ID": .string(status.statusID),
            "NAME": .string(status.name), "NAME_INIT": .string(status.name), "SORT": .string(String(status.sort)),
            "SYSTEM": "Y", "CATEGORY_ID": .null, "COLOR": "#39A8EF",
            "SEMANTICS": status.semantics.map(PortalJSON.string) ?? .null,
        ]
    }
}
