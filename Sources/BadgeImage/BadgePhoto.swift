import Foundation
import Glibc

/// A badge photo read from a file: bounded read, JPEG or PNG by its first bytes, turned upright
/// as its EXIF says, scanned for codes. The libraries are loaded on first use, so a laptop without
/// them learns which package to install only when it reads a photo.
public enum BadgePhoto {
    /// Pictures with a longer side than this are scanned at half size first, then, when that finds
    /// nothing, at full size. The 2 × 2 mean halves a phone sensor's noise, which zbar's binariser
    /// suffers from most: on scripts/badge-photos' set zbar read 47 photos in 100 this way against
    /// 34 at full size alone (BENCHMARKS.md, "Issue 20"), and a 12-megapixel photo in a quarter of the time.
    static let halfSizeFirstAbove = 1000
    /// Pictures of more pixels are scanned at half size only: on the same set the full-size pass
    /// after a failed half-size one never found a code, and on a 12-megapixel photo it took zbar
    /// up to 20 s.
    static let fullSizeAtMostPixels = 4_000_000
    /// Pictures up to this size get the last retry, doubled and sharpened at σ 4 (a 1600 × 1200
    /// photo as messengers resend them becomes 7.7 MP); a 12 MP original has pixels enough already.
    static let doubledRetryAtMostPixels = 2_500_000

    /// Scans a picture already in memory: zxing-cpp's reader first when installed, then zbar,
    /// and when neither finds a code, both again on the picture sharpened (a photo focused on the
    /// table). Each pass is tried only when the ones before found nothing, so a clear photo costs
    /// one decode.
    public static func scan(bytes: [UInt8], source: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) throws(BadgeImageError)
        -> BadgeScan
    {
        try scan(decode(bytes, source: source), path: path)
    }

    /// Scans a picture already decoded and upright (a card reader reads the same pixels after):
    /// the picture as taken, then the retries.
    public static func scan(_ image: GreyImage, path: String? = ProcessInfo.processInfo.environment["PATH"]) throws(BadgeImageError) -> BadgeScan {
        let decoders = try Decoders(path: path)
        let asTaken = decoders.scan(image, passes: .asTaken)
        return asTaken.codes.isEmpty ? decoders.scan(image, passes: .retries) : asTaken
    }

    /// The passes over a picture, cheapest first: each is tried only when the ones before found nothing.
    enum Passes {
        /// The picture as it is: all a clear photo needs.
        case asTaken
        /// The picture sharpened (a photo focused on the table), then, for pictures of a few
        /// megapixels, doubled and sharpened at σ 4. They cost more than a clear photo's read.
        case retries
    }

    /// The decoders installed: zxing-cpp's `ZXingReader` when on PATH, and zbar.
    struct Decoders {
        let zxing: ZXingReaderTool?
        let zbar: ZbarScanner?

        init(path: String?) throws(BadgeImageError) {
            zxing = ZXingReaderTool(path: path)
            do { zbar = try ZbarScanner() } catch {
                // zbar is what every laptop can install; without zxing-cpp's reader too there is no decoder.
                guard zxing != nil else { throw error }
                zbar = nil
            }
        }

        /// The codes the `passes` find in `image`, each picture made only when the ones before gave nothing.
        func scan(_ image: GreyImage, passes: Passes) -> BadgeScan {
            var pictures: [() -> GreyImage]
            switch passes {
            case .asTaken: pictures = [{ image }]
            case .retries:
                pictures = [{ sharpenedForRetry(image) }]
                if image.width * image.height <= doubledRetryAtMostPixels { pictures.append { image.doubled().sharpened(sigma: 4) } }
            }
            // A pass that finds only what cannot be a badge's code (zbar's reading of a card's
            // letters) found nothing: the next decoder and the retries still get their turn.
            for makePicture in pictures {
                let picture = makePicture()
                if case let found = (zxing?.codes(in: picture) ?? []).filter(isBadgeCode), !found.isEmpty { return BadgeScan(codes: found) }
                if let zbar, case let found = zbarCodes(zbar, in: picture).filter(isBadgeCode), !found.isEmpty { return BadgeScan(codes: found) }
            }
            let hint =
                zxing == nil
                ? "Installing zxing-cpp-tools (`sudo apt-get install \(ZXingReaderTool.package)`) lets leadbox read codes zbar alone misses." : nil
            return BadgeScan(codes: [], decoderHint: hint)
        }
    }

    /// Whether a code a decoder found can be a badge's: zbar reads the strokes of a card's printed
    /// letters as a Code 128 or Code 39 now and then, with no text or a character or two
    /// (scripts/card-photos' set: an empty Code 128 on one card in 40). A badge's own 1D code holds
    /// a registration number, longer than that.
    static func isBadgeCode(_ code: BadgeCode) -> Bool {
        let text = code.text.trimmingEnds(" \t\r\n")
        return code.isTwoDimensional ? !text.isEmpty : text.count >= 4
    }

