import ContactInput
import Foundation
import LeadCore
import Testing

@testable import BadgeImage

/// The recognition shell and the whole card reader on cards drawn here with ImageMagick and a
/// real font, and the photo a lead keeps.
@Suite struct CardReaderTests {
    /// Tesseract with the languages scripts/test installs, and ImageMagick with DejaVu to draw cards.
    static var canRead: Bool {
        TesseractEngine.dataFolder() != nil && dlopen(TesseractEngine.library, RTLD_NOW | RTLD_LOCAL) != nil
            && FileManager.default.isExecutableFile(atPath: PictureTools.convert) && FileManager.default.fileExists(atPath: font)
    }
    static let font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    static let bold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

    /// A German card (85 × 55 mm at 300 dpi) lying turned on a dark table, with uneven light and
    /// noise, turned by `degrees` as a whole, as a JPEG of quality 80.
    static func cardPhoto(degrees: Int) throws -> [UInt8] {
        let card = [
            "-size", "1004x650", "xc:white", "-fill", "#1f4e9c", "-draw", "rectangle 0,0 1004,120",
            "-font", bold, "-pointsize", "40", "-fill", "white", "-annotate", "+50+80", "Hansa Maschinenbau GmbH",
            "-fill", "#111111", "-pointsize", "48", "-annotate", "+50+210", "Katrin Schäfer",
            "-font", font, "-pointsize", "30", "-annotate", "+50+260", "Leiterin Marketing",
            "-pointsize", "27", "-annotate", "+50+380", "Tel. +49 40 5550 1234",
            "-annotate", "+50+420", "Mobil +49 171 555 0987",
            "-annotate", "+50+460", "katrin.schaefer@hansa-maschinenbau.de",
            "-annotate", "+50+500", "www.hansa-maschinenbau.de",
            "-annotate", "+50+540", "Hafenstraße 7, 20457 Hamburg",
        ]
        let photo = [
            "-size", "1600x1200", "xc:#5a4636", "-seed", "21", "-attenuate", "0.5", "+noise", "Gaussian",
            "(", "-size", "1004x650", "xc:white",
        ]
        // The card is drawn inside the photo's command: one convert, no file in between.
        return try PictureTools.run(
            PictureTools.convert,
            photo + Array(card.dropFirst(3)) + [
                "-alpha", "set", "-virtual-pixel", "transparent", "-distort", "Perspective",
                "0,0 20,30 1004,0 990,0 1004,650 1004,630 0,650 0,650", "-background", "none", "-rotate", "-9", ")",
                "-gravity", "center", "-geometry", "+20+10", "-composite",
                "(", "-size", "1200x1200", "gradient:gray60-white", "-resize", "1600x1200!", ")", "-compose", "Multiply", "-composite",
                "-compose", "Over", "-blur", "0x0.7", "-attenuate", "0.4", "+noise", "Gaussian",
                "-rotate", "\(degrees)", "-quality", "80", "jpg:-",
            ], input: Data())
    }

