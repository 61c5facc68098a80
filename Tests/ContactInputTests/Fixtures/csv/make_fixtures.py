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

# --- Everyday headers (issue 19): CRM exports, an event organiser's report, hand-made lists. ---

# HubSpot contact export (Contacts → Export → CSV), modelled on its layout: property labels as
# titles, every cell quoted, UTF-8 with a byte-order mark, CRLF. "Additional email addresses" holds
# several addresses joined by ';'; "Email Domain" is a domain, not an address.
hubspot = [["Record ID", "First Name", "Last Name", "Email", "Additional email addresses", "Phone Number",
            "Mobile Phone Number", "Company Name", "Job Title", "Street Address", "City", "State/Region", "Postal Code",
            "Country/Region", "Website URL", "Email Domain", "Contact owner", "Lifecycle Stage", "Lead Status",
            "Create Date", "Last Activity Date"],
           ["51234567801", "Anna", "Becker", "anna.becker@becker.example", "anna@becker.example;a.becker@mail.example",
            "+49 30 1234567", "+49 171 2345678", "Becker & Co. KG", "Einkaufsleiterin", "Friedrichstraße 10", "Berlin", "",
            "10117", "Germany", "https://becker.example", "becker.example", "Sam Sales", "Lead", "New",
            "2026-11-30 14:02", ""],
           ["51234567802", "", "", "info@subscriber.example", "", "", "", "", "", "", "", "", "", "", "", "subscriber.example",
            "", "Subscriber", "", "2026-12-01 09:00", ""],
           ["51234567803", "", "", "", "", "+1 (415) 555-0100 ext. 23", "", "Golden Gate Widgets, Inc.", "", "", "San Francisco",
            "CA", "94105", "United States", "", "", "Sam Sales", "Opportunity", "In progress", "2026-12-02 16:45", "2026-12-03 10:00"]]
write('hubspot-contacts.csv', csv(hubspot, quote_all=True), 'utf-8', b'\xef\xbb\xbf')

# Salesforce "Contacts & Accounts" report, Export → Details Only → CSV in the default
# ISO-8859-1 encoding: every cell quoted, CRLF, M/D/YYYY dates, a street with a line break, and
# the footer such exports end with (a blank line, the report title, copyright, "Generated By").
salesforce = [["Contact Owner", "Salutation", "First Name", "Last Name", "Title", "Account Name", "Mailing Street",
               "Mailing City", "Mailing State/Province", "Mailing Zip/Postal Code", "Mailing Country", "Phone", "Mobile",
               "Fax", "Email", "Lead Source", "Birthdate", "Created Date"],
              ["Jane Doe", "Ms.", "Renée", "Lefèvre", "VP Purchasing", "Société Générale Équipement", "12 Rue Lafayette",
               "Paris", "", "75009", "France", "+33 1 40 00 00 00", "+33 6 00 00 00 01", "", "renee.lefevre@sge.example",
               "Trade Show", "5/14/1975", "11/30/2026"],
              ["Jane Doe", "Mr.", "Tom", "O'Neil", "CTO", "Acme, Inc.", "1 Market St\nSuite 300", "San Francisco", "CA",
               "94105", "USA", "(415) 555-0100", "", "(415) 555-0101", "tom@acme.example", "Web", "", "12/1/2026"]]
salesforce_footer = ('\r\n"Contacts & Accounts Report"\r\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\r\n'
                     '"Confidential Information - Do Not Distribute"\r\n"Generated By:  Jane Doe  12/7/2026 9:41 AM"\r\n"Example Corp"\r\n')
write('salesforce-report.csv', csv(salesforce, quote_all=True) + salesforce_footer, 'cp1252')

