#!/usr/bin/env python3
"""Writes the CSV import fixtures byte for byte as each program writes its export.

Run from this folder: python3 make_fixtures.py. The files are committed; this script documents
how each one was made (charset, byte-order mark, line ends, delimiter, quirks).
"""

def q(cell):
    """Quote a cell the way Excel/Outlook do: only when it holds a delimiter, quote or line break."""
    if any(c in cell for c in ',;"\r\n\t'):
        return '"' + cell.replace('"', '""') + '"'
    return cell

def csv(rows, sep=',', end='\r\n', quote_all=False):
    return end.join(sep.join(('"' + c.replace('"', '""') + '"') if quote_all else q(c) for c in row) for row in rows) + end

def write(name, text, encoding, bom=b''):
    with open(name, 'wb') as f:
        f.write(bom + text.encode(encoding))

# Google Contacts, current export: UTF-8 without a byte-order mark, LF line ends, " ::: " between values.
google_current = [
    ["First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name", "Phonetic Last Name",
     "Name Prefix", "Name Suffix", "Nickname", "File As", "Organization Name", "Organization Title",
     "Organization Department", "Birthday", "Notes", "Photo", "Labels", "E-mail 1 - Label", "E-mail 1 - Value",
     "E-mail 2 - Label", "E-mail 2 - Value", "Phone 1 - Label", "Phone 1 - Value", "Phone 2 - Label", "Phone 2 - Value",
     "Address 1 - Label", "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City", "Address 1 - PO Box",
     "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country", "Address 1 - Extended Address",
     "Website 1 - Label", "Website 1 - Value"],
    ["Anna", "", "Schmidt", "", "", "", "", "", "", "", "Müller GmbH", "Einkauf", "Procurement", "1985-04-23",
     "Met at booth B12\nwants a demo", "", "* myContacts", "* Work", "anna.schmidt@mueller.example ::: anna@home.example",
     "", "", "Mobile", "+49 170 1234567", "Work Fax", "+49 30 7654321", "Work", "Hauptstr. 1\n10115 Berlin",
     "Hauptstr. 1", "Berlin", "", "", "10115", "Germany", "", "Work", "https://mueller.example"],
    ["Глеб", "", "Титов", "", "", "", "", "", "", "", "ИП Титов", "", "", "--05-14", "", "", "* myContacts ::: Expo",
     "Home", "gleb@titov.example", "", "", "Mobile", "+7 999 123-45-67 ::: +7 495 000-00-00", "", "", "", "", "", "", "",
     "", "", "", "", "", ""],
    ["", "", "", "", "", "", "", "", "", "Bob's Plumbing", "", "", "", "", "", "", "* myContacts", "", "", "", "",
     "Work", "(555) 010-0199", "", "", "", "", "", "", "", "", "", "", "", "", ""],
]
write('google-contacts.csv', csv(google_current, end='\n'), 'utf-8')

# Google Contacts, legacy "Google CSV" (before 2020): UTF-8 with a byte-order mark, CRLF.
google_legacy = [
    ["Name", "Given Name", "Additional Name", "Family Name", "Yomi Name", "Given Name Yomi", "Additional Name Yomi",
     "Family Name Yomi", "Name Prefix", "Name Suffix", "Initials", "Nickname", "Short Name", "Maiden Name", "Birthday",
     "Gender", "Location", "Billing Information", "Directory Server", "Mileage", "Occupation", "Hobby", "Sensitivity",
     "Priority", "Subject", "Notes", "Language", "Photo", "Group Membership", "E-mail 1 - Type", "E-mail 1 - Value",
     "Phone 1 - Type", "Phone 1 - Value", "Phone 2 - Type", "Phone 2 - Value", "Organization 1 - Type",
     "Organization 1 - Name", "Organization 1 - Yomi Name", "Organization 1 - Title", "Organization 1 - Department",
     "Organization 1 - Symbol", "Organization 1 - Location", "Organization 1 - Job Description"],
    ["José García", "José", "", "García", "", "", "", "", "", "", "", "", "", "", "1979-11-02", "", "", "", "", "", "",
     "", "", "", "", "", "", "", "* My Contacts", "* Work", "jose.garcia@ejemplo.example", "Mobile", "+34 600 123 456",
     "Work", "+34 91 123 45 67 ::: +34 91 765 43 21", "", "Ejemplo S.L.", "", "Director comercial", "Ventas", "", "", ""],
    ["Pat Lee", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
     "* My Contacts", "", "pat@lee.example", "", "", "", "", "", "", "", "", "", "", "", ""],
]
write('google-contacts-legacy.csv', csv(google_legacy), 'utf-8', b'\xef\xbb\xbf')

