import CHeif
import Glibc
import LeadCore
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

    /// An iPhone's HEIC (and AVIF), as ImageMagick writes them through libheif: read, turned or
    /// not; the same picture as the PNG it was made from; a file cut short is one sentence.
    @Test(
        .enabled(if: dlopen(HEIFDecoder.library, RTLD_NOW | RTLD_LOCAL) != nil, "needs libheif1"),
        arguments: [("heic", 0), ("heic", 90), ("avif", 0)])
    func readsHEIF(format: String, degrees: Int) throws {
        let png = try PictureTools.convert(PictureTools.qrPNG(Self.mecard), ["-gravity", "center", "-extent", "400x300"], to: "png:-")
        let heif = try PictureTools.convert(png, ["-rotate", "\(degrees)", "-quality", "85"], to: "\(format):-")
        #expect(ImageKind.heifBrand(heif) == format)
        let scan = try BadgePhoto.scan(bytes: heif, source: "The file IMG_0001.HEIC")
        #expect(scan.badgeCode?.text == Self.mecard)
        if degrees == 0 {
            let read = try BadgePhoto.decode(heif, source: "f")
            let upright = try BadgePhoto.decode(png, source: "f")
            #expect(read.width == upright.width && read.height == upright.height)
            let differing = zip(read.pixels, upright.pixels).filter { abs(Int($0) - Int($1)) > 64 }.count
            #expect(differing * 100 < read.pixels.count, "\(differing) of \(read.pixels.count) pixels differ")
        }
        #expect(throws: BadgeImageError.self) { try BadgePhoto.decode(Array(heif.prefix(heif.count / 3)), source: "f") }
    }

    /// The brands an `ftyp` box may lead with or list: an image brand anywhere in it makes a
    /// HEIF photo; a video's brands alone, a box cut short or another file do not.
    @Test func heifIsToldByItsFtypBrands() {
        func box(_ major: String, _ compatible: [String], declared: Int? = nil) -> [UInt8] {
            let body = Array(major.utf8) + [0, 0, 0, 0] + compatible.flatMap { Array($0.utf8) }
            let size = declared ?? body.count + 8
            return [UInt8(size >> 24 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)] + Array("ftyp".utf8) + body
        }
        #expect(ImageKind.heifBrand(box("heic", ["mif1", "heic"])) == "heic")
        #expect(ImageKind.heifBrand(box("mif1", ["avif", "miaf"])) == "avif")
        #expect(ImageKind.heifBrand(box("mp42", ["isom", "mif1"])) == "mif1")
        #expect(ImageKind.heifBrand(box("msf1", ["hevc"])) == nil, "a sequence alone is a video")
        #expect(ImageKind.heifBrand(box("mp42", ["isom", "heic"], declared: 20)) == nil, "a brand past the box's size is not its")
        #expect(ImageKind.heifBrand(Array(box("heic", []).prefix(10))) == nil)
        #expect(ImageKind.heifBrand(Array("GIF89a......".utf8)) == nil)
    }

    /// A libheif without the photo's decoder (from 1.16 they are packages of their own) names the
    /// package to install (exit 78); any other error is a damaged photo (exit 65) in libheif's words.
    @Test func libheifsAnswersBecomeSentences() {
        #expect(HEIFDecoder.failure(cheif_error(code: 0, subcode: 0, message: nil), source: "f", brand: "heic") == nil)
        let noHEVC = HEIFDecoder.failure(cheif_error(code: 4, subcode: 3001, message: nil), source: "f", brand: "heic")
        #expect(noHEVC?.description.contains("sudo apt-get install libheif-plugin-libde265") == true && noHEVC?.exitStatus == .configuration)
        let noAV1 = HEIFDecoder.failure(cheif_error(code: 5, subcode: 6003, message: nil), source: "f", brand: "avif")
        #expect(noAV1?.description.contains("libheif-plugin-dav1d") == true)
        let cut = "Unexpected end of file\n".withCString {
            HEIFDecoder.failure(cheif_error(code: 2, subcode: 100, message: $0), source: "The file x.heic", brand: "heic")
        }
        #expect(cut?.description == "The file x.heic is damaged or cut short (libheif: Unexpected end of file); send or take the photo again.")
        #expect(cut?.exitStatus == .dataError)
    }

    /// A 10-bit luma plane (an HDR photo) becomes 8-bit grey; rows past the width are padding.
    @Test func deepSamplesAreScaledToEightBits() {
        let words: [UInt16] = [0, 1023, 0xFFFF, 512, 4, 0xFFFF]  // two rows of two samples, then a padding word
        let bytes = words.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let grey = bytes.withUnsafeBytes { HEIFDecoder.grey(plane: $0, width: 2, height: 2, stride: 6, depth: 10) }
        #expect(grey.pixels == [0, 255, 128, 1])
        let eight = [UInt8]([10, 20, 99, 30, 40, 99]).withUnsafeBytes { HEIFDecoder.grey(plane: $0, width: 2, height: 2, stride: 3, depth: 8) }
        #expect(eight.pixels == [10, 20, 30, 40])
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
