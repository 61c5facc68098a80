import Testing

@testable import BadgeImage

/// The decoders on pictures qrencode and ImageMagick wrote: PNG and JPEG, turned by pixels or
/// by the EXIF tag, a code too small to read, and bad input refused in one sentence.
@Suite(.enabled(if: PictureTools.available, "needs /usr/bin/qrencode and /usr/bin/convert (apt-get install qrencode imagemagick)"))
struct DecodeTests {
    static let mecard = "MECARD:N:Титов,Глеб;ORG:ИП Титов;EMAIL:gleb@example.com;;"

    @Test func readsPNGFromQrencode() throws {
        let scan = try BadgePhoto.scan(bytes: PictureTools.qrPNG(Self.mecard), source: "The file badge.png")
        #expect(scan.codes == [BadgeCode(format: "QR_CODE", text: Self.mecard)])
    }

    @Test(arguments: [0, 90, 180, 270])
    func readsTurnedJPEG(degrees: Int) throws {
        let jpeg = try PictureTools.convert(PictureTools.qrPNG(Self.mecard), ["-rotate", "\(degrees)", "-quality", "80"])
        let scan = try BadgePhoto.scan(bytes: jpeg, source: "The file badge.jpg")
        #expect(scan.badgeCode?.text == Self.mecard)
    }

    /// A phone's way: pixels stored turned, the tag saying how to show them; the picture read is upright.
    @Test func honoursExifOrientation() throws {
        let png = try PictureTools.convert(PictureTools.qrPNG("REG-1"), ["-gravity", "north", "-extent", "300x200"], to: "png:-")
        let upright = try BadgePhoto.decode(png, source: "f")
        // ImageMagick writes no Exif of its own here, so the segment is put behind the JPEG's SOI as cameras do.
        let turned = try PictureTools.convert(png, ["-rotate", "270", "-quality", "95"])
        let stored = Array(turned.prefix(2)) + OrientationTests.exifSegment(bigEndian: false, orientation: 6) + Array(turned.dropFirst(2))
        #expect(ExifOrientation.of(jpeg: stored) == .right)
        let read = try BadgePhoto.decode(stored, source: "f")
        #expect(read.width == upright.width && read.height == upright.height)
        let differing = zip(read.pixels, upright.pixels).filter { abs(Int($0) - Int($1)) > 64 }.count
        #expect(differing * 100 < read.pixels.count, "\(differing) of \(read.pixels.count) pixels differ")
    }

    @Test func noCodeIsAnEmptyScan() throws {
        let blank = try PictureTools.convert(PictureTools.qrPNG("x"), ["-fill", "white", "-colorize", "100"])
        #expect(try BadgePhoto.scan(bytes: blank, source: "f").codes.isEmpty)
    }

    @Test func badInputInOneSentence() throws {
        let jpeg = try PictureTools.convert(PictureTools.qrPNG(Self.mecard), ["-quality", "80"])
        let cases: [([UInt8], BadgeImageError)] = [
            (Array("BEGIN:VCARD".utf8), .notAnImage(source: "The file x")),
            (Array(jpeg.prefix(jpeg.count / 2)), .damaged(source: "The file x", detail: "")),
            (Array(jpeg.prefix(300)), .damaged(source: "The file x", detail: "")),
        ]
        for (bytes, expected) in cases {
            #expect {
                try BadgePhoto.scan(bytes: bytes, source: "The file x")
            } throws: { error in
                guard let error = error as? BadgeImageError else { return false }
                let sentence = error.description
                #expect(sentence.hasPrefix("The file x ") && sentence.hasSuffix(".") && !sentence.contains("\n"), "\(sentence)")
                switch (error, expected) {
                case (.notAnImage, .notAnImage), (.damaged, .damaged): return error.exitStatus == .dataError
                default: return false
                }
            }
        }
    }

    /// A PNG of a few hundred bytes whose header claims 10240 × 10240 pixels (qrencode's PNG with
    /// its IHDR rewritten, CRC and all) is refused before a byte of it is decoded.
    @Test func hugePNGRefused() throws {
        let huge = try PictureTools.claimingSize(PictureTools.qrPNG("x"), width: 10240, height: 10240)
        #expect(throws: BadgeImageError.tooLarge(source: "f", what: "10240 × 10240 pixels (over 100 megapixels)")) {
            try BadgePhoto.scan(bytes: huge, source: "f")
        }
    }
}
