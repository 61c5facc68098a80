import LeadCore
import Testing

@testable import BadgeImage

/// The card finder on pictures drawn here with known geometry: a light card with dark "print"
/// on a darker, noisy table (and the reverse), turned and in perspective.
@Suite struct CardFinderTests {
    /// A `width` × `height` photo: table grey `table` with seeded noise, the quadrilateral
    /// `card` filled with `paper`, and dark bars inside it as lines of print.
    static func photo(width: Int, height: Int, card: Quad, table: UInt8 = 70, paper: UInt8 = 225, seed: UInt64 = 21) -> GreyImage {
        var random = SeededRandom(seed: seed)
        var pixels = [UInt8](repeating: 0, count: width * height)
        let corners = card.corners
        let print = Homography(
            from: [Point(x: 0, y: 0), Point(x: 1, y: 0), Point(x: 1, y: 1), Point(x: 0, y: 1)], to: corners)!
        for y in 0..<height {
            for x in 0..<width {
                let noise = Int.random(in: -12...12, using: &random)
                let inside = contains(corners, Point(x: Double(x), y: Double(y)))
                pixels[y * width + x] = UInt8(clamping: Int(inside ? paper : table) + noise)
            }
        }
        // Lines of print: bars at a fifth to four fifths across, every tenth of the card's height.
        for line in stride(from: 0.2, to: 0.85, by: 0.1) {
            for step in 0..<2000 {
                let u = 0.15 + 0.6 * Double(step) / 2000
                for thickness in 0..<12 {
                    let p = print.apply(Point(x: u, y: line + Double(thickness) * 0.001))
                    let x = Int(p.x)
                    let y = Int(p.y)
                    if x >= 0, y >= 0, x < width, y < height { pixels[y * width + x] = 30 }
                }
            }
        }
        return GreyImage(width: width, height: height, pixels: pixels)
    }

    /// Whether `point` is inside the convex polygon `corners` (clockwise on the screen).
    static func contains(_ corners: [Point], _ point: Point) -> Bool {
        for i in 0..<corners.count {
            let a = corners[i]
            let b = corners[(i + 1) % corners.count]
            if (b.x - a.x) * (point.y - a.y) - (b.y - a.y) * (point.x - a.x) < 0 { return false }
        }
        return true
    }

    static func rotated(_ points: [Point], by degrees: Double, around centre: Point) -> [Point] {
        let angle = degrees * Double.pi / 180
        return points.map {
            Point(
                x: centre.x + ($0.x - centre.x) * cos(angle) - ($0.y - centre.y) * sin(angle),
                y: centre.y + ($0.x - centre.x) * sin(angle) + ($0.y - centre.y) * cos(angle))
        }
    }

    static func expectNear(_ found: Quad?, _ expected: Quad, within tolerance: Double, _ label: String) {
        guard let found else {
            Issue.record("\(label): no card found")
            return
        }
        for (f, e) in zip(found.corners, expected.corners) {
            #expect(f.distance(to: e) <= tolerance, "\(label): corner \(f) is not near \(e)")
        }
    }

    @Test(arguments: [
        // (skew in degrees, perspective: how much the far side is narrower, as a share)
        (0.0, 0.0), (8.0, 0.0), (-14.0, 0.05), (25.0, 0.08), (-35.0, 0.0),
    ])
    func findsATurnedCardInPerspective(skew: Double, narrowing: Double) {
        let (width, height) = (1600, 1200)
        let centre = Point(x: 800, y: 620)
        let (w, h) = (1000.0, 650.0)
        var flat = [
            Point(x: centre.x - w / 2, y: centre.y - h / 2), Point(x: centre.x + w / 2, y: centre.y - h / 2),
            Point(x: centre.x + w / 2, y: centre.y + h / 2), Point(x: centre.x - w / 2, y: centre.y + h / 2),
        ]
        flat[0].x += w * narrowing
        flat[1].x -= w * narrowing
        let turned = Self.rotated(flat, by: skew, around: centre)
        let expected = Quad(unordered: turned)
        let image = Self.photo(width: width, height: height, card: expected)
        // The search runs at a third of the size here: a corner is right to within a few of its pixels.
        Self.expectNear(CardFinder.corners(in: image), expected, within: 14, "skew \(skew)°, narrowing \(narrowing)")
    }

    @Test func findsADarkCardOnALightTable() {
        let expected = Quad(
            topLeft: Point(x: 200, y: 150), topRight: Point(x: 1000, y: 190), bottomRight: Point(x: 980, y: 700), bottomLeft: Point(x: 180, y: 660))
        let image = Self.photo(width: 1200, height: 900, card: expected, table: 200, paper: 50)
        Self.expectNear(CardFinder.corners(in: image), expected, within: 12, "dark card")
    }

    @Test func aPhotoWithoutACardHasNoCorners() {
        var random = SeededRandom(seed: 7)
        let noise = GreyImage(width: 640, height: 480, pixels: (0..<(640 * 480)).map { _ in UInt8.random(in: 0...255, using: &random) })
        #expect(CardFinder.corners(in: noise) == nil)
        #expect(CardFinder.corners(in: GreyImage(width: 640, height: 480, pixels: [UInt8](repeating: 128, count: 640 * 480))) == nil)
        #expect(CardFinder.corners(in: GreyImage(width: 3, height: 3, pixels: [UInt8](repeating: 0, count: 9))) == nil)
    }

