/// How a camera says its stored pixels must be turned to be seen upright (EXIF tag 0x0112):
/// phones store what the sensor saw and write this tag rather than turning the pixels.
public enum ExifOrientation: Int, Sendable, CaseIterable {
    case up = 1, upMirrored = 2, down = 3, downMirrored = 4
    case leftMirrored = 5, right = 6, rightMirrored = 7, left = 8

    /// Whether the upright picture's width is the stored height.
    var swapsSides: Bool { rawValue >= 5 }

    /// The stored pixel shown at (x, y) of the upright picture of `width` × `height`.
    func storedPoint(x: Int, y: Int, width: Int, height: Int) -> (Int, Int) {
        switch self {
        case .up: (x, y)
        case .upMirrored: (width - 1 - x, y)
        case .down: (width - 1 - x, height - 1 - y)
        case .downMirrored: (x, height - 1 - y)
        case .leftMirrored: (y, x)
        case .right: (y, width - 1 - x)
        case .rightMirrored: (height - 1 - y, width - 1 - x)
        case .left: (height - 1 - y, x)
        }
    }

    /// The orientation a JPEG's Exif segment gives, `.up` when it has none or it cannot be read.
    /// Walks the markers up to the first scan; every offset is checked against the bytes, so a
    /// damaged or hostile header reads as "no orientation", never a crash.
    public static func of(jpeg bytes: [UInt8]) -> ExifOrientation {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return .up }
        var at = 2
        while at + 4 <= bytes.count {
            guard bytes[at] == 0xFF else { return .up }
            let marker = bytes[at + 1]
            if marker == 0xFF {
                at += 1
                continue
            }  // fill bytes before a marker
            if marker == 0xD8 || (0xD0...0xD7).contains(marker) || marker == 0x01 {
                at += 2
                continue
            }
            if marker == 0xDA || marker == 0xD9 { return .up }  // the scan starts: no Exif before it
            let length = Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
            guard length >= 2, at + 2 + length <= bytes.count else { return .up }
            if marker == 0xE1, let found = fromApp1(bytes[(at + 4)..<(at + 2 + length)]) { return found }
            at += 2 + length
        }
        return .up
    }

    /// The Orientation in an APP1 body (`Exif\0\0` then a TIFF header and IFD0), if present.
    static func fromApp1(_ body: ArraySlice<UInt8>) -> ExifOrientation? {
        let exif: [UInt8] = [0x45, 0x78, 0x69, 0x66, 0, 0]
        guard body.count >= 14, body.prefix(6).elementsEqual(exif) else { return nil }
        let tiff = Array(body.dropFirst(6))
        let bigEndian: Bool
        switch (tiff[0], tiff[1]) {
        case (0x4D, 0x4D): bigEndian = true
        case (0x49, 0x49): bigEndian = false
        default: return nil
        }
        func u16(_ i: Int) -> Int? {
            guard i >= 0, i + 2 <= tiff.count else { return nil }
            return bigEndian ? Int(tiff[i]) << 8 | Int(tiff[i + 1]) : Int(tiff[i + 1]) << 8 | Int(tiff[i])
        }
        func u32(_ i: Int) -> Int? {
            guard let high = u16(bigEndian ? i : i + 2), let low = u16(bigEndian ? i + 2 : i) else { return nil }
            return high << 16 | low
        }
        guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return nil }
        for entry in 0..<min(count, 512) {
            let at = ifd + 2 + entry * 12
            guard let tag = u16(at) else { return nil }
            // Type SHORT (3), one value, kept in the first two bytes of the value field.
            if tag == 0x0112, u16(at + 2) == 3, let value = u16(at + 8) {
                return ExifOrientation(rawValue: value)
            }
        }
        return nil
    }
}
