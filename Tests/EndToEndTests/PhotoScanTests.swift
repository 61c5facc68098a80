import Foundation
import TestSupport
import Testing

/// `leadbox scan --image` and `leadbox add --photo` on badge photos made here by Debian's
/// qrencode and ImageMagick: a card with a QR code on a table, turned, blurred, noisy, a JPEG at
/// phone quality; a 12-megapixel photo turned by its EXIF tag; and every kind of bad picture.
@Suite(
    .enabled(
        if: PhotoTools.present, "needs /usr/bin/qrencode and /usr/bin/convert: apt-get install qrencode imagemagick (scripts/test installs them)"))
struct PhotoScanTests {
    static let qrencode = PhotoTools.qrencode, convert = PhotoTools.convert

    static let vcard =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Титов;Глеб;;;\r\nFN:Глеб Титов\r\nORG:ИП Титов\r\nTEL;TYPE=CELL:+7 999 123-45-67\r\nEMAIL:gleb@example.com\r\nEND:VCARD"
    let cli = CLIHarness()

    /// Runs a tool to completion; its stdout.
    @discardableResult
    func tool(_ path: String, _ arguments: [String], input: String? = nil) throws -> Data {
        Data(try ToolRun.output(of: path, arguments, input: Data((input ?? "").utf8)))
    }

    /// A badge holding `text` photographed on a table: card with a band, the code, a small skew and
    /// perspective, uneven light, blur and noise, turned by `degrees`, saved as a JPEG of quality 82.
    func badgePhoto(_ text: String, degrees: Int = 0, size: String = "1600x1200", name: String) throws -> String {
        let qr = cli.folder + "/\(name)-qr.png"
        let path = cli.folder + "/\(name).jpg"
        try tool(Self.qrencode, ["-t", "PNG", "-l", "M", "-s", "8", "-m", "4", "-o", qr], input: text)
        try tool(
            Self.convert,
            [
                "-size", size, "xc:#6b5a4a", "-seed", "20", "-attenuate", "0.5", "+noise", "Gaussian",
                "(", "-size", "600x900", "xc:white", "-fill", "#1f4e9c", "-draw", "rectangle 0,0 600,130",
                "(", qr, "-resize", "420x420", ")", "-gravity", "center", "-geometry", "+0+120", "-composite",
                "-alpha", "set", "-virtual-pixel", "transparent",
                "-distort", "Perspective", "0,0 12,20 600,0 585,0 600,900 600,880 0,900 0,900",
                "-background", "none", "-rotate", "7", ")",
                "-gravity", "center", "-composite",
                "(", "-size", "1200x1200", "gradient:gray55-white", "-resize", "\(size)!", ")", "-compose", "Multiply", "-composite",
                "-compose", "Over", "-blur", "0x0.8", "-attenuate", "0.5", "+noise", "Gaussian",
                "-rotate", "\(degrees)", "-quality", "82", path,
            ])
        return path
    }

    func scanJSON(_ paths: [String]) throws -> (status: Int32, objects: [[String: Any]], stderr: String) {
        let result = try cli.run(["scan", "--json", "--image"] + paths)
        let objects = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
        return (result.status, objects, result.stderr)
    }

    @Test(arguments: [0, 90, 180, 270])
    func scanReadsATurnedBadgePhotoAndSavesNothing(degrees: Int) throws {
        let path = try badgePhoto(Self.vcard, degrees: degrees, name: "badge-\(degrees)")
        let (status, objects, stderr) = try scanJSON([path])
        #expect(status == 0, "\(stderr)")
        #expect(objects.count == 1)
        let object = try #require(objects.first)
        #expect(object["file"] as? String == path)
        let codes = object["codes"] as? [[String: String]]
        #expect(codes?.count == 1)
        #expect(codes?.first?["format"] == "QR_CODE")
        #expect(codes?.first?["text"] == Self.vcard)
        let lead = try #require(object["lead"] as? [String: Any])
        #expect(lead["NAME"] as? String == "Глеб" && lead["LAST_NAME"] as? String == "Титов")
        #expect(lead["COMPANY_TITLE"] as? String == "ИП Титов")
        #expect((lead["EMAIL"] as? [[String: String]])?.first?["VALUE"] == "gleb@example.com")
        #expect(object["warnings"] as? [String] == [])
        #expect(!FileManager.default.fileExists(atPath: cli.database), "scan saved nothing, not even an empty outbox")
    }

