import Testing

@testable import BadgeImage

/// EXIF Orientation read from JPEG headers as cameras write them, and the eight turns applied.
@Suite struct OrientationTests {
    /// A JPEG start: SOI, a JFIF APP0 (as many phones write one first), the Exif APP1, a scan marker.
    static func jpegStart(bigEndian: Bool, orientation: Int, extraEntriesBefore: Int = 0) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        return [0xFF, 0xD8] + app0 + exifSegment(bigEndian: bigEndian, orientation: orientation, extraEntriesBefore: extraEntriesBefore) + [
            0xFF, 0xDA, 0x00, 0x02,
        ]
    }

    /// An APP1 Exif segment whose IFD0 holds `extraEntriesBefore` ASCII entries, then the Orientation.
    static func exifSegment(bigEndian: Bool, orientation: Int, extraEntriesBefore: Int = 0) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { bigEndian ? [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] : [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: Int) -> [UInt8] { bigEndian ? u16(v >> 16) + u16(v & 0xFFFF) : u16(v & 0xFFFF) + u16(v >> 16) }
        var tiff: [UInt8] = (bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]) + u16(42) + u32(8)
        tiff += u16(extraEntriesBefore + 1)
        for i in 0..<extraEntriesBefore { tiff += u16(0x010F + i) + u16(2) + u32(4) + [0x41, 0x42, 0x43, 0] }  // Make: "ABC"
        tiff += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + [0, 0]
        tiff += u32(0)
        let body: [UInt8] = Array("Exif".utf8) + [0, 0] + tiff
        let length = body.count + 2
        return [0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + body
    }

    @Test(arguments: [true, false], 1...8)
    func readsOrientation(bigEndian: Bool, value: Int) {
        let bytes = Self.jpegStart(bigEndian: bigEndian, orientation: value, extraEntriesBefore: value % 3)
        #expect(ExifOrientation.of(jpeg: bytes).rawValue == value)
    }

    @Test func withoutExifIsUpright() {
        #expect(ExifOrientation.of(jpeg: [0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x04, 0, 0, 0xFF, 0xDA]) == .up)
        #expect(ExifOrientation.of(jpeg: Self.jpegStart(bigEndian: true, orientation: 9)) == .up)  // out of range
        #expect(ExifOrientation.of(jpeg: Array("not a jpeg".utf8)) == .up)
    }

    /// Stored 3 × 2 [[1 2 3] [4 5 6]]; each orientation's upright picture as a viewer shows it.
    @Test func turnsAsViewersDo() {
        let stored = GreyImage(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6])
        let expected: [ExifOrientation: (Int, [UInt8])] = [
            .up: (3, [1, 2, 3, 4, 5, 6]),
            .upMirrored: (3, [3, 2, 1, 6, 5, 4]),
            .down: (3, [6, 5, 4, 3, 2, 1]),
            .downMirrored: (3, [4, 5, 6, 1, 2, 3]),
            .leftMirrored: (2, [1, 4, 2, 5, 3, 6]),
            .right: (2, [4, 1, 5, 2, 6, 3]),
            .rightMirrored: (2, [6, 3, 5, 2, 4, 1]),
            .left: (2, [3, 6, 2, 5, 1, 4]),
        ]
        for (orientation, (width, pixels)) in expected {
            let upright = stored.oriented(orientation)
            #expect(upright.width == width && upright.pixels == pixels, "\(orientation)")
        }
    }

    @Test func halvesByBlockMeans() {
        let image = GreyImage(width: 5, height: 2, pixels: [0, 10, 20, 30, 99, 2, 12, 22, 32, 99])
        #expect(image.halved() == GreyImage(width: 2, height: 1, pixels: [6, 26]))
    }
}
