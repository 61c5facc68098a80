import Foundation
import TestSupport

/// Pictures made for a test by Debian's qrencode and ImageMagick (called by their full paths), so
/// the decoders are tested on bytes other programs wrote. `nil` when the tool is not installed.
enum PictureTools {
    static let qrencode = "/usr/bin/qrencode"
    static let convert = "/usr/bin/convert"

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: qrencode) && FileManager.default.isExecutableFile(atPath: convert)
    }

    /// A QR code holding `text`, as PNG.
    static func qrPNG(_ text: String, moduleSize: Int = 6) throws -> [UInt8] {
        try run(qrencode, ["-t", "PNG", "-l", "M", "-s", "\(moduleSize)", "-m", "4", "-o", "-"], input: Data(text.utf8))
    }

    /// `png` through ImageMagick's `convert` with `arguments` between input and output (`jpg:-`, `png:-`).
    static func convert(_ png: [UInt8], _ arguments: [String], to output: String = "jpg:-") throws -> [UInt8] {
        try run(convert, ["png:-"] + arguments + [output], input: Data(png))
    }

    /// `png` with its IHDR's width and height replaced (the chunk's CRC recomputed): a picture that
    /// claims a size it does not have, as a hostile or damaged file does.
    static func claimingSize(_ png: [UInt8], width: UInt32, height: UInt32) -> [UInt8] {
        var bytes = png
        func put(_ value: UInt32, at offset: Int) {
            for i in 0..<4 { bytes[offset + i] = UInt8(value >> (24 - 8 * UInt32(i)) & 0xFF) }
        }
        put(width, at: 16)  // signature (8), length (4), "IHDR" (4), then width and height
        put(height, at: 20)
        put(crc32(bytes[12..<29]), at: 29)
        return bytes
    }

    /// PNG's CRC-32 (ISO 3309, reflected, polynomial 0xEDB88320).
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func run(_ tool: String, _ arguments: [String], input: Data) throws -> [UInt8] {
        try ToolRun.output(of: tool, arguments, input: input)
    }
}
