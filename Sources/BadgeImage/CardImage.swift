/// The steps that turn the card found in a photo into the picture Tesseract reads best: cut out
/// and squared (perspective undone), at about 300 dpi, with the light made even. Pure functions.
public enum CardImage {
    /// The longer side of the squared card: an 85 mm card at about 314 dpi, the resolution
    /// Tesseract's models are trained near, where a card's 7-point small print is 30 px high.
    static let longSide = 1050
    /// The card's long side is 85 mm (ISO 7810 ID-1, the common business-card size).
    static let longSideInches = 85.0 / 25.4

    /// The resolution of a squared card, for Tesseract's letter-size judgement.
    static var dpi: Int { Int((Double(longSide) / longSideInches).rounded()) }

    /// The quadrilateral `quad` of `image` as an upright rectangle whose longer side is
    /// `longSide`, its sides in the proportion the quadrilateral's sides have. Each pixel is
    /// sampled bilinearly; a photo more than twice the needed size is halved first, so the
    /// samples average the sensor's noise instead of picking single pixels of it.
    public static func squared(_ image: GreyImage, quad: Quad) -> GreyImage {
        var source = image
        var corners = quad
        let (width, height) = quad.sideLengths
        while max(width, height) * Double(source.width) / Double(image.width) >= Double(2 * longSide), source.width >= 4, source.height >= 4 {
            source = source.halved()
            corners = corners.scaled(by: 0.5)
        }
        let ratio = Double(longSide) / max(width, height, 1)
        let outWidth = max(1, Int((width * ratio).rounded()))
        let outHeight = max(1, Int((height * ratio).rounded()))
        let map = Homography(
            from: [
                Point(x: 0, y: 0), Point(x: Double(outWidth - 1), y: 0), Point(x: Double(outWidth - 1), y: Double(outHeight - 1)),
                Point(x: 0, y: Double(outHeight - 1)),
            ],
            to: corners.corners)
        var out = [UInt8](repeating: 255, count: outWidth * outHeight)
        guard let map else { return GreyImage(width: outWidth, height: outHeight, pixels: out) }
        source.pixels.withUnsafeBufferPointer { pixels in
            let w = source.width
            let h = source.height
            for v in 0..<outHeight {
                for u in 0..<outWidth {
                    let p = map.apply(Point(x: Double(u), y: Double(v)))
                    let x = min(max(p.x, 0), Double(w - 1))
                    let y = min(max(p.y, 0), Double(h - 1))
                    let x0 = min(Int(x), w - 2 < 0 ? 0 : w - 2)
                    let y0 = min(Int(y), h - 2 < 0 ? 0 : h - 2)
                    let x1 = min(x0 + 1, w - 1)
                    let y1 = min(y0 + 1, h - 1)
                    let fx = x - Double(x0)
                    let fy = y - Double(y0)
                    let top = Double(pixels[y0 * w + x0]) * (1 - fx) + Double(pixels[y0 * w + x1]) * fx
                    let bottom = Double(pixels[y1 * w + x0]) * (1 - fx) + Double(pixels[y1 * w + x1]) * fx
                    out[v * outWidth + u] = UInt8(min(255, max(0, (top * (1 - fy) + bottom * fy).rounded())))
                }
            }
        }
        return GreyImage(width: outWidth, height: outHeight, pixels: out)
    }

    /// The side of the blocks the paper's brightness is measured in.
    static let lightBlock = 32

    /// The picture with its light made even: each pixel divided by the paper's brightness around
    /// it, so a card half in shadow reads as one white card. The paper's brightness in a block is
    /// the block's 95th percentile (its brightest pixels that are not a speck), widened to the
    /// neighbouring blocks' brightest (a block inside a dark band beside white letters keeps its
    /// contrast) and smoothed, then interpolated between the blocks' centres.
    public static func evenlyLit(_ image: GreyImage) -> GreyImage {
        let block = lightBlock
        let columns = (image.width + block - 1) / block
        let rows = (image.height + block - 1) / block
        guard columns > 0, rows > 0 else { return image }
        var paper = [Double](repeating: 255, count: columns * rows)
        var histogram = [Int](repeating: 0, count: 256)
        for row in 0..<rows {
            for column in 0..<columns {
                for i in histogram.indices { histogram[i] = 0 }
                var count = 0
                for y in (row * block)..<min(image.height, row * block + block) {
                    for x in (column * block)..<min(image.width, column * block + block) {
                        histogram[Int(image.pixels[y * image.width + x])] += 1
                        count += 1
                    }
                }
                var seen = 0
                var level = 255
                while level > 0 {
                    seen += histogram[level]
                    if seen * 20 >= count { break }
                    level -= 1
                }
                paper[row * columns + column] = Double(level)
            }
        }
        let widened = neighbourhood(paper, columns: columns, rows: rows) { $0.max() ?? 255 }
        let smooth = neighbourhood(widened, columns: columns, rows: rows) { $0.reduce(0, +) / Double($0.count) }
        var out = [UInt8](repeating: 0, count: image.pixels.count)
        for y in 0..<image.height {
            let gy = min(max((Double(y) + 0.5) / Double(block) - 0.5, 0), Double(rows - 1))
            let r0 = Int(gy)
            let r1 = min(r0 + 1, rows - 1)
            let fy = gy - Double(r0)
            for x in 0..<image.width {
                let gx = min(max((Double(x) + 0.5) / Double(block) - 0.5, 0), Double(columns - 1))
                let c0 = Int(gx)
                let c1 = min(c0 + 1, columns - 1)
                let fx = gx - Double(c0)
                let top = smooth[r0 * columns + c0] * (1 - fx) + smooth[r0 * columns + c1] * fx
                let bottom = smooth[r1 * columns + c0] * (1 - fx) + smooth[r1 * columns + c1] * fx
                let background = max(top * (1 - fy) + bottom * fy, 16)
                out[y * image.width + x] = UInt8(min(255, (Double(image.pixels[y * image.width + x]) * 255 / background).rounded()))
            }
        }
        return GreyImage(width: image.width, height: image.height, pixels: out)
    }

