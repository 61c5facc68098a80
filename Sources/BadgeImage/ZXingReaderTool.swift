import Foundation
import Glibc

/// zxing-cpp's command-line reader, `ZXingReader` from Debian's zxing-cpp-tools, run as a child
/// process on the picture already decoded to grey. Debian 12's zxing-cpp 1.4 has only a C++ API,
/// which `dlopen` cannot use, so its own tool is the way in; the picture goes to it as a binary
/// PGM (no second JPEG decode, no EXIF question). It read 103 of scripts/badge-photos' 120 photos
/// against zbar's 56 (BENCHMARKS.md, "Issue 20: badge decoder"), which is why it is asked first
/// when installed. Optional: without it zbar alone reads, and the scan says what to install.
struct ZXingReaderTool {
    static let executableName = "ZXingReader"
    static let package = "zxing-cpp-tools"
    /// The badge symbologies, as `BadgeCode.format` names them after `commonName(_:)`.
    static let formats = "QRCode,MicroQRCode,PDF417,Aztec,DataMatrix,Code128,Code39"
    /// A reader that takes longer than this on one picture is stopped (a 12-megapixel photo takes
    /// about 0.3 s): a scan never hangs on a child process.
    static let timeLimit = DispatchTimeInterval.seconds(15)

    let executable: String

    /// The tool on `PATH`, or nil when it is not installed.
    init?(path: String?) {
        let folders = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: true)
        let candidates = folders.map { "\($0)/\(ZXingReaderTool.executableName)" }
        guard let found = candidates.first(where: { candidate in access(candidate, X_OK) == 0 }) else { return nil }
        executable = found
    }

    /// Every code the tool finds in `image`; empty when it finds none or fails (zbar is asked next,
    /// so a failed child costs a pass, never the scan).
    func codes(in image: GreyImage) -> [BadgeCode] {
        guard let file = try? PortableGreyMap.temporaryFile(of: image) else { return [] }
        defer { unlink(file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-format", ZXingReaderTool.formats, file]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return [] }
        let stopper = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + ZXingReaderTool.timeLimit, execute: stopper)
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        stopper.cancel()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else { return [] }
        return ZXingReaderTool.parse(String(decoding: printed, as: UTF8.self))
    }

    /// The codes in ZXingReader's report: per code a block with `Text:` (possibly over several
    /// lines), `Bytes:` in hex and `Format:`. The bytes are the code's own, CR LF included, and are
    /// taken when they are UTF-8; otherwise the tool's `Text` (it knows the code's character set).
    static func parse(_ report: String) -> [BadgeCode] {
        var codes: [BadgeCode] = []
        var textLines: [String]?
        var text: String?
        var bytes: [UInt8]?
        for line in report.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("Text:") {
                textLines = [String(line.dropFirst("Text:".count).drop(while: { $0 == " " }))]
            } else if line.hasPrefix("Bytes:") {
                text = textLines.map { unquoted($0.joined(separator: "\n")) }
                textLines = nil
                bytes = hexBytes(line.dropFirst("Bytes:".count))
            } else if line.hasPrefix("Format:") {
                let format = line.dropFirst("Format:".count).trimmingCharacters(in: .whitespaces)
                if !format.isEmpty, let value = bytes.flatMap({ String(validating: $0, as: UTF8.self) }) ?? text {
                    codes.append(BadgeCode(format: commonName(format), text: value))
                }
                text = nil
                bytes = nil
            } else if textLines != nil {
                textLines?.append(line)
            }
        }
        return codes
    }

    /// zxing-cpp's format name in the names `BadgeCode` uses (zxing's Java constants).
    static func commonName(_ zxingCppName: String) -> String {
        switch zxingCppName {
        case "QRCode": "QR_CODE"
        case "MicroQRCode": "MICRO_QR_CODE"
        case "PDF417": "PDF_417"
        case "Aztec": "AZTEC"
        case "DataMatrix": "DATA_MATRIX"
        case "Code128": "CODE_128"
        case "Code39": "CODE_39"
        default: zxingCppName
        }
    }

    private static func unquoted(_ text: String) -> String {
        guard text.count >= 2, text.first == "\"", text.last == "\"" else { return text }
        return String(text.dropFirst().dropLast())
    }

    private static func hexBytes(_ hex: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        for pair in hex.split(separator: " ") {
            guard let byte = UInt8(pair, radix: 16) else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}

/// A grey picture as a binary PGM file (P5): the simplest format the reader's image loader takes,
/// written without compression in a few milliseconds.
enum PortableGreyMap {
    /// Writes `image` to a new private file (mode 0600: a badge holds personal data) in the
    /// temporary folder and returns its path; the caller removes it.
    static func temporaryFile(of image: GreyImage) throws -> String {
        let folder = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(folder)/leadbox-badge-XXXXXX.pgm".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        let header = Array("P5\n\(image.width) \(image.height)\n255\n".utf8)
        let written = writeAll(fd, header) && image.pixels.withUnsafeBytes { writeAll(fd, $0) }
        close(fd)
        guard written else {
            unlink(path)
            throw POSIXError(.EIO)
        }
        return path
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }
}
