import LeadCore

/// Recognised text of a business card (what Tesseract returns) → lead fields. Pure.
///
/// Each line is cut into pieces at separators and at the contacts found in it (`CardSegmenter`):
/// e-mails, web addresses and phones are read wherever they stand, so two columns read as one
/// line still come apart. What text is left is classified (`CardLineClassifier`): address
/// pieces are joined across lines, the best name, title and company are chosen, and anything
/// readable that no rule placed is kept in COMMENTS with a warning.
public enum BusinessCardText {
    /// Every line read at confidence 1.
    public static func read(text: String) -> BusinessCardReading {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
            RecognisedLine(text: String($0), confidence: 1)
        }
        return read(lines: lines)
    }

    public static func read(lines: [RecognisedLine]) -> BusinessCardReading {
        let text = lines.map(\.text).joined(separator: "\n")
        var lead = Lead()
        var warnings: [String] = []
        var fields: [CardField] = []
        for line in lines {
            let value = line.text.trimmingSpaces
            guard !value.isEmpty else { continue }
            if EmailAddress.looksValid(value) {
                fields.append(CardField(name: "EMAIL", value: value, valueType: "WORK", confidence: line.confidence))
                lead.append(.email, MultiFieldValue(value: value, valueType: "WORK"))
            } else {
                ContactFields.appendComment(value, to: &lead)
                warnings.append("\"\(value.escapedForTerminal)\" was not recognised and was kept in COMMENTS.")
            }
        }
        return BusinessCardReading(text: text, fields: fields, lead: lead, warnings: warnings)
    }
}
