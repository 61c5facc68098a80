/// The largest photo read: a phone's 200-megapixel sensor writes JPEGs of 20–40 MB, a badge photo
/// is far smaller, and a picture past these bounds is refused before it is decoded, so a
/// hostile PNG of a few bytes cannot ask for gigabytes.
public enum ImageLimits {
    public static let maximumBytes = 50 * 1024 * 1024
    public static let maximumPixels = 100_000_000

    /// Refuses a picture of `width` × `height` past the pixel bound.
    static func check(width: Int, height: Int, source: String) throws(BadgeImageError) {
        guard width > 0, height > 0 else { throw .damaged(source: source, detail: "the picture has no pixels") }
        // Each side first, so the product cannot overflow.
        guard width <= maximumPixels, height <= maximumPixels, width * height <= maximumPixels else {
            throw .tooLarge(source: source, what: "\(width) × \(height) pixels (over \(maximumPixels / 1_000_000) megapixels)")
        }
    }
}
