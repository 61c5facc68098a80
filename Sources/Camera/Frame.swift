import BadgeImage

/// One picture from the camera, as the camera sent it.
public struct Frame: Sendable {
    /// The two formats read: YUYV (4:2:2, two bytes a pixel, luma at the even bytes), which every
    /// UVC webcam offers, and MJPEG (each frame a JPEG), which most offer at larger sizes.
    public enum Format: Sendable, Equatable {
        case yuyv, mjpeg
    }

    public let format: Format
    public let width: Int
    public let height: Int
    /// Bytes from one row's start to the next (YUYV; a driver may pad rows).
    public let bytesPerLine: Int
    public let bytes: [UInt8]

    public init(format: Format, width: Int, height: Int, bytesPerLine: Int? = nil, bytes: [UInt8]) {
        self.format = format
        self.width = width
        self.height = height
        self.bytesPerLine = bytesPerLine ?? (format == .yuyv ? width * 2 : 0)
        self.bytes = bytes
    }

    /// The frame in grey: for YUYV the luma bytes as they are (no arithmetic), for MJPEG the JPEG
    /// decoded by libjpeg-turbo straight to grey. A frame whose bytes are short of its size (a
    /// driver's truncated buffer) or a damaged JPEG is refused, not half read.
    public func grey() throws(FrameError) -> GreyImage {
        switch format {
        case .yuyv:
            guard width > 0, height > 0, width % 2 == 0, bytesPerLine >= width * 2, bytes.count >= bytesPerLine * (height - 1) + width * 2 else {
                throw .damaged("a YUYV frame of \(width) × \(height) needs \(width * 2 * height) bytes, it has \(bytes.count)")
            }
            var pixels = [UInt8](repeating: 0, count: width * height)
            pixels.withUnsafeMutableBufferPointer { grey in
                bytes.withUnsafeBufferPointer { yuyv in
                    for y in 0..<height {
                        let row = y * bytesPerLine
                        let out = y * width
                        for x in 0..<width { grey[out + x] = yuyv[row + 2 * x] }
                    }
                }
            }
            return GreyImage(width: width, height: height, pixels: pixels)
        case .mjpeg:
            do {
                return try BadgePhoto.decode(bytes, source: "A camera frame")
            } catch .missingLibrary(let library, let package, let purpose) {
                throw .library(.missingLibrary(library: library, package: package, purpose: purpose))
            } catch {
                throw .damaged(error.description)
            }
        }
    }
}

/// Why a frame gave no picture: a damaged frame is skipped (the next one comes in 33 ms), a
/// missing library stops the camera with its sentence.
public enum FrameError: Error, Equatable {
    case damaged(String)
    case library(BadgeImageError)
}
