/// Postal addresses on a card, in the shapes DE/AT/CH, RU, FR, ES, US, UK and Japanese cards print:
/// a street with its number, a postal code with its city, a country on its own.
enum CardAddress {
    /// One comma-separated part of an address line.
    enum Part: Equatable {
        case street(String)
        case postalCity(postal: String, city: String?, province: String?)
        case city(String)
        case country(String)
        /// Part of an address line that is neither of the above (`Chiyoda-ku`), kept with the street.
        case other(String)
    }

    /// The parts of `text` when it reads as (part of) an address, else nil.
    static func parts(of text: String) -> [Part]? {
        let pieces = text.split(separator: ",").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        guard !pieces.isEmpty, pieces.count <= 8, text.count <= 200 else { return nil }
        var parts: [Part] = []
        var index = 0
        while index < pieces.count {
            var piece = pieces[index]
            // `Tokyo 108-0075 Japan`: a country printed at the end of a part is a part of its own.
            let words = piece.split(separator: " ")
            var country: String?
            for count in [2, 1] where words.count > count && isCountry(words.suffix(count).joined(separator: " ")) {
                country = words.suffix(count).joined(separator: " ")
                piece = words.dropLast(count).joined(separator: " ")
                break
            }
            defer { if let country { parts.append(.country(country)) } }
            // `Arlington, VA 22209`: the state and ZIP code name the city before them.
            if let (state, zip) = usStateAndZIP(piece) {
                if let city = parts.last, case .other(let name) = city, !name.contains(where: \.isNumber) {
                    parts[parts.count - 1] = .postalCity(postal: zip, city: name, province: state)
                } else {
                    parts.append(.postalCity(postal: zip, city: nil, province: state))
                }
            } else if let found = part(piece) {
                parts += found
            } else if let last = parts.last, case .postalCity(let postal, nil, nil) = last, !piece.contains(where: \.isNumber) {
                parts[parts.count - 1] = .postalCity(postal: postal, city: piece, province: nil)  // `196084, Санкт-Петербург`
            } else {
                parts.append(.other(piece))
            }
            index += 1
        }
        // `…, Казань, 420015`: a postal code alone at the end names the city before it.
        if parts.count >= 2, case .postalCity(let postal, nil, nil) = parts[parts.count - 1], case .other(let city) = parts[parts.count - 2],
            !city.contains(where: \.isNumber), !parts.dropLast(2).contains(where: { if case .city = $0 { true } else { false } })
        {
            parts.removeLast(2)
            parts.append(.postalCity(postal: postal, city: city, province: nil))
        }
        let strong = parts.contains {
            switch $0 {
            case .street, .postalCity: true
            case .city: true
            case .country: parts.count == 1
            case .other: false
            }
        }
        if !strong, isStreet(text.split(separator: " ").map { CardVocabulary.folded(String($0)) }, piece: text) {
            return [.street(text)]  // `C/ Alcalá, 45 - 3º`: the street word and its number in different parts
        }
        return strong ? parts : nil
    }

    private static func part(_ piece: String) -> [Part]? {
        if isCountry(piece) { return [.country(piece)] }
        let words = piece.split(separator: " ").map(String.init)
        let lower = words.map { CardVocabulary.folded($0) }
        // `г. Москва`, `город Москва`.
        if let first = lower.first, ["г.", "г", "город", "гор."].contains(first), words.count >= 2 {
            return [.city(words.dropFirst().joined(separator: " "))]
        }
        let streetWord = lower.contains { streetWords.contains($0) || germanStreetEndings.contains(where: $0.hasSuffix) }
        if !streetWord, let postal = postalCity(words) { return postal }
        if isStreet(lower, piece: piece) { return [.street(piece)] }
        return nil
    }

