import Foundation

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

    /// Settles, before any thread starts, the environment the photo libraries read when they
    /// load (Tesseract's OpenMP threads: `TesseractEngine.oneThreadUnlessTold`). `setenv` is not
    /// safe while other threads read the environment, so the program calls this first thing;
    /// a library loaded later finds the setting already there.
    public static func prepareProcess() {
        TesseractEngine.oneThreadUnlessTold()
    }

    /// Reads the file at `path`; `source` names it in sentences ("The file x.jpg").
    ///
    /// When the photo as taken shows no code, the code reader's retries (sharpened, doubled) and
    /// the card reader run side by side, each on a core of its own: a card photo no longer waits
    /// for retries that find nothing on it (about 0.7 s on a 1600 × 1200 photo) before Tesseract
    /// starts. A code the retries find wins: the card's reading is stopped and dropped.
    /// `searchPath` is where zxing-cpp's reader is looked for (PATH).
    public static func read(
        path: String, source: String, searchPath: String? = ProcessInfo.processInfo.environment["PATH"]
    ) throws(BadgeImageError) -> PhotoReading {
        let picture = try BadgePhoto.decode(BadgePhoto.read(path: path, source: source), source: source)
        let decoders = try BadgePhoto.Decoders(path: searchPath)
        let asTaken = decoders.scan(picture, passes: .asTaken)
        guard asTaken.codes.isEmpty else { return PhotoReading(scan: asTaken, card: nil, picture: nil) }
        let cancellation = CardReadCancellation()
        let card = BackgroundWork { () throws(BadgeImageError) in try CardPhoto.read(picture, cancellation: cancellation) }
        let retried = decoders.scan(picture, passes: .retries)
        guard retried.codes.isEmpty else {
            // The code wins: the card reading stops within a word, and is waited for, so no
            // Tesseract is still at work when the command ends and the process exits.
            cancellation.cancel()
            _ = try? card.value()
            return PhotoReading(scan: retried, card: nil, picture: nil)
        }
        return PhotoReading(scan: retried, card: try card.value(), picture: picture)
    }
}
