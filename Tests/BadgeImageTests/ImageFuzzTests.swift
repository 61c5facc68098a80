import Glibc
import LeadCore
import Testing

@testable import BadgeImage

/// Seeded random, cut and flipped JPEG, PNG, HEIC and Exif bytes: the reader answers (a picture or a
/// sentence) and never traps or hangs.
@Suite struct ImageFuzzTests {
    /// Any answer is fine; an error must be one sentence.
    static func exercise(_ bytes: [UInt8]) {
        _ = ExifOrientation.of(jpeg: bytes)
        do {
            let image = try BadgePhoto.decode(bytes, source: "f")
            #expect(image.pixels.count == image.width * image.height)
            // What was decoded goes on to the card finder's steps as a card photo would.
            let card = CardPhoto.prepared(image, corners: CardFinder.corners(in: image))
            #expect(card.pixels.count == card.width * card.height)
        } catch {
            #expect(!error.description.contains("\n") && error.description.hasSuffix("."), "\(error.description)")
        }
    }

    @Test func randomExifHeaders() {
        var random = SeededRandom(seed: 20)
        for _ in 0..<2000 {
            var bytes = OrientationTests.jpegStart(
                bigEndian: Bool.random(using: &random), orientation: Int.random(in: 0...9, using: &random),
                extraEntriesBefore: Int.random(in: 0...3, using: &random))
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                bytes[Int.random(in: 2..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
            _ = ExifOrientation.of(jpeg: bytes)
        }
    }

    @Test(.enabled(if: PictureTools.available, "needs qrencode and ImageMagick for the seed pictures"))
    func cutAndFlippedPictures() throws {
        let png = try PictureTools.qrPNG("MECARD:N:Doe,Jane;EMAIL:jane@example.com;;", moduleSize: 3)
        let jpeg = try PictureTools.convert(png, ["-quality", "75"])
        let exifJPEG = Array(jpeg.prefix(2)) + OrientationTests.exifSegment(bigEndian: false, orientation: 6) + Array(jpeg.dropFirst(2))
        // An iPhone's format too, when libheif is there to read it.
        let heic = dlopen(HEIFDecoder.library, RTLD_NOW | RTLD_LOCAL) == nil ? nil : try PictureTools.convert(png, ["-quality", "60"], to: "heic:-")
        var random = SeededRandom(seed: 2020)
        let clock = ContinuousClock()
        let start = clock.now
        for seed in [png, jpeg, exifJPEG] + (heic.map { [$0] } ?? []) {
            for _ in 0..<120 {
                var bytes = seed
                for _ in 0..<Int.random(in: 0...8, using: &random) {
                    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
                bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
                Self.exercise(bytes)
            }
        }
        let heifStart: [UInt8] = [0, 0, 0, 0x18] + Array("ftypheic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8)
        let signatures: [[UInt8]] = [[0xFF, 0xD8, 0xFF], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], heifStart]
        for _ in 0..<300 {  // random bodies behind a real signature
            let magic = signatures[Int.random(in: 0..<signatures.count, using: &random)]
            Self.exercise(magic + (0..<Int.random(in: 0...600, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
        }
        #expect(clock.now - start < .seconds(60))
    }
}