    /// `80331 München`, `D-80331 München`, `CH-8001 Zürich`, `75008 Paris Cedex 08`, `123456` (RU),
    /// `Tokyo 100-0005`, `〒100-0005`, `London EC1A 1BB`.
    private static func postalCity(_ words: [String]) -> [Part]? {
        guard let first = words.first else { return nil }
        var code = first
        for prefix in ["D-", "A-", "CH-", "F-", "E-", "I-", "L-", "B-", "NL-"] where first.hasPrefix(prefix) {
            code = String(first.dropFirst(prefix.count))
        }
        if (4...5).contains(code.count), code.allSatisfy(\.isASCIINumber), words.count >= 2, words[1].first?.isLetter == true {
            return [.postalCity(postal: first, city: words.dropFirst().joined(separator: " "), province: nil)]
        }
        if words.count == 1, first.count == 6, first.allSatisfy(\.isASCIINumber), "123456".contains(first.first!) {
            return [.postalCity(postal: first, city: nil, province: nil)]
        }
        // A Japanese code: `Tokyo 100-0005`, or `〒100-0005 東京都千代田区…` with the address after it.
        if let codeIndex = words.firstIndex(where: isJapanesePostalCode) {
            let city = words[..<codeIndex].joined(separator: " ")
            let after = words[(codeIndex + 1)...].joined(separator: " ")
            let postal = Part.postalCity(postal: words[codeIndex], city: city.isEmpty ? nil : city, province: nil)
            return after.isEmpty ? [postal] : [postal, .other(after)]
        }
        // A UK postcode at the end: `EC1A 1BB`, `SW1A 2AA`; `BS1 STT`, its digit read as a letter, mended.
        if words.count >= 2, isUKOutward(words[words.count - 2]), let inward = ukInward(words[words.count - 1]) {
            let city = words.dropLast(2).joined(separator: " ")
            return [.postalCity(postal: words[words.count - 2] + " " + inward, city: city.isEmpty ? nil : city, province: nil)]
        }
        // A UK postcode read without its space (`Bristol BS15TT`): the inward code is always its last three.
        if let last = words.last, (5...7).contains(last.count), isUKOutward(String(last.dropLast(3))), isUKInward(String(last.suffix(3))) {
            let city = words.dropLast().joined(separator: " ")
            return [.postalCity(postal: last.dropLast(3) + " " + last.suffix(3), city: city.isEmpty ? nil : city, province: nil)]
        }
        // The city first: `Moscow 123456`, `Paris 75008`.
        if words.count >= 2, let last = words.last, (5...6).contains(last.count), last.allSatisfy(\.isASCIINumber),
            words.dropLast().allSatisfy({ $0.first?.isLetter == true })
        {
            return [.postalCity(postal: last, city: words.dropLast().joined(separator: " "), province: nil)]
        }
        return nil
    }

    private static func isJapanesePostalCode(_ word: String) -> Bool {
        let code = word.hasPrefix("〒") ? String(word.dropFirst()) : word
        let groups = code.split(separator: "-", omittingEmptySubsequences: false)
        return groups.count == 2 && groups[0].count == 3 && groups[1].count == 4 && code.filter(\.isASCIINumber).count == 7
    }

    private static func isUKOutward(_ word: String) -> Bool {
        let chars = Array(word)
        guard (2...4).contains(chars.count), chars[0].isASCII, chars[0].isUppercase else { return false }
        let letters = chars.prefix { $0.isLetter }
        guard (1...2).contains(letters.count), letters.allSatisfy({ $0.isASCII && $0.isUppercase }) else { return false }
        let rest = chars.dropFirst(letters.count)
        guard let digit = rest.first, digit.isASCIINumber else { return false }
        return rest.dropFirst().allSatisfy { $0.isASCIINumber || ($0.isASCII && $0.isUppercase) } && rest.count <= 2
    }

    /// The inward code (`5TT`), with a letter OCR reads for its digit (`S`, `O`, `I`, `B`, `Z`) mended.
    private static func ukInward(_ word: String) -> String? {
        guard word.count == 3, let first = word.first else { return nil }
        let digit: Character? = first.isASCIINumber ? first : ["S": "5", "O": "0", "I": "1", "l": "1", "B": "8", "Z": "2"][first]
        guard let digit, isUKInward(String(digit) + word.dropFirst()) else { return nil }
        return String(digit) + word.dropFirst()
    }

    private static func isUKInward(_ word: String) -> Bool {
        let chars = Array(word)
        return chars.count == 3 && chars[0].isASCIINumber && chars.dropFirst().allSatisfy { $0.isASCII && $0.isUppercase }
    }

    /// `VA 22209`, `NY 10011-1234`.
    private static func usStateAndZIP(_ piece: String) -> (String, String)? {
        let words = piece.split(separator: " ").map(String.init)
        guard words.count == 2, words[0].count == 2, words[0].allSatisfy({ $0.isASCII && $0.isUppercase }) else { return nil }
        let zip = words[1].split(separator: "-", omittingEmptySubsequences: false)
        guard zip[0].count == 5, zip[0].allSatisfy(\.isASCIINumber), zip.count == 1 || zip.count == 2 && zip[1].count == 4 else { return nil }
        return (words[0], words[1])
    }