# Eventbrite attendee summary report: UTF-8 without a byte-order mark, CRLF, quotes only where
# needed (Python's csv writer), order columns first, then the questions the organiser asked
# (a custom one, "Best number to reach you", holds phones under a name no program knows).
eventbrite_header = ["Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Ticket Type", "Order Type",
    "Total Paid", "Fees Paid", "Eventbrite Fees", "Eventbrite Payment Processing", "Attendee Status", "Home Address 1",
    "Home Address 2", "Home City", "Home State", "Home Zip", "Home Country", "Cell Phone", "Job Title", "Company",
    "Work Address 1", "Work Address 2", "Work City", "Work State", "Work Zip", "Work Country", "Work Phone", "Website",
    "Best number to reach you", "What brings you to the expo?"]
def eb(values):
    return [values.get(h, "") for h in eventbrite_header]
eventbrite = [eventbrite_header,
    eb({"Order #": "8812345671", "Order Date": "2026-11-02 10:15:01-08:00", "First Name": "Siobhán", "Last Name": "Ní Bhriain",
        "Email": "siobhan@harbour.example", "Quantity": "1", "Ticket Type": "Trade visitor", "Order Type": "Free Order",
        "Total Paid": "0.00", "Fees Paid": "0.00", "Eventbrite Fees": "0.00", "Eventbrite Payment Processing": "0.00",
        "Attendee Status": "Attending", "Home City": "Cork", "Home Country": "IE", "Cell Phone": "+353 87 123 4567",
        "Job Title": "Buyer", "Company": "Harbour Foods Ltd", "Work Address 1": "Unit 4, Marina Park", "Work City": "Cork",
        "Work Zip": "T12 X7YZ", "Work Country": "IE", "Work Phone": "+353 21 000 0000", "Best number to reach you": "+353 87 765 4321",
        "What brings you to the expo?": "Cold storage, packaging"}),
    eb({"Order #": "8812345671", "Order Date": "2026-11-02 10:15:01-08:00", "First Name": "Liam", "Last Name": "Walsh",
        "Email": "liam.walsh@harbour.example", "Quantity": "1", "Ticket Type": "Trade visitor", "Order Type": "Free Order",
        "Total Paid": "0.00", "Fees Paid": "0.00", "Eventbrite Fees": "0.00", "Eventbrite Payment Processing": "0.00",
        "Attendee Status": "Attending", "Company": "Harbour Foods Ltd", "Best number to reach you": "021 000 0001"}),
    eb({"Order #": "8812345699", "Order Date": "2026-11-03 08:00:00-08:00", "First Name": "Chen", "Last Name": "Wei",
        "Email": "chen.wei@example.cn", "Quantity": "1", "Ticket Type": "Exhibitor", "Order Type": "Eventbrite Completed",
        "Total Paid": "25.00", "Fees Paid": "2.49", "Eventbrite Fees": "1.99", "Eventbrite Payment Processing": "0.50",
        "Attendee Status": "Attending", "Home City": "Shanghai", "Home Country": "CN", "Job Title": "销售经理"})]
write('eventbrite-attendees.csv', csv(eventbrite), 'utf-8')

# Bitrix24 contact export (CRM → Contacts → ⚙ → Export to CSV): like its lead export — UTF-8 with
# a byte-order mark, ';', CRLF, every cell quoted — with "Компания" and "Тип контакта"; two mobile
# numbers in one cell joined by ", ".
bitrix_contacts = [["ID", "Обращение", "Имя", "Отчество", "Фамилия", "Дата рождения", "Должность", "Компания",
                    "Тип контакта", "Источник", "Дополнительно об источнике", "Рабочий телефон", "Мобильный телефон",
                    "Домашний телефон", "Рабочий e-mail", "Частный e-mail", "Корпоративный сайт", "Контакт Telegram",
                    "Адрес", "Комментарий", "Ответственный", "Экспорт", "Дата создания", "Кем создан"],
                   ["17", "Госпожа", "Мария", "Сергеевна", "Орлова", "12.09.1988", "Главный инженер", "ООО «СтройМаркет»",
                    "Клиенты", "Выставка", "Стенд C4", "+7 495 222-33-44", "+7 916 123-45-67, +7 926 765-43-21", "",
                    "orlova@stroymarket.example", "m.orlova@mail.example", "https://stroymarket.example", "@orlova_m",
                    "г. Москва, ул. Тверская, д. 1", "Просила каталог", "Анна Кузнецова", "Да", "02.12.2026 12:30:00",
                    "Анна Кузнецова"],
                   ["18", "", "", "", "", "", "", "ИП Ковалёв", "Поставщики", "", "", "", "", "", "kovalev@ip.example", "",
                    "", "", "", "", "Анна Кузнецова", "Да", "02.12.2026 12:31:00", "Анна Кузнецова"]]