    /// zbar on `image` the way it reads best: pictures with a longer side than
    /// `halfSizeFirstAbove` at half size first, the full size only when that found nothing and
    /// the picture is not too large.
    static func zbarCodes(_ scanner: ZbarScanner, in image: GreyImage) -> [BadgeCode] {
        // A picture thinner than two pixels has no half size (it would be a zero-row image).
        if max(image.width, image.height) > halfSizeFirstAbove, min(image.width, image.height) >= 2 {
            let found = codes(scanner.codes(in: image.halved()))
            if !found.isEmpty || image.width * image.height > fullSizeAtMostPixels { return found }
        }
        return codes(scanner.codes(in: image))
    }

    /// The retry's picture: sharpened at the size zbar reads it best, so a 12-megapixel photo is
    /// halved first (the mask's cost grows with the pixels, and a blurred module spans several).
    static func sharpenedForRetry(_ image: GreyImage) -> GreyImage {
        let large = image.width * image.height > fullSizeAtMostPixels && min(image.width, image.height) >= 2
        return (large ? image.halved() : image).sharpened()
    }

    /// The picture in grey, upright.
    public static func decode(_ bytes: [UInt8], source: String) throws(BadgeImageError) -> GreyImage {
        switch ImageKind(bytes) {
        case .jpeg: try JPEGDecoder().decode(bytes, source: source).oriented(ExifOrientation.of(jpeg: bytes))
        case .png: try PNGDecoder().decode(bytes, source: source)
        // No EXIF turn for HEIF: libheif applies the file's own `irot`/`imir`, and an iPhone's
        // HEIC carries both those and an EXIF Orientation tag; applying both would turn it twice.
        case .heif(let brand): try HEIFDecoder().decode(bytes, source: source, brand: brand)
        case nil: throw .notAnImage(source: source)
        }
    }

    /// zbar's findings as codes, named as zxing names them (the camera's `GreyScanner` too).
    static func codes(_ found: [(symbology: Int32, name: String, bytes: [UInt8])]) -> [BadgeCode] {
        found.map {
            BadgeCode(format: BadgeCode.format(zbarSymbology: $0.symbology, zbarName: $0.name), text: String(decoding: $0.bytes, as: UTF8.self))
        }
    }

    /// The file's bytes, refused past `ImageLimits.maximumBytes` before they are read.
    static func read(path: String, source: String) throws(BadgeImageError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(source: source, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(source: source, reason: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) != S_IFDIR else { throw .unreadable(source: source, reason: "it is a folder") }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(source: source, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
            guard bytes.count <= ImageLimits.maximumBytes else {
                throw .tooLarge(source: source, what: "over \(ImageLimits.maximumBytes / 1024 / 1024) MB")
            }
        }
    }
}

/// The picture formats read, told by their first bytes rather than the file's name.
enum ImageKind {
    case jpeg, png
    /// HEIF: an iPhone's HEIC, or AVIF; an ISO media file whose `ftyp` box names an image brand
    /// (`brand` is the one found, which tells HEVC from AV1).
    case heif(brand: String)

    /// The `ftyp` brands of HEIF still images: HEVC-coded (heic, heix, heim, heis), AV1-coded
    /// (avif), and the generic image brand (mif1). A sequence brand alone (hevc, msf1, avis) is a
    /// video, not a photo; such files list an image brand among their compatible ones when they
    /// hold a still too.
    static let heifBrands: Set<String> = ["heic", "heix", "heim", "heis", "mif1", "avif"]

    init?(_ bytes: [UInt8]) {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if let brand = ImageKind.heifBrand(bytes) {
            self = .heif(brand: brand)
        } else {
            return nil
        }
    }

    /// The HEIF image brand a leading `ftyp` box names — its major brand, then its compatible
    /// ones, within the box's own size and the bytes there are — `avif` wherever it stands
    /// (an AVIF may lead with the generic `mif1`), else the first; nil for any other file.
    static func heifBrand(_ bytes: [UInt8]) -> String? {
        guard bytes.count >= 12, bytes[4..<8].elementsEqual("ftyp".utf8) else { return nil }
        let size = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let end = min(bytes.count, max(12, size))
        // Major brand at 8, minor version at 12, compatible brands from 16.
        let offsets = [8] + Array(stride(from: 16, to: end - 3, by: 4))
        let brands = offsets.map { String(decoding: bytes[$0..<$0 + 4], as: UTF8.self) }.filter(heifBrands.contains)
        return brands.contains("avif") ? "avif" : brands.first
    }
}