    /// A phone's way: 12 megapixels stored as the sensor saw them, the EXIF tag saying "turn right".
    @Test func readsATwelveMegapixelPhotoTurnedByItsExifTag() throws {
        let path = try badgePhoto("MECARD:N:Okafor,Ada;ORG:Globex SA;EMAIL:ada@example.com;;", degrees: 270, size: "4032x3024", name: "big")
        var jpeg = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // Exif APP1 (little-endian TIFF, IFD0 with Orientation = 6) right after SOI, as cameras write it.
        let tiff: [UInt8] = [0x49, 0x49, 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0]
        let body = Array("Exif".utf8) + [0, 0] + tiff
        jpeg.insert(contentsOf: [0xFF, 0xE1, 0, UInt8(body.count + 2)] + body, at: 2)
        try Data(jpeg).write(to: URL(fileURLWithPath: path))
        let (status, objects, stderr) = try scanJSON([path])
        #expect(status == 0, "\(stderr)")
        let lead = objects.first?["lead"] as? [String: Any]
        #expect(lead?["LAST_NAME"] as? String == "Okafor")
    }

    /// An iPhone's HEIC, as ImageMagick writes it through libheif: `add --photo` saves the
    /// badge's lead from it as from a JPEG.
    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: "/usr/lib/x86_64-linux-gnu/libheif.so.1")
                || FileManager.default.fileExists(atPath: "/usr/lib/aarch64-linux-gnu/libheif.so.1"), "needs libheif1"))
    func addPhotoReadsAnIPhonesHEIC() throws {
        let jpeg = try badgePhoto(Self.vcard, degrees: 90, name: "iphone")
        let heic = cli.folder + "/IMG_4711.HEIC"
        try tool("/usr/bin/convert", [jpeg, "-quality", "80", "heic:" + heic])
        let added = try cli.run(["add", "--photo", heic, "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let saved = try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any]
        #expect(saved?["raw_scan"] as? String == Self.vcard)
    }

    @Test func addPhotoSavesTheLeadWithTheCodesText() throws {
        let regid = "REG-48213^Ada^Okafor^Globex SA^ada@example.com"
        let path = try badgePhoto(regid, degrees: 90, name: "regid")
        let added = try cli.run(["add", "--photo", path, "--json"])
        #expect(added.status == 0, "\(added.stderr)")
        let saved = try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any]
        #expect(saved?["raw_scan"] as? String == regid)
        let id = try #require(saved?["id"] as? Int)
        let shown = try cli.json(["show", "\(id)", "--json"]) as? [String: Any]
        #expect(shown?["raw_scan"] as? String == regid)
        let fields = shown?["fields"] as? [String: Any]
        #expect((fields?["COMMENTS"] as? String)?.contains(regid) == true, "an opaque badge ID is kept in the scan field")
        #expect((fields?["EMAIL"] as? [[String: String]])?.first?["VALUE"] == "ada@example.com")
        let text = try cli.run(["add", "--photo", path])
        #expect(text.status == 0)
        #expect(text.stdout.hasPrefix("Read QR_CODE from the file \(path): \"REG-48213^Ada^Okafor"))
    }

    struct BadPicture: CustomTestStringConvertible, Sendable {
        let name: String
        let status: Int32
        let says: String
        var testDescription: String { name }
    }

    static let badPictures: [BadPicture] = [
        BadPicture(name: "not-an-image.jpg", status: 65, says: "is not a JPEG, PNG or HEIC image"),
        BadPicture(name: "truncated.jpg", status: 65, says: "is damaged or cut short"),
        BadPicture(name: "huge.png", status: 65, says: "10240 × 10240 pixels"),
        BadPicture(name: "no-code.png", status: 65, says: "No badge code or card text was found"),
        BadPicture(name: "missing.jpg", status: 66, says: "cannot be read"),
    ]

    /// Writes the bad picture `name` into the test folder (all but `missing.jpg`).
    func make(_ name: String) throws -> String {
        let path = cli.folder + "/" + name
        switch name {
        case "not-an-image.jpg": try Data(Self.vcard.utf8).write(to: URL(fileURLWithPath: path))
        case "truncated.jpg":
            let whole = try Data(contentsOf: URL(fileURLWithPath: badgePhoto(Self.vcard, name: "whole")))
            try whole.prefix(whole.count / 3).write(to: URL(fileURLWithPath: path))
        case "huge.png":
            // qrencode's PNG with an IHDR claiming 10240 × 10240 (CRC recomputed): refused before decoding.
            var png = [UInt8](try tool(Self.qrencode, ["-t", "PNG", "-o", "-"], input: "x"))
            for (offset, value) in [(16, UInt32(10240)), (20, UInt32(10240))] {
                for i in 0..<4 { png[offset + i] = UInt8(value >> (24 - 8 * UInt32(i)) & 0xFF) }
            }
            var crc: UInt32 = 0xFFFF_FFFF
            for byte in png[12..<29] {
                crc ^= UInt32(byte)
                for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
            }
            for i in 0..<4 { png[29 + i] = UInt8(~crc >> (24 - 8 * UInt32(i)) & 0xFF) }
            try Data(png).write(to: URL(fileURLWithPath: path))
        case "no-code.png": try tool(Self.convert, ["-size", "800x600", "plasma:fractal", "-seed", "3", path])
        default: break
        }
        return path
    }

    /// Without zxing-cpp's reader on the PATH zbar reads alone: the badge is still read, and a
    /// photo where nothing is found says, besides, which package reads more codes.
    @Test func withoutZXingReaderZbarReadsAndAnEmptyPhotoNamesThePackage() throws {
        let noTool = ["PATH": "/nonexistent"]
        let badge = try badgePhoto(Self.vcard, name: "zbar-only")
        let read = try cli.run(["scan", "--json", "--image", badge], extraEnvironment: noTool)
        #expect(read.status == 0 && read.stdout.contains("ИП Титов"), "\(read.stderr)")
        let empty = try make("no-code.png")
        for arguments in [["scan", "--image", empty], ["add", "--photo", empty]] {
            let result = try cli.run(arguments, extraEnvironment: noTool)
            #expect(result.status == 65, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("sudo apt-get install zxing-cpp-tools"), "\(arguments): \(result.stderr)")
        }
    }

    @Test(arguments: badPictures)
    func badPictureGetsOneSentenceAndSavesNothing(_ bad: BadPicture) throws {
        #expect(try cli.run(["add", "--name", "Existing", "--email", "existing@example.com"]).status == 0)
        let before = try cli.run(["export", "--format", "json"]).stdout
        let path = try make(bad.name)
        for arguments in [["scan", "--image", path], ["scan", "--json", "--image", path], ["add", "--photo", path]] {
            let result = try cli.run(arguments)
            #expect(result.status == bad.status, "\(arguments): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines.first?.contains(bad.says) == true, "\(arguments): \(result.stderr)")
        }
        #expect(try cli.run(["export", "--format", "json"]).stdout == before)
    }
}

/// The picture tools the photo tests shell out to, by their full paths.
enum PhotoTools {
    static let qrencode = "/usr/bin/qrencode", convert = "/usr/bin/convert"
    static var present: Bool {
        FileManager.default.isExecutableFile(atPath: qrencode) && FileManager.default.isExecutableFile(atPath: convert)
    }
}
