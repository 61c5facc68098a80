import Glibc

/// Where a business card lies in a photo. Pure functions on `GreyImage`, each one step:
/// the photo is shrunk to `workingSide` (a card's edge is still sharp there and the search is
/// quick), split into light and dark at Otsu's threshold (a card is lighter or darker than the
/// table it lies on), and the largest region of either kind that is not the table — it does not
/// reach three sides of the photo — and fills most of its quadrilateral is the card. Its corners
/// are the two points of its outline farthest apart (one diagonal) and the point farthest from
/// that diagonal on either side.
public enum CardFinder {
    /// The longer side of the shrunk photo the card is looked for in.
    static let workingSide = 480
    /// A card smaller than this share of the photo is too small to read, or is not the card.
    static let smallestShare = 0.06
    /// The region must cover this share of its quadrilateral: a card with its printing (the
    /// letters are holes in the region) covers 80–95 %; a stain or a hand is far less square.
    static let leastFill = 0.7

    /// The card's four corners in the photo's pixels, clockwise from the top left as the photo
    /// shows it; nil when no region looks like a card.
    public static func corners(in image: GreyImage) -> Quad? {
        guard image.width >= 8, image.height >= 8 else { return nil }
        let (small, scale) = shrunk(image, longSide: workingSide)
        let threshold = otsuThreshold(small.pixels)
        var best: (quad: Quad, area: Int)?
        for light in [true, false] {
            let mask = small.pixels.map { ($0 > threshold) == light }
            for region in regions(mask: mask, width: small.width, height: small.height) {
                guard Double(region.count) >= smallestShare * Double(small.pixels.count), region.count > best?.area ?? 0,
                    sidesTouched(region, width: small.width, height: small.height) < 3,
                    let quad = quadrilateral(outlining: region, width: small.width),
                    Double(region.count) >= leastFill * quad.area
                else { continue }
                best = (light ? widenedOverBands(quad, lightMask: mask, width: small.width, height: small.height) : quad, region.count)
            }
        }
        return best.map { $0.quad.scaled(by: scale) }
    }

    /// How far past a side a band is looked for, as a share of the card's other side.
    static let bandReach = 0.6

    /// The quadrilateral widened over a coloured band along any of its sides. A band as dark as
    /// the table (a company's name in white on blue) is cut off the light region; what gives it
    /// away is light print just outside the side, where a bare table has none. The side is moved
    /// out past the last row with print, and a little more: any table taken in with it is dark
    /// ground like the band, and reads as nothing.
    static func widenedOverBands(_ quad: Quad, lightMask: [Bool], width: Int, height: Int) -> Quad {
        var corners = quad.corners
        let centre = Point(x: corners.map(\.x).reduce(0, +) / 4, y: corners.map(\.y).reduce(0, +) / 4)
        var moves: [(side: Int, by: Point)] = []
        for side in 0..<4 {
            let a = corners[side]
            let b = corners[(side + 1) % 4]
            let length = a.distance(to: b)
            let across = b.distance(to: corners[(side + 2) % 4])
            guard length > 8, across > 8 else { continue }
            var normal = Point(x: (b.y - a.y) / length, y: -(b.x - a.x) / length)
            let middle = Point(x: (a.x + b.x) / 2, y: (a.y + b.y) / 2)
            if (middle.x - centre.x) * normal.x + (middle.y - centre.y) * normal.y < 0 { normal = Point(x: -normal.x, y: -normal.y) }
            var lastPrint = 0
            var printed = 0
            let samples = Int(length * 0.9)
            for step in 3...max(3, Int(across * bandReach)) {
                var count = 0
                for i in 0..<samples {
                    let t = 0.05 + 0.9 * Double(i) / Double(max(1, samples - 1))
                    let x = Int((a.x + (b.x - a.x) * t + normal.x * Double(step)).rounded())
                    let y = Int((a.y + (b.y - a.y) * t + normal.y * Double(step)).rounded())
                    guard x >= 0, y >= 0, x < width, y < height else { continue }
                    if lightMask[y * width + x] { count += 1 }
                }
                if count >= 2 { lastPrint = step }
                printed += count
            }
            // Print covers a few per cent of a band; a bare table's noise, almost nothing.
            guard lastPrint > 0, Double(printed) >= 0.01 * Double(samples) * Double(lastPrint) else { continue }
            let reach = Double(lastPrint) + 0.08 * across
            moves.append((side, Point(x: normal.x * reach, y: normal.y * reach)))
        }
        for (side, by) in moves {
            for corner in [side, (side + 1) % 4] {
                corners[corner] = Point(x: corners[corner].x + by.x, y: corners[corner].y + by.y)
            }
        }
        return Quad(topLeft: corners[0], topRight: corners[1], bottomRight: corners[2], bottomLeft: corners[3])
    }

