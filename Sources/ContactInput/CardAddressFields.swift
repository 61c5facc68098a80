import LeadCore

/// A card's address split into the lead's address fields where the parts are sure: the postal
/// code, the city, the state and a printed country; everything else (street, house, office) is ADDRESS.
enum CardAddressFields {
    static func apply(_ parts: [CardAddress.Part], to lead: inout Lead) {
        var street: [String] = []
        for part in parts {
            switch part {
            case .street(let text), .other(let text): street.append(text)
            case .postalCity(let postal, let city, let province):
                if lead["ADDRESS_POSTAL_CODE"] == nil { lead["ADDRESS_POSTAL_CODE"] = postal } else { street.append(postal) }
                if let city, lead["ADDRESS_CITY"] == nil { lead["ADDRESS_CITY"] = city }
                if let province { lead["ADDRESS_PROVINCE"] = province }
            case .city(let city):
                if lead["ADDRESS_CITY"] == nil { lead["ADDRESS_CITY"] = city } else { street.append(city) }
            case .country(let country): lead["ADDRESS_COUNTRY"] = country
            }
        }
        lead["ADDRESS"] = street.isEmpty ? nil : street.joined(separator: ", ")
    }
}