# Outlook (English): Windows-1252, CRLF, the full header of the Import/Export wizard, every cell quoted.
outlook_header = ["Title", "First Name", "Middle Name", "Last Name", "Suffix", "Company", "Department", "Job Title",
    "Business Street", "Business Street 2", "Business Street 3", "Business City", "Business State",
    "Business Postal Code", "Business Country/Region", "Home Street", "Home Street 2", "Home Street 3", "Home City",
    "Home State", "Home Postal Code", "Home Country/Region", "Other Street", "Other Street 2", "Other Street 3",
    "Other City", "Other State", "Other Postal Code", "Other Country/Region", "Assistant's Phone", "Business Fax",
    "Business Phone", "Business Phone 2", "Callback", "Car Phone", "Company Main Phone", "Home Fax", "Home Phone",
    "Home Phone 2", "ISDN", "Mobile Phone", "Other Fax", "Other Phone", "Pager", "Primary Phone", "Radio Phone",
    "TTY/TDD Phone", "Telex", "Account", "Anniversary", "Assistant's Name", "Billing Information", "Birthday",
    "Business Address PO Box", "Categories", "Children", "Directory Server", "E-mail Address", "E-mail Type",
    "E-mail Display Name", "E-mail 2 Address", "E-mail 2 Type", "E-mail 2 Display Name", "E-mail 3 Address",
    "E-mail 3 Type", "E-mail 3 Display Name", "Gender", "Government ID Number", "Hobby", "Home Address PO Box",
    "Initials", "Internet Free Busy", "Keywords", "Language", "Location", "Manager's Name", "Mileage", "Notes",
    "Office Location", "Organizational ID Number", "Other Address PO Box", "Priority", "Private", "Profession",
    "Referred By", "Sensitivity", "Spouse", "User 1", "User 2", "User 3", "User 4", "Web Page"]

def outlook_row(values):
    row = [""] * len(outlook_header)
    defaults = {"Anniversary": "0/0/00", "Birthday": "0/0/00", "Gender": "Unspecified", "Priority": "Normal",
                "Private": "False", "Sensitivity": "Normal"}
    for k, v in {**defaults, **values}.items():
        row[outlook_header.index(k)] = v
    return row

outlook_en = [outlook_header,
    outlook_row({"Title": "Mr.", "First Name": "François", "Last Name": "Dupré", "Company": "Café Société, Inc.",
                 "Job Title": "Buyer", "Business Street": "12 Rue de la Paix", "Business City": "Paris",
                 "Business Postal Code": "75002", "Business Country/Region": "France", "Home City": "Lyon",
                 "Business Phone": "+33 1 23 45 67 89", "Primary Phone": "+33 1 23 45 67 89",
                 "Mobile Phone": "+33 6 12 34 56 78", "Birthday": "5/14/1975", "E-mail Address": "f.dupre@cafe.example",
                 "E-mail Type": "SMTP", "E-mail Display Name": "François Dupré (f.dupre@cafe.example)",
                 "Notes": "Asked for the price list.\r\nCall back in May.", "Web Page": "www.cafe.example"}),
    outlook_row({"First Name": "Zoë", "Last Name": "O'Brien", "Company": "O'Brien & Söhne",
                 "Home Phone": "+353 1 555 0100", "E-mail Address": "zoe@obrien.example", "E-mail Type": "SMTP"}),
    outlook_row({}),  # Outlook writes a row like this for an empty contact card
]
write('outlook-en.csv', csv(outlook_en, quote_all=True), 'cp1252')