    /// A street and its number (`Hauptstr. 5`, `12 rue de la Paix`, `1234 Sentry Road`, `ул. Ленина`,
    /// `д. 5`, `Suite 229`, `Calle Mayor 3`), or a post-office box.
    private static func isStreet(_ lower: [String], piece: String) -> Bool {
        if lower.contains(where: { russianStreets.contains($0) }) { return true }
        guard piece.contains(where: \.isNumber) else { return false }
        if lower.contains(where: { russianMarkers.contains($0) }) { return true }
        if lower.contains(where: { streetWords.contains($0.trimming(",")) }) { return true }
        if lower.contains(where: { word in germanStreetEndings.contains { word.hasSuffix($0) } }) { return true }
        // `1234 Sentry Road`: a number, then a capitalised word.
        let words = piece.split(separator: " ")
        if words.count >= 2, words[0].allSatisfy({ $0.isNumber || $0 == "-" || $0.isLetter && $0.isLowercase }), words[0].first?.isNumber == true,
            words[1].first?.isUppercase == true
        {
            return words.count >= 3 || streetWords.contains(CardVocabulary.folded(String(words[1])))
        }
        return false
    }

    private static let germanStreetEndings = [
        "straße", "strasse", "str.", "weg", "platz", "allee", "gasse", "damm", "ufer", "chaussee", "ring", "gasse",
    ]
    private static let streetWords: Set<String> = [
        "str.", "strasse", "straße", "rue", "avenue", "av.", "ave", "ave.", "boulevard", "bd", "bd.", "blvd", "blvd.", "place", "chemin", "quai",
        "allee", "allée", "impasse", "cours", "calle", "c/", "avda", "avda.", "avenida", "plaza", "paseo", "carrer", "ronda", "camino",
        "street", "st", "st.", "road", "rd", "rd.", "lane", "ln", "ln.", "drive", "dr.", "way", "suite", "ste", "ste.", "floor", "fl", "fl.",
        "court", "ct", "ct.", "square", "sq", "highway", "hwy", "parkway", "pkwy", "box", "postfach", "bp", "apartado", "bldg", "bldg.",
        "building", "unit", "room", "chome", "piso", "planta", "étage", "etage", "stock", "og", "haus", "gebäude", "via", "viale", "piazza",
        "corso", "strada", "laan", "straat", "weg", "gracht",
    ]
    /// Russian words that make a part an address on their own.
    private static let russianStreets: Set<String> = [
        "ул.", "улица", "пр-т", "пр-кт", "проспект", "переулок", "наб.", "набережная", "шоссе", "бульвар", "площадь", "мкр.", "обл.", "область",
        "р-н", "район",
    ]
    /// Russian words that need a number beside them (`д. 5`, `офис 12`): alone they could be initials.
    private static let russianMarkers: Set<String> = [
        "ул", "пр.", "пер.", "ш.", "б-р", "пл.", "д.", "дом", "корп.", "корпус", "стр.", "строение", "офис", "оф.", "эт.", "этаж", "пом.",
        "помещение", "а/я",
    ]

    static func isCountry(_ text: String) -> Bool {
        countries.contains(CardVocabulary.folded(text.trimmingSpaces.trimming(".,;")))
    }

    private static let countries: Set<String> = Set(
        [
            "germany", "deutschland", "österreich", "austria", "schweiz", "suisse", "svizzera", "switzerland", "russia", "россия",
            "российская федерация", "russian federation", "france", "españa", "spain", "usa", "u.s.a", "united states",
            "united states of america", "uk", "u.k", "united kingdom", "great britain", "england", "scotland", "japan", "日本", "italia",
            "italy", "netherlands", "the netherlands", "nederland", "belgium", "belgique", "belgië", "poland", "polska", "china", "kazakhstan",
            "казахстан", "беларусь", "belarus", "ukraine", "украина", "sweden", "sverige", "norway", "norge", "denmark", "danmark", "finland",
            "suomi", "ireland", "portugal", "czech republic", "czechia", "česko", "luxembourg", "canada", "mexico", "méxico", "brazil",
            "brasil", "india", "singapore", "south korea", "korea", "turkey", "türkiye", "uae", "united arab emirates", "israel", "australia",
        ].map { CardVocabulary.folded($0) })
}

extension Character {
    var isASCIINumber: Bool { isASCII && isNumber }
}
