import LeadCore

/// Grey or colour pixels to JPEG through libjpeg-turbo's TurboJPEG API (the library that
/// decodes photos), opened at run time. Used for the photo a lead keeps (`OutboxPhoto`) and
/// for the camera's stills of YUYV frames.
public struct JPEGEncoder {
    private typealias Init = @convention(c) () -> UnsafeMutableRawPointer?
    private typealias Compress =
        @convention(c) (
            UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, Int32, Int32, Int32, Int32,
            UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>?, UnsafeMutablePointer<UInt>?, Int32, Int32, Int32
        ) -> Int32
    private typealias Free = @convention(c) (UnsafeMutablePointer<UInt8>?) -> Void
    private typealias Destroy = @convention(c) (UnsafeMutableRawPointer?) -> Int32

    private let initCompress: Init
    private let compress: Compress
    private let free: Free
    private let destroy: Destroy

    /// TurboJPEG's TJPF_GRAY and TJSAMP_GRAY.
    private static let grey: Int32 = 6
    private static let greySampling: Int32 = 3

    /// Loads libturbojpeg; throws the sentence naming the package when it is not installed.
    public init() throws(BadgeImageError) {
        let lib = try SharedLibrary(JPEGDecoder.library, package: JPEGDecoder.package, purpose: "Keeping photos with leads")
        initCompress = try lib.function("tjInitCompress", as: Init.self)
        compress = try lib.function("tjCompress2", as: Compress.self)
        free = try lib.function("tjFree", as: Free.self)
        destroy = try lib.function("tjDestroy", as: Destroy.self)
    }

    /// The picture as a baseline grey JPEG at `quality` (1...100); nil when libjpeg refuses it.
    public func encode(_ image: GreyImage, quality: Int = 85) -> [UInt8]? {
        guard image.width > 0, image.height > 0, let handle = initCompress() else { return nil }
        defer { _ = destroy(handle) }
        var output: UnsafeMutablePointer<UInt8>?
        var size: UInt = 0
        let status = image.pixels.withUnsafeBufferPointer {
            compress(
                handle, $0.baseAddress, Int32(image.width), Int32(image.width), Int32(image.height), JPEGEncoder.grey,
                &output, &size, JPEGEncoder.greySampling, Int32(min(100, max(1, quality))), 0)
        }
        defer { if let output { free(output) } }
        guard status == 0, let output else { return nil }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }
}

/// The photo a lead keeps: small enough for the outbox and the portal, still readable by a person.
public enum OutboxPhoto {
    /// The most bytes: what `LeadPhoto` accepts.
    public static let maximumBytes = LeadPhoto.maximumBytes
    /// The longer side a kept photo is shrunk to: a card's small print stays legible to a
    /// person at this size, and a grey JPEG of it is 80–200 KB at quality 80.
    static let longSide = 1600
    /// Tried in turn until the JPEG fits.
    static let qualities = [82, 75, 65, 55, 45, 35]

    /// The picture shrunk to at most `longSide` and compressed as a grey JPEG of at most
    /// `maximumBytes`, the quality lowered (and then the size halved) until it fits.
    public static func jpeg(of image: GreyImage) throws(BadgeImageError) -> [UInt8] {
        let encoder = try JPEGEncoder()
        var picture = image
        while max(picture.width, picture.height) > longSide, min(picture.width, picture.height) >= 2 { picture = picture.halved() }
        while true {
            for quality in qualities {
                if let bytes = encoder.encode(picture, quality: quality), bytes.count <= maximumBytes { return bytes }
            }
            guard min(picture.width, picture.height) >= 2 else { break }
            picture = picture.halved()
        }
        throw .damaged(source: "The photo", detail: "libjpeg could not compress it")
    }
}
