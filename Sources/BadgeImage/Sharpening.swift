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
        let kernel = GreyImage.gaussianKernel(sigma: sigma)
        let blurred = blurredRows(kernel).transposedBlurredRows(kernel)
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

    /// A normalised Gaussian in 1/65536ths, three σ each side.
    static func gaussianKernel(sigma: Double) -> [Int] {
        let radius = max(1, Int((3 * sigma).rounded(.up)))
        let weights = (-radius...radius).map { offset in Glibc.exp(-Double(offset * offset) / (2 * sigma * sigma)) }
        let total = weights.reduce(0, +)
        return weights.map { Int(($0 / total * 65536).rounded()) }
    }

    /// Each row convolved with `kernel` (edges repeated), as a transposed picture's pixels so
    /// that the second pass is a row pass too.
    private func blurredRows(_ kernel: [Int]) -> GreyImage {
        GreyImage(width: height, height: width, pixels: GreyImage.convolveRowsTransposing(pixels, width: width, height: height, kernel: kernel))
    }

    /// The second pass: this (transposed) picture's rows convolved and transposed back.
    private func transposedBlurredRows(_ kernel: [Int]) -> [UInt8] {
        GreyImage.convolveRowsTransposing(pixels, width: width, height: height, kernel: kernel)
    }

    private static func convolveRowsTransposing(_ pixels: [UInt8], width: Int, height: Int, kernel: [Int]) -> [UInt8] {
        let radius = kernel.count / 2
        var out = [UInt8](repeating: 0, count: pixels.count)
        out.withUnsafeMutableBufferPointer { target in
            pixels.withUnsafeBufferPointer { source in
                kernel.withUnsafeBufferPointer { weights in
                    for y in 0..<height {
                        let row = y * width
                        for x in 0..<width {
                            var sum = 0
                            for tap in 0..<weights.count {
                                let sx = min(max(x + tap - radius, 0), width - 1)
                                sum += Int(source[row + sx]) * weights[tap]
                            }
                            target[x * height + y] = UInt8(clamping: (sum + 32768) >> 16)
                        }
                    }
                }
            }
        }
        return out
    }
}
