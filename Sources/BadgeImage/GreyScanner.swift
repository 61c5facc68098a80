/// zbar over a grey picture already in memory: the camera's frames, scanned one after another by
/// one scanner (the photo reader decodes a file first, `BadgePhoto.scan`).
public struct GreyScanner {
    private let zbar: ZbarScanner

    /// Loads zbar; throws the sentence naming the package when it is not installed.
    public init() throws(BadgeImageError) {
        zbar = try ZbarScanner()
    }

    /// Every code in `image`, each once.
    public func scan(_ image: GreyImage) -> BadgeScan {
        BadgeScan(codes: BadgePhoto.codes(zbar.codes(in: image)))
    }
}
