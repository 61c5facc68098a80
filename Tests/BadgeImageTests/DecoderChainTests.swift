import Foundation
import LeadCore
import Testing

@testable import BadgeImage

/// zxing-cpp's reader as a child process, zbar without it, and the sharpened retry: on pictures
/// qrencode and ImageMagick wrote and on reports the Debian 12 tool printed.
struct DecoderChainTests {
    static let zxingInstalled = ZXingReaderTool(path: ProcessInfo.processInfo.environment["PATH"]) != nil

    /// ZXingReader 1.4's report for two codes, as it printed it (a vCard with CR LF, which the
    /// Text block shows over several lines, and a Code 128 beside it).
    static let twoCodeReport = """
        Text:       "BEGIN:VCARD
        N:Титов;Глеб
        END:VCARD"
        Bytes:      42 45 47 49 4E 3A 56 43 41 52 44 0D 0A 4E 3A D0 A2 D0 B8 D1 82 D0 BE D0 B2 3B D0 93 D0 BB D0 B5 D0 B1 0D 0A 45 4E 44 3A 56 43 41 52 44
        BytesECI:   5D 51 32 42
        Format:     QRCode
        Identifier: ]Q1
        Content:    Text
        HasECI:     false
        Position:   516x501 822x494 833x797 542x778 
        Rotation:   1 deg
        IsMirrored: false
        EC Level:   M

        Text:       "REG-123456"
        Bytes:      52 45 47 2D 31 32 33 34 35 36
        Format:     Code128
        Identifier: ]C0

        """

