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
        let bytes = try BadgePhoto.read(path: path, source: source)
        let scan = try BadgePhoto.scan(bytes: bytes, source: source)
        guard scan.codes.isEmpty else { return PhotoReading(scan: scan, card: nil, picture: nil) }
        let picture = try BadgePhoto.decode(bytes, source: source)
        return PhotoReading(scan: scan, card: try CardPhoto.read(picture), picture: picture)
    }
}
