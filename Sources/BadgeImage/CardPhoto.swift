import ContactInput

/// A business card read from a photo: the card found and squared (`CardFinder`, `CardImage`),
/// turned upright, its text recognised by Tesseract and read into lead fields by
/// `BusinessCardText`. When no card edge is found the whole photo is read.
public enum CardPhoto {
    /// What was read, and how.
    public struct Recognition: Sendable, Equatable {
        /// The fields read from the recognised lines.
        public let reading: BusinessCardReading
        /// The recognised lines with their confidences, top to bottom.
        public let lines: [RecognisedLine]
        /// The card's corners in the upright photo; nil when no edge was found and the whole photo was read.
        public let corners: Quad?
        /// The clockwise turn the squared card needed to be upright.
        public let turn: Int

        /// Whether a card was read: at least one field read with confidence. A photo of
        /// anything else (a table, a face, a fractal) gives Tesseract specks it reads as a
        /// few letters at low confidence, which must not become a lead.
        public var holdsACard: Bool { reading.fields.contains { !$0.isUnsure } }
    }

    /// The orientation detector's confidence from which its turn is tried first (Tesseract's
    /// scale: it gives 3–9 on a card's worth of upright text, below 1 on a few letters).
    static let trustedOrientation = 2.0
    /// A reading whose mean confidence is at least this is taken as the right way up without
    /// trying other turns: cards read upright score 0.78–0.95 on scripts/card-photos' set, upside
    /// down 0.3–0.5. (Tesseract turns text lying on its side itself, so 90° off reads like 0°.)
    static let uprightConfidence = 0.7

    /// Reads the card in the upright photo `image` (as `BadgePhoto.decode` gives it).
    public static func read(_ image: GreyImage) throws(BadgeImageError) -> Recognition {
        try read(image, cancellation: nil)
    }

    /// Reads the card unless `cancellation` stops it first; a stopped reading is cut short and
    /// meant to be dropped.
    static func read(_ image: GreyImage, cancellation: CardReadCancellation?) throws(BadgeImageError) -> Recognition {
        try TesseractEngine.withShared { engine in read(image, engine: engine, cancellation: cancellation) }
    }

    static func read(_ image: GreyImage, engine: TesseractEngine, cancellation: CardReadCancellation? = nil) -> Recognition {
        let corners = CardFinder.corners(in: image)
        let card = prepared(image, corners: corners)
        let dpi = corners == nil ? wholePhotoDPI(image) : CardImage.dpi
        var candidates = [0, 180, 90, 270]
        if let detected = engine.uprightTurn(of: card, dpi: dpi), detected.confidence >= trustedOrientation {
            let turn = (360 - detected.degrees) % 360
            candidates = [turn, (turn + 180) % 360] + candidates.filter { $0 != turn && $0 != (turn + 180) % 360 }
        }
        var best: (turn: Int, lines: [RecognisedLine], score: Double)?
        for turn in candidates where cancellation?.isCancelled != true {
            let lines = engine.lines(in: CardImage.turned(card, clockwise: turn), dpi: dpi, cancellation: cancellation)
            let score = confidentCharacters(lines)
            if score > best?.score ?? -1 { best = (turn, lines, score) }
            if meanConfidence(lines) >= uprightConfidence || lines.isEmpty { break }
        }
        let chosen = best ?? (0, [], 0)
        return Recognition(reading: BusinessCardText.read(lines: chosen.lines), lines: chosen.lines, corners: corners, turn: chosen.turn)
    }

    /// The picture Tesseract is given: the card squared at about 300 dpi, or the whole photo
    /// when no card was found; dark letters on light (bands inverted first, so that the light
    /// is then evened out over one kind of ground), evenly lit.
    static func prepared(_ image: GreyImage, corners: Quad?) -> GreyImage {
        let card = corners.map { CardImage.squared(image, quad: $0) } ?? wholePhoto(image)
        return CardImage.evenlyLit(CardImage.darkOnLight(card))
    }

    /// The whole photo, halved while its longer side is above twice a squared card's: a
    /// 12-megapixel photo holds far more pixels than its text needs.
    static func wholePhoto(_ image: GreyImage) -> GreyImage {
        var picture = image
        while max(picture.width, picture.height) >= 2 * CardImage.longSide, min(picture.width, picture.height) >= 4 {
            picture = picture.halved()
        }
        return picture
    }

    /// A guess at the resolution of a whole photo: as if a card filled two thirds of its width.
    static func wholePhotoDPI(_ image: GreyImage) -> Int {
        let picture = wholePhoto(image)
        return max(70, Int(Double(max(picture.width, picture.height)) * 2 / 3 / CardImage.longSideInches))
    }

    /// The lines' characters weighted by their confidence: a card read the right way up has many
    /// characters read with confidence; one read upside down, few.
    static func confidentCharacters(_ lines: [RecognisedLine]) -> Double {
        lines.reduce(0) { $0 + Double($1.text.filter { $0.isLetter || $0.isNumber }.count) * $1.confidence }
    }

    static func meanConfidence(_ lines: [RecognisedLine]) -> Double {
        let weights = lines.map { Double($0.text.count) }
        let total = weights.reduce(0, +)
        guard total > 0 else { return 0 }
        return zip(lines, weights).reduce(0) { $0 + $1.0.confidence * $1.1 } / total
    }
}