    @Test func readsTheToolsReport() {
        let codes = ZXingReaderTool.parse(Self.twoCodeReport)
        #expect(
            codes == [
                BadgeCode(format: "QR_CODE", text: "BEGIN:VCARD\r\nN:Титов;Глеб\r\nEND:VCARD"),
                BadgeCode(format: "CODE_128", text: "REG-123456"),
            ])
    }

    /// Bytes that are not UTF-8 (a Latin-1 code without ECI) are taken as the tool decoded them.
    @Test func takesTheToolsTextWhenTheBytesAreNotUTF8() {
        let report = "Text:       \"Jörg\"\nBytes:      4A F6 72 67\nFormat:     QRCode\n"
        #expect(ZXingReaderTool.parse(report) == [BadgeCode(format: "QR_CODE", text: "Jörg")])
    }

    @Test func noCodeReportIsEmpty() {
        #expect(ZXingReaderTool.parse("No barcode found\n").isEmpty)
        #expect(ZXingReaderTool.parse("").isEmpty)
    }

    /// Random and truncated reports never crash the parser, and every code it returns has text.
    @Test func fuzzedReportsNeverCrash() {
        var random = SeededRandom(seed: 20)
        let words = ["Text:", "Bytes:", "Format:", "\"", "\n", " ", "4A", "ZZ", "QRCode", "Code128", "é", "\r"]
        for round in 0..<2000 {
            let report: String
            if round % 2 == 0 {
                report = (0..<Int(random.next() % 40)).map { _ in words[Int(random.next() % UInt64(words.count))] }.joined()
            } else {
                report = String(Self.twoCodeReport.prefix(Int(random.next() % UInt64(Self.twoCodeReport.count))))
            }
            for code in ZXingReaderTool.parse(report) { #expect(!code.format.isEmpty) }
        }
    }

    @Test func greyMapIsPrivateAndExact() throws {
        let image = GreyImage(width: 3, height: 2, pixels: [0, 1, 2, 253, 254, 255])
        let path = try PortableGreyMap.temporaryFile(of: image)
        defer { unlink(path) }
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes == Array("P5\n3 2\n255\n".utf8) + image.pixels)
    }

    @Test func sharpeningKeepsFlatAreasAndSteepensEdges() {
        let flat = GreyImage(width: 20, height: 10, pixels: [UInt8](repeating: 128, count: 200))
        #expect(flat.sharpened() == flat)
        let edge = GreyImage(width: 20, height: 4, pixels: (0..<80).map { $0 % 20 < 10 ? 100 : 160 })
        let sharp = edge.sharpened()
        #expect(sharp.pixels[9] < 100 && sharp.pixels[10] > 160, "\(sharp.pixels[0..<20])")
        #expect(sharp.pixels[0] == 100 && sharp.pixels[19] == 160)
        #expect(GreyImage(width: 0, height: 0, pixels: []).sharpened().pixels.isEmpty)
        for sigma in [1.0, 2, 4, 7.5] {
            // Three boxes of width w have variance Σ (w² − 1) / 12; it must be about σ².
            let variance = GreyImage.boxRadii(sigma: sigma).map { Double((2 * $0 + 1) * (2 * $0 + 1) - 1) / 12 }.reduce(0, +)
            #expect(abs(variance - sigma * sigma) <= max(0.5, sigma * sigma * 0.25), "σ \(sigma): variance \(variance)")
        }
    }

    /// With zxing-cpp's reader off the PATH, zbar alone reads the code, and a picture without one
    /// says what to install.
    @Test(.enabled(if: PictureTools.available, "needs qrencode and imagemagick"))
    func zbarAloneWithoutTheTool() throws {
        let png = try PictureTools.qrPNG("MECARD:N:Berg,Sven;;")
        let scan = try BadgePhoto.scan(bytes: png, source: "f", path: "/nonexistent")
        #expect(scan.codes == [BadgeCode(format: "QR_CODE", text: "MECARD:N:Berg,Sven;;")])
        let blank = try PictureTools.convert(png, ["-fill", "white", "-colorize", "100"])
        let empty = try BadgePhoto.scan(bytes: blank, source: "f", path: "/nonexistent")
        #expect(empty.codes.isEmpty && empty.decoderHint?.contains("apt-get install zxing-cpp-tools") == true)
    }

    /// The tool reads what qrencode wrote, a Data Matrix zbar cannot read at all, and the text
    /// comes back byte for byte.
    @Test(.enabled(if: PictureTools.available && zxingInstalled, "needs qrencode, imagemagick and zxing-cpp-tools"))
    func toolReadsCodes() throws {
        let text = "BEGIN:VCARD\r\nFN:Глеб Титов\r\nEND:VCARD"
        let image = try BadgePhoto.decode(PictureTools.qrPNG(text), source: "f")
        // The tool itself, not the chain: zbar would read this code too and hide a broken tool.
        let tool = try #require(ZXingReaderTool(path: ProcessInfo.processInfo.environment["PATH"]))
        #expect(tool.codes(in: image) == [BadgeCode(format: "QR_CODE", text: text)])
        #expect(try BadgePhoto.scan(image).decoderHint == nil)
    }

    @Test func doublingKeepsValuesAndSize() {
        let image = GreyImage(width: 3, height: 2, pixels: [0, 100, 200, 50, 150, 250])
        let doubled = image.doubled()
        #expect(doubled.width == 6 && doubled.height == 4)
        #expect(doubled.pixels[0] == 0 && doubled.pixels[5] == 200 && doubled.pixels[23] == 250)
        #expect(GreyImage(width: 8, height: 8, pixels: [UInt8](repeating: 77, count: 64)).doubled().pixels.allSatisfy { $0 == 77 })
    }

    /// The 2D codes badges carry besides QR, drawn by zxing-cpp's own writer and photographed as
    /// JPEG: Data Matrix and Aztec, which zbar cannot read at all, and PDF417.
    @Test(
        .enabled(if: PictureTools.available && zxingInstalled && FileManager.default.isExecutableFile(atPath: "/usr/bin/ZXingWriter")),
        arguments: [("DataMatrix", "DATA_MATRIX"), ("Aztec", "AZTEC"), ("PDF417", "PDF_417")])
    func readsTheOtherBadgeSymbologies(writerName: String, format: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("leadbox-symbology-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = folder.appendingPathComponent("code.png").path
        let text = "REG-204817^Anna^Berg^Acme GmbH"
        let writer = Process()
        writer.executableURL = URL(fileURLWithPath: "/usr/bin/ZXingWriter")
        writer.arguments = ["-size", "400x400", writerName, text, png]
        try writer.run()
        writer.waitUntilExit()
        let photo = try PictureTools.convert([UInt8](Data(contentsOf: URL(fileURLWithPath: png))), ["-rotate", "7", "-quality", "85"])
        let scan = try BadgePhoto.scan(bytes: photo, source: "f")
        #expect(scan.codes == [BadgeCode(format: format, text: text)])
    }

    /// A code blurred as by a phone focused behind it: unread as it is, read once sharpened.
    @Test(.enabled(if: PictureTools.available, "needs qrencode and imagemagick"))
    func sharpenedRetryReadsABlurredCode() throws {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Nakamura;Kenji;;;\r\nORG:Umbrella KK\r\nEMAIL:kenji.1@example.com\r\nEND:VCARD"
        let blurred = try PictureTools.convert(PictureTools.qrPNG(text, moduleSize: 4), ["-blur", "0x2", "-quality", "85"])
        let image = try BadgePhoto.decode(blurred, source: "f")
        let zbar = try ZbarScanner()
        #expect(BadgePhoto.zbarCodes(zbar, in: image).isEmpty, "the test picture must be too blurred for a plain read")
        #expect(BadgePhoto.zbarCodes(zbar, in: image.sharpened()).map(\.text).contains(text))
    }

    /// A photo whose code only a retry reads goes through `PhotoReading` as a badge: the retry
    /// wins over the card reader started beside it, and no card is made of the code's picture.
    @Test(.enabled(if: PictureTools.available, "needs qrencode and imagemagick"))
    func aCodeOnlyARetryReadsIsABadgeNotACard() throws {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Nakamura;Kenji;;;\r\nORG:Umbrella KK\r\nEMAIL:kenji.1@example.com\r\nEND:VCARD"
        let blurred = try PictureTools.convert(PictureTools.qrPNG(text, moduleSize: 4), ["-blur", "0x2", "-quality", "85"])
        let decoders = try BadgePhoto.Decoders(path: "/nonexistent")
        #expect(decoders.scan(try BadgePhoto.decode(blurred, source: "f"), passes: .asTaken).codes.isEmpty, "a plain read must fail")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("leadbox-retry-\(UUID().uuidString).jpg").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(blurred)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reading = try PhotoReading.read(path: path, source: "The photo", searchPath: "/nonexistent")
        #expect(reading.scan.codes.map(\.text) == [text])
        #expect(reading.card == nil && reading.picture == nil)
    }

    /// Work on its own thread: its value, its error, and a second wait that returns at once.
    @Test func backgroundWorkGivesItsValueOrItsError() throws {
        let work = BackgroundWork { () throws(BadgeImageError) in (1...1000).reduce(0, +) }
        #expect(try work.value() == 500_500)
        #expect(try work.value() == 500_500)
        let failing = BackgroundWork { () throws(BadgeImageError) -> Int in throw BadgeImageError.notAnImage(source: "x") }
        #expect(throws: BadgeImageError.self) { try failing.value() }
    }
}
