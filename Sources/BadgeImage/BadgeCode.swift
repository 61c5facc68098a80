import ContactInput
import LeadCore

/// One code read from a picture: its symbology in the names other scanners use (zxing's
/// `QR_CODE`, `CODE_128`, …) and its text.
public struct BadgeCode: Sendable, Equatable {
    public let format: String
    public let text: String

    public init(format: String, text: String) {
        self.format = format
        self.text = text
    }

    /// zbar's symbology number in the common name; one zbar names but nobody else does keeps
    /// zbar's name.
    static func format(zbarSymbology: Int32, zbarName: String) -> String {
        switch zbarSymbology {
        case 64: "QR_CODE"
        case 57: "PDF_417"
        case 128: "CODE_128"
        case 39: "CODE_39"
        case 93: "CODE_93"
        case 38: "CODABAR"
        case 25: "ITF"
        case 13: "EAN_13"
        case 8: "EAN_8"
        case 12: "UPC_A"
        case 9: "UPC_E"
        case 14: "ISBN_13"
        case 10: "ISBN_10"
        case 34: "DATABAR"
        case 35: "DATABAR_EXPANDED"
        default: zbarName
        }
    }

    /// Whether the text is a contact card the front door reads field by field.
    var isContactCard: Bool {
        switch ContactInput.format(of: text) {
        case .vcard, .mecard, .bizcard, .au: true
        case .csv, .unrecognized: false
        }
    }

    /// Whether the symbology is two-dimensional: a badge's main code, where a 1D code beside it is
    /// often a ticket or a product number.
    var isTwoDimensional: Bool { ["QR_CODE", "PDF_417", "AZTEC", "DATA_MATRIX"].contains(format) }
}

/// What one picture held, and the lead a badge scan of it makes.
public struct BadgeScan: Sendable, Equatable {
    /// Every code found, each once, in the decoder's order.
    public let codes: [BadgeCode]
    /// When no code was found and a better decoder could be installed: the sentence saying how.
    public let decoderHint: String?

    public init(codes: [BadgeCode], decoderHint: String? = nil) {
        var unique: [BadgeCode] = []
        for code in codes where !unique.contains(code) { unique.append(code) }
        self.codes = unique
        self.decoderHint = decoderHint
    }

    /// The code the lead is made from: the first contact card, else the first 2D code, else the first.
    public var badgeCode: BadgeCode? {
        codes.first(where: \.isContactCard) ?? codes.first(where: \.isTwoDimensional) ?? codes.first
    }

    /// The lead exactly as a keyboard-wedge scan of the same text makes it (`ContactInput.scan`),
    /// with a word on the codes that were left aside; nil when the picture held no code.
    public func contact(scanField: String) -> ParsedContact? {
        guard let code = badgeCode else { return nil }
        var contact = ContactInput.scan(code.text, scanField: scanField)
        let others = codes.filter { $0 != code }
        if !others.isEmpty {
            let list = others.map { "\($0.format) \"\(String($0.text.prefix(40)).escapedForTerminal)\"" }.joined(separator: ", ")
            contact.warnings.append(
                "The picture holds \(codes.count) codes; the lead is made from the \(code.format) one, and \(others.count == 1 ? "this one was" : "these were") left aside: \(list)."
            )
        }
        return contact
    }
}
