import LeadCore

/// Recognised text of a business card (what Tesseract returns) → lead fields. Pure.
///
/// Each line is cut into tokens (`CardSegmenter`): e-mails, web addresses and phones are read
/// wherever they stand, so two columns read as one line still come apart, and a column of
/// labels (`T`, `M`, `E`) printed apart from its values labels them in order. The text left over
/// is classified: address parts are joined across neighbouring lines (`CardAddress`), then the
/// job title, the name and the company are chosen (`CardLineClassifier`). Anything readable
/// that no rule placed is kept in COMMENTS with a warning; noise is counted in one.
public enum BusinessCardText {
    /// Every line read at confidence 1.
    public static func read(text: String) -> BusinessCardReading {
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map {
            RecognisedLine(text: String($0), confidence: 1)
        }
        return read(lines: lines)
    }

    /// More lines than any card holds are kept in COMMENTS unread, as are characters past a line's limit.
    static let maximumLines = 120
    static let maximumLineLength = 300
    /// Left-over text read with less OCR confidence than this is counted as noise, not kept in COMMENTS.
    static let noiseBelow = 0.35

    public static func read(lines: [RecognisedLine]) -> BusinessCardReading {
        var reading = CardReadingBuilder(lines: lines)
        reading.readContacts()
        reading.placeText()
        return reading.finish(text: lines.map(\.text).joined(separator: "\n"))
    }
}
