import Testing

@testable import ContactInput
@testable import LeadCore

/// German, Austrian, Swiss, French and Spanish cards. The first two are contact blocks from a
/// public German test suite of hard cases (`difficultContacts`: abcfinance, Media in Motion, found
/// through the code search), kept as printed; the rest are written after cards as `tesseract -l deu+eng`
/// reads them: `·` and `|` between parts, `I` for a rule, a stray `„`, `(O)` for `(0)`.
@Suite struct BusinessCardEuropeTests {
    static let cards: [CardCase] = [
        CardCase(
            id: "abcfinance: (at), Telefax, the title as a label above the name",
            text: """
                abcfinance GmbH
                Kamekestraße 2-8
                50672 Köln
                Telefon: (0221) 579 08-0
                Telefax: (0221) 579 08-9126
                E-Mail: info(at)abcfinance.de
                Geschäftsführung:
                Simon Wieland

                """,
            values: [
                "NAME": "Simon", "LAST_NAME": "Wieland", "POST": "Geschäftsführung", "COMPANY_TITLE": "abcfinance GmbH",
                "ADDRESS": "Kamekestraße 2-8", "ADDRESS_POSTAL_CODE": "50672", "ADDRESS_CITY": "Köln",
            ],
            phones: ["WORK +49221579080", "FAX +49221579089126"],
            emails: ["info@abcfinance.de"]),
        CardCase(
            id: "Media in Motion: labels and values in two columns, register lines",
            text: """
                Media in Motion e.K.
                Bargkoppelweg 72
                22145 Hamburg
                Germany

                Telefon    +49 40 2262111-60
                Email      info(at)media-in-motion.com
                Web        www.media-in-motion.com

                Inhaber
                Henning Heidmann

                Sitz der Gesellschaft: Hamburg, Deutschland
                Registergericht: Amtsgericht Hamburg HRA 104877

                UST-ID-NR: DE304114555

                """,
            values: [
                "NAME": "Henning", "LAST_NAME": "Heidmann", "POST": "Inhaber", "COMPANY_TITLE": "Media in Motion e.K.", "ADDRESS": "Bargkoppelweg 72",
                "ADDRESS_POSTAL_CODE": "22145", "ADDRESS_CITY": "Hamburg", "ADDRESS_COUNTRY": "Germany",
            ],
            phones: ["WORK +4940226211160"], emails: ["info@media-in-motion.com"], webs: ["WORK www.media-in-motion.com"],
            comments: ["Registergericht: Amtsgericht Hamburg HRA 104877", "UST-ID-NR: DE304114555"]),
        CardCase(
            id: "company over two lines, Dr.-Ing., labels T M E in a column, logo strokes",
            text: """
                |||
                MÜLLER & SÖHNE
                Maschinenbau GmbH
                Dr.-Ing. Klaus Müller
                Geschäftsführer
                T
                M
                E
                +49 711 123456-0
                +49 171 9876543
                k.mueller@mueller-soehne.de
                Industriestr. 14 · 70565 Stuttgart
                www.mueller-soehne.de
                """,
            values: [
                "NAME": "Klaus", "LAST_NAME": "Müller", "POST": "Geschäftsführer", "COMPANY_TITLE": "MÜLLER & SÖHNE Maschinenbau GmbH",
                "ADDRESS": "Industriestr. 14", "ADDRESS_POSTAL_CODE": "70565", "ADDRESS_CITY": "Stuttgart",
            ],
            phones: ["WORK +497111234560", "MOBILE +491719876543"], emails: ["k.mueller@mueller-soehne.de"], webs: ["WORK www.mueller-soehne.de"],
            comments: ["Dr.-Ing."]),
        CardCase(
            id: "Tel. and Fax merged on one line, 089 / 23 45 67, a stray „",
            text: """
                „ Vertriebsleiterin Süd
                Petra Schneider-Wolff
                Schneider Wolff Kommunikation GmbH & Co. KG
                Tel. 089 / 23 45 67-0 Fax 089 / 23 45 67-99
                Mobil 0170 1234567
                p.schneider-wolff@swk-kommunikation.de | www.swk-kommunikation.de
                Leopoldstraße 244, 80807 München
                """,
            values: [
                "NAME": "Petra", "LAST_NAME": "Schneider-Wolff", "POST": "Vertriebsleiterin Süd",
                "COMPANY_TITLE": "Schneider Wolff Kommunikation GmbH & Co. KG", "ADDRESS": "Leopoldstraße 244", "ADDRESS_CITY": "München",
            ],
            phones: ["WORK +49892345670", "FAX +498923456799", "MOBILE +491701234567"], emails: ["p.schneider-wolff@swk-kommunikation.de"],
            webs: ["WORK www.swk-kommunikation.de"]),
        CardCase(
            id: "noisy photo: specks, (0) trunk with a slash, I for the rule between street and city",
            text: """
                . ,' ~
                ee Wi
                KATHARINA WEBER
                Senior Consultant
                Tel.: +49 (0) 30 / 12 34 56 - 78
                katharina.weber@beratung-weber.de
                ~~ _ ..
                Friedrichstraße 123 I 10117 Berlin
                """,
            values: [
                "NAME": "KATHARINA", "LAST_NAME": "WEBER", "POST": "Senior Consultant", "ADDRESS": "Friedrichstraße 123",
                "ADDRESS_POSTAL_CODE": "10117",
                "ADDRESS_CITY": "Berlin",
            ],
            phones: ["WORK +493012345678"], emails: ["katharina.weber@beratung-weber.de"]),
        CardCase(
            id: "Austria: Ing., Handy, A- postal prefix before the street",
            text: """
                Ing. Thomas Gruber
                Technischer Leiter
                Alpenholz Bau GmbH
                A-6020 Innsbruck, Museumstraße 5
                Tel +43 512 123456
                Handy +43 664 1234567
                t.gruber@alpenholz.at
                """,
            values: [
                "NAME": "Thomas", "LAST_NAME": "Gruber", "POST": "Technischer Leiter", "COMPANY_TITLE": "Alpenholz Bau GmbH",
                "ADDRESS": "Museumstraße 5",
                "ADDRESS_POSTAL_CODE": "A-6020", "ADDRESS_CITY": "Innsbruck",
            ],
            phones: ["WORK +43512123456", "MOBILE +436641234567"], emails: ["t.gruber@alpenholz.at"], comments: ["Ing."]),
        CardCase(
            id: "Switzerland: lic. iur., Partnerin, CH- postal code, bare international number",
            text: """
                Müller Treuhand AG
                lic. iur. Andrea Keller
                Partnerin
                Bahnhofstrasse 10
                CH-8001 Zürich
                +41 44 123 45 67
                andrea.keller@mueller-treuhand.ch
                """,
            values: [
                "NAME": "Andrea", "LAST_NAME": "Keller", "POST": "Partnerin", "COMPANY_TITLE": "Müller Treuhand AG", "ADDRESS": "Bahnhofstrasse 10",
                "ADDRESS_POSTAL_CODE": "CH-8001", "ADDRESS_CITY": "Zürich",
            ],
            phones: ["WORK +41441234567"], emails: ["andrea.keller@mueller-treuhand.ch"], comments: ["lic. iur."]),
        CardCase(
            id: "France: Tél. with (0), Portable, rue, country line",
            text: """
                Sophie Martin
                Directrice Commerciale
                DUPONT & ASSOCIÉS SARL
                12 rue de la Paix
                75002 Paris
                France
                Tél. : +33 (0)1 42 68 53 00
                Portable : 06 12 34 56 78
                sophie.martin@dupont-associes.fr
                """,
            values: [
                "NAME": "Sophie", "LAST_NAME": "Martin", "POST": "Directrice Commerciale", "COMPANY_TITLE": "DUPONT & ASSOCIÉS SARL",
                "ADDRESS": "12 rue de la Paix", "ADDRESS_POSTAL_CODE": "75002", "ADDRESS_CITY": "Paris", "ADDRESS_COUNTRY": "France",
            ],
            phones: ["WORK +33142685300", "MOBILE +33612345678"], emails: ["sophie.martin@dupont-associes.fr"]),
        CardCase(
            id: "France: [at] and a comma for the last dot, avenue after the number",
            text: """
                Cabinet Lefèvre Conseil
                Jean-Pierre Lefèvre
                Consultant en stratégie
                Tél : 04 72 00 11 22
                Fax : 04 72 00 11 23
                jp.lefevre[at]lefevre-conseil,fr
                45, avenue Jean Jaurès
                69007 Lyon
                """,
            values: [
                "NAME": "Jean-Pierre", "LAST_NAME": "Lefèvre", "POST": "Consultant en stratégie", "COMPANY_TITLE": "Cabinet Lefèvre Conseil",
                "ADDRESS": "45, avenue Jean Jaurès", "ADDRESS_POSTAL_CODE": "69007", "ADDRESS_CITY": "Lyon",
            ],
            phones: ["WORK +33472001122", "FAX +33472001123"], emails: ["jp.lefevre@lefevre-conseil.fr"]),
        CardCase(
            id: "Spain: Móvil, C/ street, nine-digit number beside a .es domain",
            text: """
                Grupo Iberia Soluciones S.L.
                Javier Fernández López
                Director de Ventas
                Móvil: +34 612 345 678
                Tel.: 91 123 45 67
                javier.fernandez@iberiasoluciones.es
                C/ Alcalá, 45 - 3º
                28014 Madrid
                """,
            values: [
                "NAME": "Javier", "LAST_NAME": "López", "POST": "Director de Ventas", "COMPANY_TITLE": "Grupo Iberia Soluciones S.L.",
                "ADDRESS": "C/ Alcalá, 45 - 3º", "ADDRESS_POSTAL_CODE": "28014", "ADDRESS_CITY": "Madrid",
            ],
            phones: ["MOBILE +34612345678", "WORK +34911234567"], emails: ["javier.fernandez@iberiasoluciones.es"]),
    ]

    @Test(arguments: cards) func reads(_ card: CardCase) {
        card.check()
    }
}