    /// The picture shrunk by a whole factor so its longer side is at most `longSide`, each pixel
    /// the mean of its block (which also smooths the sensor's noise), and the factor.
    static func shrunk(_ image: GreyImage, longSide: Int) -> (GreyImage, Double) {
        let factor = max(1, (max(image.width, image.height) + longSide - 1) / longSide)
        guard factor > 1 else { return (image, 1) }
        let width = image.width / factor
        let height = image.height / factor
        var out = [UInt8](repeating: 0, count: width * height)
        image.pixels.withUnsafeBufferPointer { source in
            var sums = [Int](repeating: 0, count: width)
            for y in 0..<height {
                for i in sums.indices { sums[i] = 0 }
                for row in (y * factor)..<(y * factor + factor) {
                    let base = row * image.width
                    for x in 0..<(width * factor) { sums[x / factor] += Int(source[base + x]) }
                }
                for x in 0..<width { out[y * width + x] = UInt8(sums[x] / (factor * factor)) }
            }
        }
        return (GreyImage(width: width, height: height, pixels: out), Double(factor))
    }

    /// Otsu's threshold: the grey level that best splits the pixels into two classes (the one
    /// that maximises the variance between their means). Pixels above it are "light".
    static func otsuThreshold(_ pixels: [UInt8]) -> UInt8 {
        var histogram = [Int](repeating: 0, count: 256)
        for pixel in pixels { histogram[Int(pixel)] += 1 }
        let total = Double(pixels.count)
        let sum = histogram.enumerated().reduce(0.0) { $0 + Double($1.offset * $1.element) }
        var below = 0.0
        var belowSum = 0.0
        var best = (level: 0, variance: -1.0)
        for level in 0..<255 {
            below += Double(histogram[level])
            belowSum += Double(level * histogram[level])
            let above = total - below
            guard below > 0, above > 0 else { continue }
            let difference = belowSum / below - (sum - belowSum) / above
            let variance = below * above * difference * difference
            if variance > best.variance { best = (level, variance) }
        }
        return UInt8(best.level)
    }

    /// The 4-connected regions of `true` pixels, each as its pixel indices.
    static func regions(mask: [Bool], width: Int, height: Int) -> [[Int]] {
        var seen = [Bool](repeating: false, count: mask.count)
        var found: [[Int]] = []
        var stack: [Int] = []
        for start in mask.indices where mask[start] && !seen[start] {
            var region: [Int] = []
            seen[start] = true
            stack.append(start)
            while let index = stack.popLast() {
                region.append(index)
                let x = index % width
                let neighbours = [x > 0 ? index - 1 : -1, x + 1 < width ? index + 1 : -1, index - width, index + width]
                for next in neighbours where next >= 0 && next < mask.count && mask[next] && !seen[next] {
                    seen[next] = true
                    stack.append(next)
                }
            }
            found.append(region)
        }
        return found
    }

    /// How many of the picture's four sides the region reaches: the table reaches all four, a
    /// card photographed close may run off one or two.
    static func sidesTouched(_ region: [Int], width: Int, height: Int) -> Int {
        var sides = Set<Int>()
        for index in region {
            let x = index % width
            let y = index / width
            if x == 0 { sides.insert(0) }
            if y == 0 { sides.insert(1) }
            if x == width - 1 { sides.insert(2) }
            if y == height - 1 { sides.insert(3) }
        }
        return sides.count
    }

    /// The quadrilateral around a region: its convex hull's two farthest points are one
    /// diagonal, and the hull points farthest from that diagonal on either side the other two
    /// corners. Nil when the region is flat (all on a line).
    static func quadrilateral(outlining region: [Int], width: Int) -> Quad? {
        let hull = convexHull(region.map { Point(x: Double($0 % width), y: Double($0 / width)) })
        guard hull.count >= 4 else { return nil }
        var diagonal = (hull[0], hull[0], -1.0)
        for i in hull.indices {
            for j in (i + 1)..<hull.count {
                let distance = hull[i].distanceSquared(to: hull[j])
                if distance > diagonal.2 { diagonal = (hull[i], hull[j], distance) }
            }
        }
        let (a, c, _) = diagonal
        let side = { (p: Point) in (c.x - a.x) * (p.y - a.y) - (c.y - a.y) * (p.x - a.x) }
        guard let b = hull.max(by: { side($0) < side($1) }), let d = hull.min(by: { side($0) < side($1) }),
            side(b) > 0, side(d) < 0
        else { return nil }
        return Quad(unordered: [a, b, c, d])
    }

