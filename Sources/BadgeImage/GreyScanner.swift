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
        BadgeScan(
            codes: zbar.codes(in: image).map {
                BadgeCode(format: BadgeCode.format(zbarSymbology: $0.symbology, zbarName: $0.name), text: String(decoding: $0.bytes, as: UTF8.self))
            })
    }
}
