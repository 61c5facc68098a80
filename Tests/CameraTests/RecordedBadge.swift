import Foundation
import TestSupport

/// Camera frames made for a test by Debian's qrencode and ImageMagick (called by their full
/// paths): a badge's QR code on a grey card, 1280 × 720, as the raw YUYV a webcam sends and as
/// MJPEG frames, written into a folder `RecordedFrames` plays.
enum RecordedBadge {
    static let qrencode = "/usr/bin/qrencode"
    static let convert = "/usr/bin/convert"
    static let width = 1280, height = 720

    static var toolsPresent: Bool {
        FileManager.default.isExecutableFile(atPath: qrencode) && FileManager.default.isExecutableFile(atPath: convert)
    }

    static let vcard =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Титов;Глеб;;;\r\nFN:Глеб Титов\r\nORG:ИП Титов\r\nTEL;TYPE=CELL:+7 999 123-45-67\r\nEMAIL:gleb@example.com\r\nEND:VCARD"

    /// What a frame shows.
    enum Shot {
        /// No badge: the card and a little sensor noise.
        case empty
        /// The badge's code, sharp, or blurred by `blur` (ImageMagick's sigma) as it moves.
        case code(String, blur: Double = 0)
    }

    /// The grey picture of `shot` at 1280 × 720, one byte a pixel.
    static func grey(_ shot: Shot, seed: Int = 1) throws -> [UInt8] {
        switch shot {
        case .empty:
            return try run(
                convert,
                [
                    "-size", "\(width)x\(height)", "xc:#9a9a9a", "-seed", "\(seed)", "-attenuate", "0.3", "+noise", "Gaussian", "-depth", "8",
                    "gray:-",
                ],
                input: Data())
        case .code(let text, let blur):
            let png = try run(qrencode, ["-t", "PNG", "-l", "M", "-s", "6", "-m", "4", "-o", "-"], input: Data(text.utf8))
            var arguments = ["png:-", "-resize", "460x460", "-background", "#9a9a9a", "-gravity", "center", "-extent", "\(width)x\(height)"]
            if blur > 0 { arguments += ["-blur", "0x\(blur)"] }
            arguments += ["-seed", "\(seed)", "-attenuate", "0.3", "+noise", "Gaussian", "-depth", "8", "gray:-"]
            return try run(convert, arguments, input: Data(png))
        }
    }

    /// The grey picture as YUYV: luma as it is, both chroma bytes at 128 (no colour).
    static func yuyv(_ grey: [UInt8]) -> [UInt8] {
        var bytes = [UInt8](repeating: 128, count: grey.count * 2)
        for (index, value) in grey.enumerated() { bytes[2 * index] = value }
        return bytes
    }

    /// The grey picture as an MJPEG frame (a JPEG of webcam quality).
    static func mjpeg(_ grey: [UInt8]) throws -> [UInt8] {
        try run(convert, ["-size", "\(width)x\(height)", "-depth", "8", "gray:-", "-quality", "80", "jpg:-"], input: Data(grey))
    }

    /// Writes `shots` into `folder` as frames `0000-1280x720.yuyv`… (or `0000.jpg`… for MJPEG).
    static func record(_ shots: [Shot], into folder: String, mjpeg asJPEG: Bool = false) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (index, shot) in shots.enumerated() {
            let grey = try grey(shot, seed: index + 1)
            let name = String(format: "%04d", index) + (asJPEG ? ".jpg" : "-\(width)x\(height).yuyv")
            let bytes = asJPEG ? try mjpeg(grey) : yuyv(grey)
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
    }

    /// A fresh folder under the temporary directory.
    static func folder(_ name: String) -> String {
        let path = NSTemporaryDirectory() + "leadbox-camera-\(name)-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func run(_ tool: String, _ arguments: [String], input: Data) throws -> [UInt8] {
        try ToolRun.output(of: tool, arguments, input: input)
    }
}
