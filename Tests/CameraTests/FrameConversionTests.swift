import BadgeImage
import Testing

@testable import Camera

/// Frames to grey: YUYV by its luma bytes, MJPEG through libjpeg-turbo.
struct FrameConversionTests {
    @Test func yuyvGreyIsTheLumaOfEachPixel() throws {
        // 4 × 2 pixels, rows padded to 12 bytes as some drivers do; chroma bytes carry noise.
        let bytes: [UInt8] = [
            10, 200, 20, 201, 30, 202, 40, 203, 0xEE, 0xEE, 0xEE, 0xEE,
            50, 204, 60, 205, 70, 206, 80, 207,
        ]
        let grey = try Frame(format: .yuyv, width: 4, height: 2, bytesPerLine: 12, bytes: bytes).grey()
        #expect(grey == GreyImage(width: 4, height: 2, pixels: [10, 20, 30, 40, 50, 60, 70, 80]))
    }

    @Test func aShortYUYVFrameIsRefusedNotHalfRead() {
        #expect(throws: FrameError.self) { try Frame(format: .yuyv, width: 1280, height: 720, bytes: [UInt8](repeating: 0, count: 1000)).grey() }
        #expect(throws: FrameError.self) { try Frame(format: .yuyv, width: 0, height: 0, bytes: []).grey() }
    }

    @Test(.enabled(if: RecordedBadge.toolsPresent, "needs qrencode and imagemagick"))
    func mjpegGreyIsTheDecodedPicture() throws {
        let grey = try RecordedBadge.grey(.code(RecordedBadge.vcard))
        let jpeg = try RecordedBadge.mjpeg(grey)
        let decoded = try Frame(format: .mjpeg, width: 1280, height: 720, bytes: jpeg).grey()
        #expect(decoded.width == 1280 && decoded.height == 720)
        // JPEG at quality 80 is lossy: on average within a few levels of the original.
        let error = zip(decoded.pixels, grey).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) } / grey.count
        #expect(error < 8)
        #expect(try GreyScanner().scan(decoded).badgeCode?.text == RecordedBadge.vcard)
    }

    @Test func aDamagedMJPEGFrameIsSkippable() {
        #expect(throws: FrameError.self) { try Frame(format: .mjpeg, width: 1280, height: 720, bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0, 16]).grey() }
        #expect(throws: FrameError.self) { try Frame(format: .mjpeg, width: 1280, height: 720, bytes: [1, 2, 3]).grey() }
    }

    @Test func theSameCodeInConsecutiveFramesIsHandedOnOnce() {
        var deduplicator = CodeDeduplicator()
        let badge = BadgeCode(format: "QR_CODE", text: "ID-1")
        let other = BadgeCode(format: "QR_CODE", text: "ID-2")
        let seen = [nil, badge, badge, badge, nil, badge, other, other, badge].map { deduplicator.fresh($0)?.text }
        #expect(seen == [nil, "ID-1", nil, nil, nil, "ID-1", "ID-2", nil, "ID-1"])
    }
}