# Outlook (German Windows): Windows-1252, CRLF, German column titles.
outlook_de = [
    ["Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Suffix", "Firma", "Abteilung", "Position",
     "Straße geschäftlich", "Straße geschäftlich 2", "Straße geschäftlich 3", "Ort geschäftlich", "Region geschäftlich",
     "Postleitzahl geschäftlich", "Land/Region geschäftlich", "Straße privat", "Ort privat", "Postleitzahl privat",
     "Fax geschäftlich", "Telefon geschäftlich", "Telefon geschäftlich 2", "Telefon privat", "Mobiltelefon",
     "Geburtstag", "E-Mail-Adresse", "E-Mail-Typ", "E-Mail: Angezeigter Name", "E-Mail 2: Adresse", "Notizen",
     "Priorität", "Privat", "Vertraulichkeit", "Webseite"],
    ["Herr", "Jürgen", "", "Größe", "", "Bäckerei Größe KG", "Vertrieb", "Geschäftsführer", "Königstraße 5", "", "",
     "München", "Bayern", "80331", "Deutschland", "", "", "", "+49 89 1234560", "+49 89 123456-0", "", "", "+49 171 9876543",
     "14.05.1968", "j.groesse@baeckerei.example", "SMTP", "Jürgen Größe (j.groesse@baeckerei.example)", "", "Messe: Interesse an Öfen",
     "Normal", "Aus", "Normal", ""],
]
write('outlook-de.csv', csv(outlook_de, quote_all=True), 'cp1252')

# Outlook (Russian Windows): Windows-1251, CRLF, Russian column titles.
outlook_ru = [
    ["Обращение", "Имя", "Отчество", "Фамилия", "Суффикс", "Организация", "Отдел", "Должность",
     "Улица (раб. адрес)", "Город (раб. адрес)", "Область (раб. адрес)", "Индекс (раб. адрес)",
     "Страна или регион (раб. адрес)", "Рабочий факс", "Рабочий телефон", "Домашний телефон", "Телефон переносной",
     "День рождения", "Адрес эл. почты", "Тип эл. почты", "Краткое имя эл. почты", "Заметки", "Важность", "Пол"],
    ["", "Ольга", "Петровна", "Смирнова", "", "ООО \"Ромашка\"", "Закупки", "Директор", "ул. Ленина, 1", "Казань",
     "Татарстан", "420000", "Россия", "", "+7 843 200-00-00", "", "+7 917 000-11-22", "23.04.1985",
     "o.smirnova@romashka.example", "SMTP", "Ольга Смирнова (o.smirnova@romashka.example)", "Выставка «Экспо»", "Обычная", "Не указан"],
]
write('outlook-ru.csv', csv(outlook_ru, quote_all=True), 'cp1251')

# LinkedIn Connections.csv: UTF-8, LF, a Notes: paragraph and a blank line before the header.
linkedin = ('Notes:\n'
    '"When exporting your connection data, you may notice that some of the email addresses are missing. You will only see '
    'email addresses for connections who have allowed their connections to see or download their email address using this '
    'setting https://www.linkedin.com/psettings/privacy/email. You can learn more here: https://www.linkedin.com/help/linkedin/answer/261"\n'
    '\n'
    'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n'
    'Priya,Raman,https://www.linkedin.com/in/priyaraman,priya.raman@example.com,"Acme, Inc.",Head of Sales,14 Mar 2024\n'
    'Marek,Nowak,https://www.linkedin.com/in/mareknowak,,Nowak Sp. z o.o.,CTO,02 Jan 2023\n')
write('linkedin-connections.csv', linkedin, 'utf-8')

