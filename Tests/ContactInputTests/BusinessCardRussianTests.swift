import Testing

@testable import ContactInput
@testable import LeadCore

/// Russian and mixed Russian/English cards, written after cards as `tesseract -l rus+eng` reads
/// them: Latin look-alikes read as Cyrillic inside e-mails, `8 (xxx)` trunk prefixes, an address on
/// one line with `г.`, `ул.`, `д.`, spaced `@`. Full names split by the reader's Russian rule
/// (`ContactFields.applyFullName`): a patronymic makes SECOND_NAME.
@Suite struct BusinessCardRussianTests {
    static let cards: [CardCase] = [
        CardCase(
            id: "ООО in «», ФИО with patronymic, тел. and моб., address on one line",
            text: """
                ООО «ТехноСервис»
                Иванов Сергей Петрович
                генеральный директор
                тел.: +7 (495) 123-45-67
                моб.: 8 916 765-43-21
                e-mail: s.ivanov@technoservice.ru
                www.technoservice.ru
                123456, г. Москва, ул. Тверская, д. 7, офис 12
                """,
            values: [
                "LAST_NAME": "Иванов", "NAME": "Сергей", "SECOND_NAME": "Петрович", "POST": "генеральный директор",
                "COMPANY_TITLE": "ООО «ТехноСервис»",
                "ADDRESS": "ул. Тверская, д. 7, офис 12", "ADDRESS_POSTAL_CODE": "123456", "ADDRESS_CITY": "Москва",
            ],
            phones: ["WORK +74951234567", "MOBILE +79167654321"], emails: ["s.ivanov@technoservice.ru"], webs: ["WORK www.technoservice.ru"]),
        CardCase(
            id: "two legal names, the one the domain spells wins; доб.; country below the address",
            text: """
                АО "Альфа-Логистик"
                Alpha Logistics JSC
                Петрова Анна Викторовна
                Head of Sales / руководитель отдела продаж
                Тел. +7 812 555 12 34, доб. 210
                Моб. +7 921 000 11 22
                E-mail: a.petrova@alfa-log.ru
                196084, Санкт-Петербург, Московский пр., д. 60
                Россия
                """,
            values: [
                "LAST_NAME": "Петрова", "NAME": "Анна", "SECOND_NAME": "Викторовна", "POST": "Head of Sales / руководитель отдела продаж",
                "COMPANY_TITLE": "АО \"Альфа-Логистик\"", "ADDRESS": "Московский пр., д. 60", "ADDRESS_POSTAL_CODE": "196084",
                "ADDRESS_CITY": "Санкт-Петербург", "ADDRESS_COUNTRY": "Россия",
            ],
            phones: ["WORK +78125551234 доб. 210", "MOBILE +79210001122"], emails: ["a.petrova@alfa-log.ru"], comments: ["Alpha Logistics JSC"]),
        CardCase(
            id: "ИП, spaced @ on a free-mail address, city alone",
            text: """
                ИП Смирнов А.В.
                Смирнов Алексей Владимирович
                Руководитель проекта
                +7 (913) 555-66-77
                smirnov.av @ mail.ru
                г. Новосибирск
                """,
            values: [
                "LAST_NAME": "Смирнов", "NAME": "Алексей", "SECOND_NAME": "Владимирович", "POST": "Руководитель проекта",
                "COMPANY_TITLE": "ИП Смирнов А.В.", "ADDRESS_CITY": "Новосибирск",
            ],
            phones: ["WORK +79135556677"], emails: ["smirnov.av@mail.ru"]),
        CardCase(
            id: "mixed Russian/English: the name twice, Cyrillic о inside the e-mail, 8 (812)",
            text: """
                NEVA SOFT
                Дмитрий Орлов
                Dmitry Orlov
                Ведущий разработчик / Lead Developer
                Тел.: 8 (812) 600-70-80
                E-mail: d.оrlov@nevasoft.ru
                """,
            values: ["NAME": "Dmitry", "LAST_NAME": "Orlov", "POST": "Ведущий разработчик / Lead Developer", "COMPANY_TITLE": "NEVA SOFT"],
            phones: ["WORK +78126007080"], emails: ["d.orlov@nevasoft.ru"], comments: ["Дмитрий Орлов"]),
        CardCase(
            id: "Russian labels in a column (Т / М / Е), факс, ИНН is no phone",
            text: """
                ЗАО «СибЭнерго»
                Кузнецова Ольга Игоревна
                менеджер по продажам
                Т.
                Ф.
                М.
                +7 (383) 200-10-20
                +7 (383) 200-10-21
                +7 (905) 111-22-33
                olga.kuznetsova@sibenergo.ru
                ИНН 5401234567
                """,
            values: [
                "LAST_NAME": "Кузнецова", "NAME": "Ольга", "SECOND_NAME": "Игоревна", "POST": "менеджер по продажам",
                "COMPANY_TITLE": "ЗАО «СибЭнерго»",
            ],
            phones: ["WORK +73832001020", "FAX +73832001021", "MOBILE +79051112233"], emails: ["olga.kuznetsova@sibenergo.ru"],
            comments: ["ИНН 5401234567"]),
        CardCase(
            id: "two columns, Russian and English, read line by line",
            text: """
                Волков Павел Андреевич      Pavel Volkov
                Коммерческий директор       Sales Director
                ООО «Промтех»               Promtech LLC
                тел. +7 (343) 310-20-30     pvolkov@promtech.ru
                """,
            values: [
                "LAST_NAME": "Волков", "NAME": "Павел", "SECOND_NAME": "Андреевич", "POST": "Коммерческий директор, Sales Director",
            ],
            phones: ["WORK +73433102030"], emails: ["pvolkov@promtech.ru"], comments: ["Pavel Volkov"]),
        CardCase(
            id: "OCR noise around a Russian card: stray strokes, a merged line with web and e-mail",
            text: """
                | |
                ГРУППА КОМПАНИЙ «ВЕКТОР»
                Соколова Мария
                Руководитель отдела маркетинга
                _
                +7 495 987 65 43 вн. 105
                vector-group.ru  m.sokolova@vector-group.ru
                """,
            values: [
                "NAME": "Мария", "LAST_NAME": "Соколова", "POST": "Руководитель отдела маркетинга", "COMPANY_TITLE": "ГРУППА КОМПАНИЙ «ВЕКТОР»",
            ],
            phones: ["WORK +74959876543 вн. 105"], emails: ["m.sokolova@vector-group.ru"], webs: ["WORK vector-group.ru"]),
    ]

    @Test(arguments: cards) func reads(_ card: CardCase) {
        card.check()
    }
}
