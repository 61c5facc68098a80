import LeadCore
import Testing

@Suite struct LeadPhotoTests {
    /// The smallest byte run that passes as a JPEG here: SOI and the start of a marker.
    static let jpegStart: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0]

    @Test func aJPEGUpToTheLimitIsKeptByteForByte() throws {
        let bytes = Self.jpegStart + [UInt8](repeating: 0x5A, count: LeadPhoto.maximumBytes - 4)
        let photo = try LeadPhoto(fileName: "card.jpg", jpeg: bytes)
        #expect(photo.jpeg == bytes)
        #expect(photo.fileName == "card.jpg")
    }

    @Test func oneByteOverTheLimitIsAClearError() {
        let bytes = Self.jpegStart + [UInt8](repeating: 0, count: LeadPhoto.maximumBytes - 3)
        #expect(throws: LeadPhotoError.self) { try LeadPhoto(fileName: "big.jpg", jpeg: bytes) }
        do {
            _ = try LeadPhoto(fileName: "big.jpg", jpeg: bytes)
        } catch {
            #expect(error.description.contains("307201 bytes"))
            #expect(error.exitStatus == .dataError)
        }
    }

    @Test func bytesThatAreNoJPEGAreRefused() {
        for bytes: [UInt8] in [[], [0xFF, 0xD8], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A], [0xFF, 0xD8, 0x00, 0xE0]] {
            #expect(throws: LeadPhotoError.self) { try LeadPhoto(fileName: "x.jpg", jpeg: bytes) }
        }
    }

    @Test func theNameIsAPlainJPEGFileName() throws {
        let cases: [(String, String)] = [
            ("card.jpg", "card.jpg"), ("Card.JPEG", "Card.JPEG"), ("/tmp/shots/badge.jpg", "badge.jpg"), ("визитка", "визитка.jpg"),
            ("", "photo.jpg"), ("..", "photo.jpg"), ("a/b/", "b.jpg"), ("bad\u{7}\nname.jpg", "badname.jpg"), ("scan.png", "scan.png.jpg"),
        ]
        for (given, expected) in cases {
            #expect(try LeadPhoto(fileName: given, jpeg: Self.jpegStart).fileName == expected, "\(given)")
        }
    }

    @Test func aCaptureCarriesItsPhotoAndNoneByDefault() throws {
        var lead = Lead()
        lead["TITLE"] = "Booth visitor"
        #expect(CaptureRequest(lead: lead, profile: EventProfile(defaults: [:])).photo == nil)
        #expect(CaptureRequest(asCaptured: lead).photo == nil)
        let photo = try LeadPhoto(fileName: "card.jpg", jpeg: Self.jpegStart)
        #expect(CaptureRequest(lead: lead, profile: EventProfile(defaults: [:]), photo: photo).photo == photo)
        #expect(CaptureRequest(asCaptured: lead, photo: photo).photo == photo)
    }
}