# Thunderbird address book export: UTF-8, CRLF, a trailing comma on every line.
thunderbird_header = ["First Name", "Last Name", "Display Name", "Nickname", "Primary Email", "Secondary Email",
    "Screen Name", "Work Phone", "Home Phone", "Fax Number", "Pager Number", "Mobile Number", "Home Address",
    "Home Address 2", "Home City", "Home State", "Home ZipCode", "Home Country", "Work Address", "Work Address 2",
    "Work City", "Work State", "Work ZipCode", "Work Country", "Job Title", "Department", "Organization",
    "Web Page 1", "Web Page 2", "Birth Year", "Birth Month", "Birth Day", "Custom 1", "Custom 2", "Custom 3",
    "Custom 4", "Notes"]
def tb(values):
    return [values.get(h, "") for h in thunderbird_header] + [""]
thunderbird = [thunderbird_header + [""],
    tb({"First Name": "Ingrid", "Last Name": "Øvergård", "Display Name": "Ingrid Øvergård", "Primary Email": "ingrid@fjord.example",
        "Work Phone": "+47 22 12 34 56", "Mobile Number": "+47 912 34 567", "Work City": "Oslo", "Work Country": "Norway",
        "Organization": "Fjord AS", "Job Title": "Innkjøper", "Birth Year": "1990", "Birth Month": "7", "Birth Day": "9"}),
    tb({"Display Name": "Sam Taylor", "Primary Email": "sam.taylor@example.org"}),
    tb({"Display Name": "collected@lists.example", "Primary Email": "collected@lists.example"}),
]
write('thunderbird.csv', csv(thunderbird), 'utf-8')

# macOS Address Book tab-separated text: UTF-8, CR line ends (classic Mac text), Apple's labels.
apple = [["First", "Last", "Organization", "Job Title", "Phone (work)", "Phone (mobile)", "Email (work)", "Email (home)",
          "Street (work)", "City (work)", "Zip (work)", "Country (work)", "Note"],
         ["Kenji", "Tanaka", "Tanaka Shoji", "Manager", "+81 3-1234-5678", "+81 90-1234-5678", "kenji@tanaka.example", "",
          "1-2-3 Ginza", "Tokyo", "104-0061", "Japan", "Prefers e-mail"],
         ["Lucía", "Fernández", "", "", "", "+34 699 000 111", "", "lucia@correo.example", "", "", "", "", ""]]
write('macos-addressbook.tsv', '\r'.join('\t'.join(r) for r in apple) + '\r', 'utf-8')

# Bitrix24's own lead export: UTF-8 with a byte-order mark, ';' between fields, CRLF, every cell quoted.
bitrix = [["ID", "Название лида", "Имя", "Отчество", "Фамилия", "Дата рождения", "Название компании", "Должность",
           "Рабочий телефон", "Мобильный телефон", "Рабочий e-mail", "Частный e-mail", "Корпоративный сайт",
           "Контакт Telegram", "Стадия", "Источник", "Дополнительно об источнике", "Комментарий", "Ответственный",
           "Дата создания"],
          ["101", "Заявка с выставки", "Иван", "Иванович", "Петров", "01.02.1980", "ООО «Вектор»", "Менеджер",
           "+7 495 111-22-33, +7 495 111-22-34", "+7 903 000-00-01", "ivan@vector.example", "", "https://vector.example",
           "@ivanpetrov", "Не обработан", "Выставка", "Стенд B12", "Перезвонить; обсудить опт", "Анна Кузнецова",
           "01.12.2026 10:15:00"],
          ["102", "Сайт", "", "", "", "", "ИП Сидоров", "", "", "", "", "sidorov@mail.example", "", "", "В работе",
           "Веб-сайт", "", "", "Анна Кузнецова", "01.12.2026 11:00:00"]]
write('bitrix24-leads.csv', csv(bitrix, sep=';', quote_all=True), 'utf-8', b'\xef\xbb\xbf')

# leadbox's own header (field names), the form people type by hand: UTF-8, LF, ';' from a Russian Excel.
write('field-names.csv', 'NAME;LAST_NAME;EMAIL;PHONE;COMPANY_TITLE;UF_CRM_BADGE\n'
      'Анна;Кузнецова;anna@example.com;+7 999 000-00-00;"ООО ""Север""";B-1042\n', 'utf-8')