    /// The convex hull (Andrew's monotone chain), clockwise as the picture shows it. Only each
    /// row's leftmost and rightmost points can be on it, so the others are dropped first.
    static func convexHull(_ points: [Point]) -> [Point] {
        var ends: [Double: (Point, Point)] = [:]
        for point in points {
            let current = ends[point.y] ?? (point, point)
            ends[point.y] = (point.x < current.0.x ? point : current.0, point.x > current.1.x ? point : current.1)
        }
        let sorted = Set(ends.values.flatMap { [$0.0, $0.1] }).sorted { ($0.x, $0.y) < ($1.x, $1.y) }
        guard sorted.count >= 3 else { return sorted }
        func cross(_ o: Point, _ a: Point, _ b: Point) -> Double { (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x) }
        var lower: [Point] = []
        for point in sorted {
            while lower.count >= 2, cross(lower[lower.count - 2], lower[lower.count - 1], point) <= 0 { lower.removeLast() }
            lower.append(point)
        }
        var upper: [Point] = []
        for point in sorted.reversed() {
            while upper.count >= 2, cross(upper[upper.count - 2], upper[upper.count - 1], point) <= 0 { upper.removeLast() }
            upper.append(point)
        }
        return Array(lower.dropLast() + upper.dropLast())
    }
}

/// A point in a picture's pixels (x to the right, y down).
public struct Point: Sendable, Equatable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    func distanceSquared(to other: Point) -> Double { (x - other.x) * (x - other.x) + (y - other.y) * (y - other.y) }
    func distance(to other: Point) -> Double { distanceSquared(to: other).squareRoot() }
}

/// Four corners, clockwise from the top left as the picture shows them.
public struct Quad: Sendable, Equatable {
    public var topLeft: Point
    public var topRight: Point
    public var bottomRight: Point
    public var bottomLeft: Point

    public init(topLeft: Point, topRight: Point, bottomRight: Point, bottomLeft: Point) {
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomRight = bottomRight
        self.bottomLeft = bottomLeft
    }

    /// Four corners in any order: sorted by their angle around the centre (clockwise on the
    /// screen, since y grows down), starting from the one nearest the picture's top left.
    init(unordered points: [Point]) {
        let centre = Point(x: points.map(\.x).reduce(0, +) / 4, y: points.map(\.y).reduce(0, +) / 4)
        var sorted = points.sorted { atan2($0.y - centre.y, $0.x - centre.x) < atan2($1.y - centre.y, $1.x - centre.x) }
        let first = sorted.indices.min { sorted[$0].x + sorted[$0].y < sorted[$1].x + sorted[$1].y } ?? 0
        sorted = Array(sorted[first...] + sorted[..<first])
        self.init(topLeft: sorted[0], topRight: sorted[1], bottomRight: sorted[2], bottomLeft: sorted[3])
    }

    var corners: [Point] { [topLeft, topRight, bottomRight, bottomLeft] }

    /// The area inside (the shoelace formula).
    var area: Double {
        let c = corners
        var twice = 0.0
        for i in 0..<4 { twice += c[i].x * c[(i + 1) % 4].y - c[(i + 1) % 4].x * c[i].y }
        return abs(twice) / 2
    }

    /// The mean lengths of the top and bottom sides, and of the left and right ones.
    var sideLengths: (width: Double, height: Double) {
        (
            (topLeft.distance(to: topRight) + bottomLeft.distance(to: bottomRight)) / 2,
            (topLeft.distance(to: bottomLeft) + topRight.distance(to: bottomRight)) / 2
        )
    }

    /// The corners of the same shape in a picture `factor` times larger (a pixel's centre moves
    /// with it: pixel 0 of a 4× shrunk picture covers pixels 0...3).
    func scaled(by factor: Double) -> Quad {
        let s = { (p: Point) in Point(x: (p.x + 0.5) * factor - 0.5, y: (p.y + 0.5) * factor - 0.5) }
        return Quad(topLeft: s(topLeft), topRight: s(topRight), bottomRight: s(bottomRight), bottomLeft: s(bottomLeft))
    }
}