    /// Seeded random pictures of every shape, thin ones too, blank, noisy and striped: the finder
    /// answers nothing or four corners inside the picture, and the card steps never trap.
    @Test func anyPictureGivesCornersInsideItOrNone() {
        var random = SeededRandom(seed: 2121)
        for round in 0..<60 {
            let width = Int.random(in: 1...200, using: &random)
            let height = Int.random(in: 1...200, using: &random)
            let kind = round % 3
            let pixels = (0..<(width * height)).map { index -> UInt8 in
                switch kind {
                case 0: UInt8.random(in: 0...255, using: &random)
                case 1: (index % width) / 7 % 2 == 0 ? 20 : 230
                default: UInt8(index * 255 / max(1, width * height - 1))
                }
            }
            let image = GreyImage(width: width, height: height, pixels: pixels)
            let corners = CardFinder.corners(in: image)
            for corner in corners?.corners ?? [] {
                #expect(
                    corner.x >= -1 && corner.y >= -1 && corner.x <= Double(width) && corner.y <= Double(height) + 1, "\(width)×\(height): \(corner)")
            }
            let card = CardPhoto.prepared(image, corners: corners)
            #expect(card.width > 0 && card.pixels.count == card.width * card.height)
        }
    }

    @Test func otsuSplitsTwoPeaks() {
        let pixels = [UInt8](repeating: 40, count: 500) + [UInt8](repeating: 200, count: 300) + [UInt8](repeating: 45, count: 100)
        let threshold = CardFinder.otsuThreshold(pixels)
        #expect(threshold >= 45 && threshold < 200)
    }

    @Test func homographyMapsTheCornersExactly() throws {
        let from = [Point(x: 0, y: 0), Point(x: 99, y: 0), Point(x: 99, y: 63), Point(x: 0, y: 63)]
        let to = [Point(x: 12, y: 30), Point(x: 300, y: 10), Point(x: 320, y: 220), Point(x: 5, y: 200)]
        let map = try #require(Homography(from: from, to: to))
        for (p, q) in zip(from, to) { #expect(map.apply(p).distance(to: q) < 1e-6) }
        #expect(Homography(from: from, to: [to[0], to[0], to[0], to[0]]) == nil)
    }

    @Test func squaringUndoesPerspective() {
        let quad = Quad(
            topLeft: Point(x: 300, y: 200), topRight: Point(x: 1300, y: 260), bottomRight: Point(x: 1280, y: 900), bottomLeft: Point(x: 320, y: 860))
        let image = Self.photo(width: 1600, height: 1200, card: quad)
        let card = CardImage.squared(image, quad: quad)
        #expect(max(card.width, card.height) == CardImage.longSide)
        #expect(card.width > card.height)
        // The print's first line (a fifth down, from 15 % to 75 % across) is straight and level
        // in the squared card: dark along its whole length, paper just above it.
        let row = Int(0.2 * Double(card.height)) + 2
        let dark = (Int(0.2 * Double(card.width))..<Int(0.7 * Double(card.width))).filter { card.pixels[row * card.width + $0] < 120 }.count
        #expect(Double(dark) > 0.9 * 0.5 * Double(card.width), "the print line is broken: \(dark) dark pixels")
        let above = row - 14
        let paperDark = (Int(0.2 * Double(card.width))..<Int(0.7 * Double(card.width))).filter { card.pixels[above * card.width + $0] < 120 }.count
        #expect(paperDark < 10)
    }

    @Test func evenLightFlattensAShadedPage() {
        let (width, height) = (600, 400)
        // Paper lit from 100 on the left to 240 on the right, with dark print every 40 rows.
        let pixels = (0..<(width * height)).map { index -> UInt8 in
            let x = index % width
            let y = index / width
            let paper = 100 + 140 * Double(x) / Double(width)
            return UInt8(y % 40 < 3 ? paper * 0.25 : paper)
        }
        let even = CardImage.evenlyLit(GreyImage(width: width, height: height, pixels: pixels))
        let left = even.pixels[220 * width + 40]
        let right = even.pixels[220 * width + 560]
        #expect(left > 230 && right > 230, "paper left \(left), right \(right)")
        #expect(even.pixels[(40 * 5 + 1) * width + 40] < 100, "print stays dark")
    }

    @Test func darkGroundIsInverted() {
        let dark = GreyImage(width: 4, height: 1, pixels: [20, 30, 240, 25])
        #expect(CardImage.darkOnLight(dark).pixels == [235, 225, 15, 230])
        let light = GreyImage(width: 3, height: 1, pixels: [200, 30, 240])
        #expect(CardImage.darkOnLight(light) == light)
        // A card with a dark band over its top quarter, white letters in it: the band is
        // inverted (its letters now dark), the white card below is not.
        let (width, height) = (480, 320)
        let banded = GreyImage(
            width: width, height: height,
            pixels: (0..<(width * height)).map { index in
                let (x, y) = (index % width, index / width)
                return y < 80 ? (y > 30 && y < 40 && x % 20 < 10 ? 250 : 60) : (y > 200 && y < 210 && x % 20 < 10 ? 20 : 235)
            })
        let turned = CardImage.darkOnLight(banded)
        #expect(turned.pixels[10 * width + 100] == 195, "band ground")
        #expect(turned.pixels[35 * width + 5] == 5, "band letter")
        #expect(turned.pixels[150 * width + 100] == 235, "card ground")
        #expect(turned.pixels[205 * width + 5] == 20, "card print")
    }

    @Test func turnsComposeWithTheirInverse() {
        let image = GreyImage(width: 3, height: 2, pixels: [1, 2, 3, 4, 5, 6])
        #expect(CardImage.turned(image, clockwise: 90).pixels == [4, 1, 5, 2, 6, 3])
        #expect(CardImage.turned(CardImage.turned(image, clockwise: 90), clockwise: 270) == image)
        #expect(CardImage.turned(image, clockwise: 180).pixels == [6, 5, 4, 3, 2, 1])
    }
}

#if canImport(Glibc)
    import Glibc
#endif