    /// Each cell of a grid replaced by `combine` of itself and its up to eight neighbours.
    private static func neighbourhood(_ grid: [Double], columns: Int, rows: Int, _ combine: ([Double]) -> Double) -> [Double] {
        var out = grid
        for row in 0..<rows {
            for column in 0..<columns {
                var values: [Double] = []
                for r in max(0, row - 1)...min(rows - 1, row + 1) {
                    for c in max(0, column - 1)...min(columns - 1, column + 1) { values.append(grid[r * columns + c]) }
                }
                out[row * columns + column] = combine(values)
            }
        }
        return out
    }

    /// The side of the blocks inverted or not; each is judged by the median of the three by
    /// three blocks around it, a window taller than a card's largest letters.
    static let groundBlock = 24

    /// Light letters on dark ground turned into dark letters on light, as Tesseract reads best:
    /// each block whose surroundings' median is dark (a dark card, or a coloured band with the
    /// company's name in white) is inverted, the rest left as it is.
    public static func darkOnLight(_ image: GreyImage) -> GreyImage {
        let block = groundBlock
        let columns = (image.width + block - 1) / block
        let rows = (image.height + block - 1) / block
        var out = image.pixels
        var inverted = false
        var histogram = [Int](repeating: 0, count: 256)
        for row in 0..<rows {
            for column in 0..<columns {
                let window = (
                    ys: (max(0, row - 1) * block)..<min(image.height, (row + 2) * block),
                    xs: (max(0, column - 1) * block)..<min(image.width, (column + 2) * block)
                )
                for i in histogram.indices { histogram[i] = 0 }
                for y in window.ys { for x in window.xs { histogram[Int(image.pixels[y * image.width + x])] += 1 } }
                var seen = 0
                var median = 0
                while median < 255 {
                    seen += histogram[median]
                    if seen * 2 >= window.ys.count * window.xs.count { break }
                    median += 1
                }
                guard median < 110 else { continue }
                inverted = true
                for y in (row * block)..<min(image.height, row * block + block) {
                    for x in (column * block)..<min(image.width, column * block + block) {
                        out[y * image.width + x] = 255 - image.pixels[y * image.width + x]
                    }
                }
            }
        }
        return inverted ? GreyImage(width: image.width, height: image.height, pixels: out) : image
    }

    /// The picture turned clockwise by 0, 90, 180 or 270 degrees.
    public static func turned(_ image: GreyImage, clockwise degrees: Int) -> GreyImage {
        switch ((degrees % 360) + 360) % 360 {
        case 90: image.oriented(.right)
        case 180: image.oriented(.down)
        case 270: image.oriented(.left)
        default: image
        }
    }
}

/// A plane projective map (a 3 × 3 matrix with its last entry 1), fitted to four point pairs:
/// how a rectangle looks when photographed at an angle.
struct Homography {
    private let h: [Double]

    /// The map taking each of `from` to the matching point of `to`; nil when three of the
    /// points are on one line.
    init?(from: [Point], to: [Point]) {
        precondition(from.count == 4 && to.count == 4)
        var rows: [[Double]] = []
        for (p, q) in zip(from, to) {
            rows.append([p.x, p.y, 1, 0, 0, 0, -p.x * q.x, -p.y * q.x, q.x])
            rows.append([0, 0, 0, p.x, p.y, 1, -p.x * q.y, -p.y * q.y, q.y])
        }
        guard let solution = Homography.solve(rows) else { return nil }
        h = solution + [1]
    }

    func apply(_ p: Point) -> Point {
        let w = h[6] * p.x + h[7] * p.y + h[8]
        return Point(x: (h[0] * p.x + h[1] * p.y + h[2]) / w, y: (h[3] * p.x + h[4] * p.y + h[5]) / w)
    }

    /// Gaussian elimination with partial pivoting on an n × (n + 1) augmented matrix.
    private static func solve(_ matrix: [[Double]]) -> [Double]? {
        var m = matrix
        let n = m.count
        for column in 0..<n {
            guard let pivot = (column..<n).max(by: { abs(m[$0][column]) < abs(m[$1][column]) }), abs(m[pivot][column]) > 1e-9 else { return nil }
            m.swapAt(column, pivot)
            for row in 0..<n where row != column {
                let factor = m[row][column] / m[column][column]
                if factor != 0 { for k in column...n { m[row][k] -= factor * m[column][k] } }
            }
        }
        return (0..<n).map { m[$0][n] / m[$0][$0] }
    }
}
