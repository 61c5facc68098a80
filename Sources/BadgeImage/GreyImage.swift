/// An 8-bit grey picture, one byte per pixel, rows top to bottom: what the decoder scans.
public struct GreyImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public let pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height, "pixels must fill width × height")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The picture as a viewer shows it: stored pixels turned and mirrored as the EXIF
    /// Orientation tag says (1 = as stored, 6 = turn 90° clockwise, 3 = 180°, 8 = 90° anticlockwise,
    /// 2, 4, 5, 7 = the mirrored forms).
    public func oriented(_ orientation: ExifOrientation) -> GreyImage {
        guard orientation != .up else { return self }
        let transposed = orientation.swapsSides
        let outWidth = transposed ? height : width
        let outHeight = transposed ? width : height
        var out = [UInt8](repeating: 0, count: pixels.count)
        out.withUnsafeMutableBufferPointer { target in
            pixels.withUnsafeBufferPointer { source in
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        let (sx, sy) = orientation.storedPoint(x: x, y: y, width: outWidth, height: outHeight)
                        target[y * outWidth + x] = source[sy * width + sx]
                    }
                }
            }
        }
        return GreyImage(width: outWidth, height: outHeight, pixels: out)
    }

    /// The picture at half the size, each pixel the mean of a 2 × 2 block: a 12-megapixel photo
    /// is scanned at this size first, where a badge's code still has modules of several pixels.
    public func halved() -> GreyImage {
        let outWidth = width / 2
        let outHeight = height / 2
        var out = [UInt8](repeating: 0, count: outWidth * outHeight)
        out.withUnsafeMutableBufferPointer { target in
            pixels.withUnsafeBufferPointer { source in
                for y in 0..<outHeight {
                    let top = 2 * y * width
                    let bottom = top + width
                    for x in 0..<outWidth {
                        let sum =
                            Int(source[top + 2 * x]) + Int(source[top + 2 * x + 1]) + Int(source[bottom + 2 * x]) + Int(source[bottom + 2 * x + 1])
                        target[y * outWidth + x] = UInt8((sum + 2) / 4)
                    }
                }
            }
        }
        return GreyImage(width: outWidth, height: outHeight, pixels: out)
    }
}
