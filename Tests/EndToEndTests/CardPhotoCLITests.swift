import Foundation
import Testing

/// `leadbox scan --image` and `add --photo` on a business-card photo drawn here with ImageMagick
/// and a real font (a photo without a code is read as a card), through the real binary.
@Suite(
    .enabled(
        if: CardTools.present,
        "needs tesseract-ocr with -eng, -deu and -rus, imagemagick and fonts-dejavu-core (scripts/test installs them)"))
struct CardPhotoCLITests {
    static let font = CardTools.font
    let cli = CLIHarness()

    /// A Russian card lying skewed on a table, as a phone's JPEG.
    func cardPhoto(name: String) throws -> String {
        let path = cli.folder + "/\(name).jpg"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PhotoTools.convert)
        process.arguments = [
            "-size", "1600x1200", "xc:#3c3f44", "-seed", "21", "-attenuate", "0.5", "+noise", "Gaussian",
            "(", "-size", "1004x650", "xc:#fbf8f0", "-font", Self.font, "-fill", "#111111",
            "-pointsize", "34", "-annotate", "+60+70", "ООО «Северный ветер»",
            "-pointsize", "48", "-annotate", "+60+170", "Глеб Андреевич Титов",
            "-pointsize", "30", "-annotate", "+60+225", "Генеральный директор",
            "-pointsize", "27", "-annotate", "+60+380", "Моб. +7 999 123-45-67",
            "-annotate", "+60+420", "gleb.titov@severveter.ru",
            "-annotate", "+60+460", "www.severveter.ru",
            "-alpha", "set", "-virtual-pixel", "transparent", "-background", "none", "-rotate", "11", ")",
            "-gravity", "center", "-composite", "-blur", "0x0.6", "-attenuate", "0.4", "+noise", "Gaussian", "-quality", "82", path,
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw HarnessError("convert exited \(process.terminationStatus)") }
        return path
    }

    @Test func scanReadsACardAndSavesNothing() throws {
        let path = try cardPhoto(name: "card")
        let result = try cli.run(["scan", "--json", "--image", path])
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]]
        let object = try #require(objects?.first)
        #expect((object["codes"] as? [Any])?.isEmpty == true)
        let card = try #require(object["card"] as? [String: Any])
        let fields = try #require(card["fields"] as? [String: Any])
        #expect((fields["EMAIL"] as? [[String: Any]])?.first?["value"] as? String == "gleb.titov@severveter.ru", "\(card["text"] ?? "")")
        #expect((fields["PHONE"] as? [[String: Any]])?.first?["type"] as? String == "MOBILE", "\(card["text"] ?? "")")
        #expect(fields["LAST_NAME"] as? String == "Титов", "\(card["text"] ?? "")")
        let confidence = try #require(card["confidence"] as? [String: Double])
        #expect(Set(confidence.keys) == Set(fields.keys))
        #expect(confidence.values.allSatisfy { (0...1).contains($0) })
        let lead = try #require(object["lead"] as? [String: Any])
        #expect((lead["EMAIL"] as? [[String: String]])?.first?["VALUE"] == "gleb.titov@severveter.ru")
        #expect(!FileManager.default.fileExists(atPath: cli.database), "scan saved nothing")

        let plain = try cli.run(["scan", "--image", path])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("business card") && plain.stdout.contains("EMAIL: gleb.titov@severveter.ru"), "\(plain.stdout)")
    }

    @Test func addPhotoSavesTheCardsLeadWithTheDownscaledPhoto() throws {
        let path = try cardPhoto(name: "saved")
        let added = try cli.run(["add", "--photo", path, "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let saved = try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any]
        let id = try #require(saved?["id"] as? Int)
        let shown = try cli.json(["show", "\(id)", "--json"]) as? [String: Any]
        let fields = shown?["fields"] as? [String: Any]
        #expect((fields?["EMAIL"] as? [[String: String]])?.first?["VALUE"] == "gleb.titov@severveter.ru")
        // The recognised text stays with the lead, as a badge's code does: what no rule placed is still there.
        #expect((shown?["raw_scan"] as? String)?.contains("severveter") == true, "\(shown?["raw_scan"] ?? "none")")
        let photo = try cli.sqlite("SELECT name || ' ' || (length(bytes) <= 307200) || ' ' || hex(substr(bytes, 1, 3)) FROM note_file")
        #expect(photo == "saved.jpg 1 FFD8FF")
    }

    @Test func aPhotoWithNeitherCodeNorTextSavesNothing() throws {
        let path = cli.folder + "/table.jpg"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PhotoTools.convert)
        process.arguments = ["-size", "1600x1200", "xc:#6b5a4a", "-seed", "4", "-attenuate", "0.6", "+noise", "Gaussian", path]
        try process.run()
        process.waitUntilExit()
        for arguments in [["scan", "--image", path], ["add", "--photo", path]] {
            let result = try cli.run(arguments)
            #expect(result.status == 65, "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("No badge code or card text was found"))
        }
        let saved = FileManager.default.fileExists(atPath: cli.database) ? try cli.sqlite("SELECT COUNT(*) FROM lead") : "0"
        #expect(saved == "0")
    }
}

/// What drawing and reading a card needs: ImageMagick, DejaVu, Tesseract with English and Russian.
enum CardTools {
    static let font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    static var present: Bool {
        PhotoTools.present
            && [font, "/usr/share/tesseract-ocr/5/tessdata/eng.traineddata", "/usr/share/tesseract-ocr/5/tessdata/rus.traineddata"].allSatisfy {
                FileManager.default.fileExists(atPath: $0)
            }
    }
}