    @Test(
        .enabled(if: canRead, "needs tesseract-ocr with -eng, -deu and -rus, imagemagick and fonts-dejavu-core (scripts/test installs them)"),
        arguments: [0, 180, 90])
    func readsACardLyingTurnedOnATable(degrees: Int) throws {
        let image = try BadgePhoto.decode(Self.cardPhoto(degrees: degrees), source: "The photo")
        let read = try CardPhoto.read(image)
        #expect(read.corners != nil, "the card's edge was found")
        let fields = Dictionary(read.reading.fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        #expect(read.reading.fields(named: "EMAIL").map(\.value) == ["katrin.schaefer@hansa-maschinenbau.de"], "\(read.reading.text)")
        #expect(read.reading.fields(named: "PHONE").map { $0.value.filter(\.isNumber) }.contains("494055501234"), "\(read.reading.text)")
        #expect(fields["COMPANY_TITLE"] == "Hansa Maschinenbau GmbH", "the company in white on the band: \(read.reading.text)")
        #expect(fields["LAST_NAME"] == "Schäfer", "\(read.reading.text)")
        #expect(read.lines.allSatisfy { (0...1).contains($0.confidence) })
    }

    /// The engine is kept between cards: a card reads the same first, after another card, and
    /// again, and readers on several threads take turns on it.
    @Test(.enabled(if: canRead, "needs tesseract-ocr with -eng, -deu and -rus, imagemagick and fonts-dejavu-core"))
    func theKeptEngineReadsACardTheSameEachTime() throws {
        let upright = try BadgePhoto.decode(Self.cardPhoto(degrees: 0), source: "The photo")
        let turned = try BadgePhoto.decode(Self.cardPhoto(degrees: 180), source: "The photo")
        let first = try CardPhoto.read(upright)
        _ = try CardPhoto.read(turned)
        #expect(try CardPhoto.read(upright) == first)
        let together = [
            BackgroundWork { () throws(BadgeImageError) in try CardPhoto.read(upright) },
            BackgroundWork { () throws(BadgeImageError) in try CardPhoto.read(upright) },
        ]
        for work in together { #expect(try work.value() == first) }
    }

    /// A cancelled reading stops: Tesseract asks the monitor between words and gives up, and the
    /// reader tries no further turn; the same engine then reads in full again.
    @Test(.enabled(if: canRead, "needs tesseract-ocr with -eng, -deu and -rus, imagemagick and fonts-dejavu-core"))
    func aCancelledReadingStops() throws {
        let photo = try BadgePhoto.decode(Self.cardPhoto(degrees: 0), source: "The photo")
        let card = CardPhoto.prepared(photo, corners: CardFinder.corners(in: photo))
        let cancelled = CardReadCancellation()
        cancelled.cancel()
        let (stopped, full) = try TesseractEngine.withShared { engine in
            (
                engine.lines(in: card, dpi: CardImage.dpi, cancellation: cancelled),
                engine.lines(in: card, dpi: CardImage.dpi, cancellation: CardReadCancellation())
            )
        }
        #expect(stopped.isEmpty)
        #expect(full.contains { $0.text.contains("hansa-maschinenbau") }, "\(full.map(\.text))")
        #expect(try CardPhoto.read(photo, cancellation: cancelled).lines.isEmpty)
    }

    @Test(.enabled(if: canRead, "needs tesseract-ocr with its language data"))
    func aPictureWithoutTextReadsNothing() throws {
        let blank = GreyImage(width: 800, height: 600, pixels: [UInt8](repeating: 200, count: 800 * 600))
        let read = try CardPhoto.read(blank)
        #expect(read.lines.isEmpty)
        #expect(read.reading.fields.isEmpty)
    }

    /// TessBaseAPIGetTsvText's rows as Tesseract 5.3 writes them for a small card (the command
    /// line's `tsv` output without its header): words grouped by block, paragraph and line.
    @Test func tsvRowsBecomeLinesWithTheirWordsMeanConfidence() {
        let tsv = """
            1\t1\t0\t0\t0\t0\t0\t0\t700\t220\t-1\t
            2\t1\t1\t0\t0\t0\t30\t43\t299\t87\t-1\t
            3\t1\t1\t1\t0\t0\t30\t43\t299\t87\t-1\t
            4\t1\t1\t1\t1\t0\t30\t43\t251\t28\t-1\t
            5\t1\t1\t1\t1\t1\t30\t44\t90\t27\t95.827698\tAnna
            5\t1\t1\t1\t1\t2\t136\t43\t145\t28\t95.583382\tSchmidt
            4\t1\t1\t1\t2\t0\t30\t110\t299\t20\t-1\t
            5\t1\t1\t1\t2\t1\t30\t110\t41\t20\t96.010590\tTel.
            5\t1\t1\t1\t2\t2\t84\t110\t51\t20\t96.640587\t+49
            5\t1\t1\t1\t2\t3\t147\t110\t30\t20\t95.990044\t30
            5\t1\t1\t1\t2\t4\t190\t110\t63\t20\t90.853722\t1234
            5\t1\t1\t1\t2\t5\t265\t110\t64\t20\t90.853722\t5678
            2\t1\t2\t0\t0\t0\t32\t160\t240\t26\t-1\t
            3\t1\t2\t1\t0\t0\t32\t160\t240\t26\t-1\t
            4\t1\t2\t1\t1\t0\t32\t160\t240\t26\t-1\t
            5\t1\t2\t1\t1\t1\t32\t160\t240\t26\t92.385681\tanna@example.de
            5\t1\t2\t1\t2\t1\t32\t200\t40\t26\t-1\t 
            """
        let lines = TesseractEngine.lines(tsv: tsv)
        #expect(lines.map(\.text) == ["Anna Schmidt", "Tel. +49 30 1234 5678", "anna@example.de"])
        #expect(abs(lines[0].confidence - 0.957055) < 1e-5)
        #expect(abs(lines[2].confidence - 0.92385681) < 1e-8)
        #expect(TesseractEngine.lines(tsv: "").isEmpty)
        #expect(TesseractEngine.lines(tsv: "5\t1\t1\n\t\t\t").isEmpty, "cut rows are skipped")
    }

    @Test func languagesAreTheTraineddataFilesButOrientationAndEquations() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tessdata-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["rus", "eng", "osd", "equ", "deu"] {
            FileManager.default.createFile(atPath: folder + "/\(name).traineddata", contents: Data())
        }
        FileManager.default.createFile(atPath: folder + "/eng.user-words", contents: Data())
        #expect(TesseractEngine.installedLanguages(in: folder) == ["deu", "eng", "rus"])
        #expect(TesseractEngine.installedLanguages(in: folder + "/absent").isEmpty)
    }

    @Test func withoutTesseractOneSentenceNamesThePackages() {
        let error = BadgeImageError.missingLibrary(
            library: TesseractEngine.library, package: TesseractEngine.packages, purpose: TesseractEngine.purpose)
        #expect(
            error.description
                == "Reading business cards needs libtesseract.so.5, which is not installed; install it with `sudo apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus tesseract-ocr-deu`."
        )
        #expect(error.exitStatus == .configuration)
    }

    @Test(.enabled(if: dlopen(JPEGDecoder.library, RTLD_NOW | RTLD_LOCAL) != nil, "needs libturbojpeg0"))
    func theKeptPhotoIsASmallJPEGThePortalTakes() throws {
        // 12 megapixels of noise: the worst case for a JPEG's size.
        var random = SeededRandom(seed: 21)
        let noise = GreyImage(width: 4032, height: 3024, pixels: (0..<(4032 * 3024)).map { _ in UInt8.random(in: 0...255, using: &random) })
        let jpeg = try OutboxPhoto.jpeg(of: noise)
        #expect(jpeg.count <= OutboxPhoto.maximumBytes)
        let back = try JPEGDecoder().decode(jpeg, source: "The kept photo")
        #expect(max(back.width, back.height) <= OutboxPhoto.longSide)
        #expect(Double(back.width) / Double(back.height) == 4.0 / 3.0)
        #expect(try LeadPhoto(fileName: "card.jpg", jpeg: jpeg).jpeg == jpeg)
        // A plain picture keeps the full long side and a higher quality.
        let plain = GreyImage(width: 2000, height: 1000, pixels: [UInt8](repeating: 180, count: 2_000_000))
        let small = try OutboxPhoto.jpeg(of: plain)
        #expect(try JPEGDecoder().decode(small, source: "x").width == 1000)
    }
}
