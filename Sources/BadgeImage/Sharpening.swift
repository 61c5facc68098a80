import Glibc

extension GreyImage {
    /// The picture with an unsharp mask: each pixel pushed away from its Gaussian-blurred
    /// neighbourhood by `amount` times the difference. A phone that focused on the table rather
    /// than the badge smears a dense vCard code's modules into each other; neither decoder reads
    /// it, yet after this step (σ 2 px, amount 2, as ImageMagick's `-unsharp 0x2+2+0`) 7 of the
    /// 13 photos of scripts/badge-photos' set that both had missed were read (BENCHMARKS.md,
    /// "Issue 20: badge decoder"). Only a retry: on a sharp photo it adds noise.
    public func sharpened(sigma: Double = 2, amount: Double = 2) -> GreyImage {
        guard width > 0, height > 0 else { return self }
        let blurred = gaussianBlurred(sigma: sigma)
        var out = [UInt8](repeating: 0, count: pixels.count)
        let gain = Int((amount * 256).rounded())
        out.withUnsafeMutableBufferPointer { target in
            pixels.withUnsafeBufferPointer { source in
                blurred.withUnsafeBufferPointer { blur in
                    for index in 0..<source.count {
                        let original = Int(source[index])
                        let value = original + ((original - Int(blur[index])) * gain) / 256
                        target[index] = UInt8(clamping: value)
                    }
                }
            }
        }
        return GreyImage(width: width, height: height, pixels: out)
    }

    /// The picture twice as wide and high, each new pixel the bilinear mix of its neighbours: a
    /// blurred dense code's modules get pixels enough for the mask to separate them. The third
    /// retry, on pictures of a few megapixels: it read 3 of the 7 photos the sharpened pass still
    /// missed (BENCHMARKS.md, "Issue 20: badge decoder").
    public func doubled() -> GreyImage {
        let outWidth = width * 2
        let outHeight = height * 2
        guard width > 0, height > 0 else { return self }
        var out = [UInt8](repeating: 0, count: outWidth * outHeight)
        out.withUnsafeMutableBufferPointer { target in
            pixels.withUnsafeBufferPointer { source in
                for y in 0..<outHeight {
                    // The centre of output pixel y in source coordinates, in quarters: (2y + 1) / 4 − 1/2.
                    let sy4 = max(0, 2 * y - 1)
                    let y0 = min(sy4 / 4, height - 1)
                    let y1 = min(y0 + 1, height - 1)
                    let fy = sy4 % 4
                    for x in 0..<outWidth {
                        let sx4 = max(0, 2 * x - 1)
                        let x0 = min(sx4 / 4, width - 1)
                        let x1 = min(x0 + 1, width - 1)
                        let fx = sx4 % 4
                        let top = Int(source[y0 * width + x0]) * (4 - fx) + Int(source[y0 * width + x1]) * fx
                        let bottom = Int(source[y1 * width + x0]) * (4 - fx) + Int(source[y1 * width + x1]) * fx
                        target[y * outWidth + x] = UInt8((top * (4 - fy) + bottom * fy + 8) / 16)
                    }
                }
            }
        }
        return GreyImage(width: outWidth, height: outHeight, pixels: out)
    }

    /// A Gaussian blur approximated by three box blurs per direction (their widths chosen so the
    /// variance matches σ²): the cost per pixel does not grow with σ, which a doubled 2-megapixel
    /// picture blurred at σ 4 needs.
    func gaussianBlurred(sigma: Double) -> [UInt8] {
        var values = pixels.map { Int32($0) }
        var scratch = values
        for radius in GreyImage.boxRadii(sigma: sigma) {
            GreyImage.boxBlurRows(&values, into: &scratch, width: width, height: height, radius: radius)
            GreyImage.boxBlurColumns(&scratch, into: &values, width: width, height: height, radius: radius)
        }
        return values.map { UInt8(clamping: $0) }
    }

    /// Three box radii whose successive blurs have about a Gaussian's variance σ² (W. M. Wells,
    /// "Efficient synthesis of Gaussian filters by cascaded uniform filters", 1986).
    static func boxRadii(sigma: Double) -> [Int] {
        let boxes = 3.0
        let ideal = (12 * sigma * sigma / boxes + 1).squareRoot()
        var lower = Int(ideal.rounded(.down))
        if lower % 2 == 0 { lower -= 1 }
        let upper = lower + 2
        let lowerCount = Int(
            ((12 * sigma * sigma - boxes * Double(lower * lower) - 4 * boxes * Double(lower) - 3 * boxes) / Double(-4 * lower - 4)).rounded())
        return (0..<3).map { $0 < lowerCount ? max(0, (lower - 1) / 2) : (upper - 1) / 2 }
    }

    /// Each row's running mean over 2·radius + 1 pixels, the edge pixels repeated.
    private static func boxBlurRows(_ source: inout [Int32], into target: inout [Int32], width: Int, height: Int, radius: Int) {
        let span = Int32(2 * radius + 1)
        source.withUnsafeBufferPointer { from in
            target.withUnsafeMutableBufferPointer { to in
                for y in 0..<height {
                    let row = y * width
                    var sum: Int32 = 0
                    for offset in -radius...radius { sum += from[row + min(max(offset, 0), width - 1)] }
                    for x in 0..<width {
                        to[row + x] = (sum + span / 2) / span
                        sum += from[row + min(x + radius + 1, width - 1)] - from[row + max(x - radius, 0)]
                    }
                }
            }
        }
    }

    /// Each column's running mean, as `boxBlurRows` does for rows (a row of sums at a time, so
    /// memory is read in order).
    private static func boxBlurColumns(_ source: inout [Int32], into target: inout [Int32], width: Int, height: Int, radius: Int) {
        let span = Int32(2 * radius + 1)
        var sums = [Int32](repeating: 0, count: width)
        source.withUnsafeBufferPointer { from in
            target.withUnsafeMutableBufferPointer { to in
                sums.withUnsafeMutableBufferPointer { sums in
                    for offset in -radius...radius {
                        let row = min(max(offset, 0), height - 1) * width
                        for x in 0..<width { sums[x] += from[row + x] }
                    }
                    for y in 0..<height {
                        let entering = min(y + radius + 1, height - 1) * width
                        let leaving = max(y - radius, 0) * width
                        for x in 0..<width {
                            to[y * width + x] = (sums[x] + span / 2) / span
                            sums[x] += from[entering + x] - from[leaving + x]
                        }
                    }
                }
            }
        }
    }
}