write('bitrix24-contacts.csv', csv(bitrix_contacts, sep=';', quote_all=True), 'utf-8', b'\xef\xbb\xbf')

# A list typed in Excel at a booth ("Save as CSV UTF-8"): a byte-order mark, CRLF, ',' — the
# issue's everyday titles, several addresses in one cell as CRMs write them, two phones on two
# lines of one cell, a Russian whole name, and a column of e-mails under a name nothing knows.
booth = [["Full Name", "Email Address", "Mobile Phone", "Business", "Job Title", "Website", "City", "Country", "Notes",
          "Second contact"],
         ["Maria Garcia Lopez", "maria@garcia.example, m.garcia@mail.example; maria.g@work.example", "+34 600 111 222",
          "García Distribución S.L.", "Compras", "www.garcia.example", "Madrid", "Spain", "Wants samples", "pedro@garcia.example"],
         ["Иванов Иван Иванович", "ivanov@vector.example", "+7 903 000-00-01\n+7 903 000-00-02", "ООО «Вектор»", "", "",
          "Москва", "Россия", "", "sekretar@vector.example"],
         ["Smith, John", "", "(555) 010-0199, ext. 12", "Smith Plumbing", "Owner", "", "", "", "", ""]]
write('booth-list.csv', csv(booth), 'utf-8', b'\xef\xbb\xbf')

# A small CRM's export: UTF-8, LF, the titles the issue names ("Contact", "Primary Email",
# "Contact Email", "Mobile", "Business"); Google's " ::: " between two numbers.
write('crm-contacts.csv', 'Contact,Primary Email,Contact Email,Mobile,Business,Title\n'
      'Grace Hopper,grace@navy.example,g.hopper@navy.example,+1 202 555 0100 ::: +1 202 555 0101,US Navy,Rear Admiral\n'
      'Alan Turing,alan@npl.example,,,,\n', 'utf-8')

# A German Excel list ("CSV (Trennzeichen-getrennt)"): Windows-1252, ';', CRLF; "Name" beside
# "Vorname" is the family name.
write('kontakte-de.csv', csv([["Vorname", "Name", "Firma", "E-Mail-Adresse", "Handy", "Telefon geschäftlich", "PLZ", "Ort",
                                "Bemerkung"],
                               ["Jürgen", "Größe", "Bäckerei Größe KG", "j.groesse@baeckerei.example", "+49 171 9876543",
                                "+49 89 123456-0", "80331", "München", "Öfen; Rückruf"]], sep=';'), 'cp1252')

# A Russian Excel list: Windows-1251, ';', CRLF, "ФИО" (family name first) and everyday titles.
write('spisok-ru.csv', csv([["ФИО", "Эл. почта", "Телефон", "Мобильный", "Компания", "Должность"],
                             ["Петрова Анна Сергеевна", "petrova@romashka.example", "+7 843 200-00-00", "+7 917 000-11-22",
                              "ООО \"Ромашка\"", "Директор"],
                             ["Смирнов Олег", "smirnov@example.ru", "", "", "", ""]], sep=';'), 'cp1251')

# LinkedIn Connections.csv as exported today: a connection who hides everything leaves a row with
# only the "Connected On" date; the file must import without it.
write('linkedin-hidden.csv', 'Notes:\n'
      '"When exporting your connection data, you may notice that some of the email addresses are missing."\n'
      '\n'
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n'
      'Priya,Raman,https://www.linkedin.com/in/priyaraman,priya.raman@example.com,"Acme, Inc.",Head of Sales,14 Mar 2024\n'
      ',,,,,,02 Jan 2023\n', 'utf-8')
