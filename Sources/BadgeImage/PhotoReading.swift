/// A photo read as `scan --image` and `add --photo` read it: its badge codes, or, when it holds
/// none, the business card in it. A photo with a code keeps the badge behaviour, so Tesseract is
/// loaded (and needed) only for photos without one.
public struct PhotoReading: Sendable {
    /// The codes found; empty for a card.
    public let scan: BadgeScan
    /// The card read when the photo held no code.
    public let card: CardPhoto.Recognition?
    /// The upright picture the card was read from, for the photo a lead keeps; nil for a badge.
    public let picture: GreyImage?

    /// Reads the file at `path`; `source` names it in sentences ("The file x.jpg").
    public static func read(path: String, source: String) throws(BadgeImageError) -> PhotoReading {
        let picture = try BadgePhoto.decode(BadgePhoto.read(path: path, source: source), source: source)
        var scan = try BadgePhoto.scan(picture)
        if !scan.codes.allSatisfy(isBadgeCode) { scan = BadgeScan(codes: scan.codes.filter(isBadgeCode), decoderHint: scan.decoderHint) }
        guard scan.codes.isEmpty else { return PhotoReading(scan: scan, card: nil, picture: nil) }
        return PhotoReading(scan: scan, card: try CardPhoto.read(picture), picture: picture)
    }

    /// Whether a code zbar found can be a badge's: zbar reads the strokes of a card's printed
    /// letters as a Code 128 or Code 39 now and then, with no text or a character or two
    /// (scripts/card-photos' set: an empty Code 128 on one card in 40). A badge's own 1D code holds
    /// a registration number, longer than that.
    static func isBadgeCode(_ code: BadgeCode) -> Bool {
        let text = code.text.trimmingEnds(" \t\r\n")
        return code.isTwoDimensional ? !text.isEmpty : text.count >= 4
    }
}
