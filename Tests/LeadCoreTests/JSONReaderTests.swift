import Foundation
import Testing

@testable import LeadCore

/// `JSONReader` against Foundation's `JSONSerialization` (which it replaced on the hot path): the
/// same values for the portal's recorded answers and for random documents, the same refusals for
/// what is not JSON, and no crash or hang on random or cut-off bytes.
@Suite struct JSONReaderTests {
    /// What `JSONSerialization` reads, as a `JSONValue` (the conversion the reader replaced).
    static func foundation(_ data: Data) -> JSONValue? {
        guard let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        return convert(object)
    }

    static func convert(_ object: Any) -> JSONValue {
        switch object {
        case let string as String: return .string(string)
        case let dictionary as [String: Any]: return .object(dictionary.mapValues(convert))
        case let array as [Any]: return .array(array.map(convert))
        case let number as NSNumber:
            return String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        default: return .null
        }
    }

    /// Equal, numbers within a part in 10¹²: Foundation's reader on Linux is off in the last
    /// digits of long decimals (`1.776854038238526` for `1.7768540382385254`), this one rounds
    /// correctly (`Double(String)`).
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x == y || abs(x - y) <= 1e-12 * max(abs(x), abs(y))
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.object(let x), .object(let y)): return x.count == y.count && x.allSatisfy { key, value in y[key].map { same(value, $0) } ?? false }
        default: return a == b
        }
    }

    static let recorded = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Bitrix24Tests/Recorded")

    @Test func everyRecordedPortalAnswerReadsAsFoundationReadsIt() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.recorded.path).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 30)
        for file in files {
            let data = try Data(contentsOf: Self.recorded.appendingPathComponent(file))
            let mine = try #require(JSONValue.parse(data), "\(file)")
            let theirs = try #require(Self.foundation(data), "\(file)")
            #expect(Self.same(mine, theirs), "\(file)")
        }
    }

    @Test(arguments: [
        ("{\"a\":[1,2.5,-3e2,true,false,null],\"b\":{}}", true),
        ("  \"text\" ", true), ("42", true), ("-0", true), ("1E+2", true), ("[]", true),
        ("\"\\u00e9\\u0416\\ud83d\\ude00\\n\\t\\\"\\\\\\/\"", true),
        ("{\"ID\":\"5\",\"ID\":\"6\"}", true),
        ("[1,]", true), ("{\"a\":1,}", true),
        ("", false), ("   ", false), ("{", false), ("[,]", false), ("{,}", false), ("[1,,]", false), ("01", false),
        ("1.", false), (".5", false), ("-", false), ("1e", false), ("tru", false), ("nul", false),
        ("\"abc", false), ("\"a\u{01}b\"", false), ("\"\\x\"", false), ("\"\\u12\"", false), ("[1] 2", false),
        ("{a:1}", false), ("{'a':1}", false), ("// c\n1", false), ("[1 2]", false), ("{\"a\" 1}", false),
    ])
    func agreesWithFoundationOnSmallDocuments(_ text: String, _ valid: Bool) {
        let data = Data(text.utf8)
        let mine = JSONValue.parse(data)
        #expect((mine != nil) == valid, "\(text)")
        #expect(mine == Self.foundation(data), "\(text)")
    }

    @Test func escapesAndPairsDecode() {
        #expect(JSONValue.parse(Data("\"caf\\u00e9 \\ud83d\\ude00\"".utf8)) == .string("café 😀"))
        // A lone surrogate is repaired rather than losing the whole answer.
        #expect(JSONValue.parse(Data("\"a\\ud800b\"".utf8)) == .string("a\u{FFFD}b"))
        #expect(JSONValue.parse(Data("\"\\ud800\\u0041\"".utf8)) == .string("\u{FFFD}A"))
        #expect(JSONValue.parse(Data("\u{FEFF}{\"rate\": 2}".utf8)) == .object(["rate": .number(2)]))
        #expect(JSONValue.parse(Data("12345678901234567890".utf8)) == .number(12_345_678_901_234_567_890))
        #expect(JSONValue.parse(Data("1e400".utf8)) == nil)
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(JSONValue.parse(Data(deep.utf8)) == nil)
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(JSONValue.parse(Data(fine.utf8)) != nil)
    }

    /// Random documents (seeded): the reader returns exactly the value that was written, and
    /// Foundation reads the same text to the same value.
    @Test func randomDocumentsRoundTrip() {
        var random = SeededRandom(seed: 0x150_11)
        for _ in 0..<400 {
            let value = Self.randomValue(&random, depth: 0)
            let text = value.compactText
            let data = Data(text.utf8)
            #expect(JSONValue.parse(data) == value, "\(text)")
            #expect(Self.foundation(data) == value, "\(text)")
        }
    }

    /// Random bytes, cut-off and mutated documents: never a crash or a hang, and a verdict that
    /// matches Foundation's on ASCII input.
    @Test func truncatedAndMutatedInputNeverCrashes() throws {
        var random = SeededRandom(seed: 0xF022)
        let answer = try Data(contentsOf: Self.recorded.appendingPathComponent("batch__crm.lead.list__result_next_result_total.json"))
        for cut in stride(from: 0, to: answer.count, by: max(1, answer.count / 200)) {
            let prefix = answer.prefix(cut)
            #expect(JSONValue.parse(prefix) == Self.foundation(prefix))
        }
        let alphabet = Array("{}[]\",:0123456789.eE+-truefalsn \\u\n".utf8)
        for _ in 0..<3_000 {
            var bytes = Array(Self.randomValue(&random, depth: 0).compactText.utf8)
            for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[at] = alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet.randomElement(using: &random)!, at: at)
                }
            }
            let data = Data(bytes)
            let mine = JSONValue.parse(data)
            if bytes.allSatisfy({ $0 < 0x80 }) {
                #expect((mine != nil) == (Self.foundation(data) != nil), "\(String(decoding: bytes, as: UTF8.self))")
            }
        }
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            _ = JSONValue.parse(Data(bytes))
        }
    }

    /// Members skipped while reading are exactly the members left out of the full reading, at
    /// any depth, and the verdict on any text (cut, mutated, random) is the full reading's.
    @Test func skippedMembersAreLeftOutAndCheckedAsStrictly() throws {
        let skipping: Set<String> = ["a", "", "Z", "start", "date_start", "result_total"]
        func without(_ value: JSONValue) -> JSONValue {
            switch value {
            case .object(let members): return .object(members.filter { !skipping.contains($0.key) }.mapValues(without))
            case .array(let items): return .array(items.map(without))
            default: return value
            }
        }
        var random = SeededRandom(seed: 0x5419)
        for _ in 0..<2_000 {
            var bytes = Array(Self.randomValue(&random, depth: 0).compactText.utf8)
            #expect(JSONValue.parse(bytes, skipping: skipping) == JSONValue.parse(bytes).map(without), "\(String(decoding: bytes, as: UTF8.self))")
            for _ in 0..<Int.random(in: 0...3, using: &random) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                bytes[at] = Array("{}[]\",:0a.e-Ztn\\u ".utf8).randomElement(using: &random)!
            }
            #expect(
                (JSONValue.parse(bytes, skipping: skipping) != nil) == (JSONValue.parse(bytes) != nil), "\(String(decoding: bytes, as: UTF8.self))")
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.recorded.path) where name.hasSuffix(".json") {
            let bytes = Array(try Data(contentsOf: Self.recorded.appendingPathComponent(name)))
            #expect(JSONValue.parse(bytes, skipping: skipping) == JSONValue.parse(bytes).map(without), "\(name)")
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 50)) {
                #expect((JSONValue.parse(Array(bytes.prefix(cut)), skipping: skipping) != nil) == (JSONValue.parse(Array(bytes.prefix(cut))) != nil))
            }
        }
    }

    /// A skipped numeral is not converted when it cannot overflow; near and past the largest
    /// double the verdict is still the full reading's (strtod's), in a skipped member as elsewhere.
    @Test func skippedNumeralsGetTheFullReadingsVerdictAtTheEdgeOfOverflow() {
        let numerals = [
            "0", "-0.5", "1796186193.2600513", "4.076957702636719e-05", "123e305", "1797e305", "17977e304",
            "-17977e304", "1e308", "1e309", "0.0001e312", "1e400", "12345678901234567890123e286", "1e-400", "1.5E+3",
        ]
        for numeral in numerals {
            let full = JSONValue.parse(Array("{\"start\":\(numeral),\"b\":1}".utf8))
            let skipped = JSONValue.parse(Array("{\"start\":\(numeral),\"b\":1}".utf8), skipping: ["start"])
            #expect((full != nil) == (skipped != nil), "\(numeral)")
            if full != nil { #expect(skipped == .object(["b": .number(1)]), "\(numeral)") }
        }
        #expect(JSONValue.parse(Array(#"{"start":17977e304}"#.utf8), skipping: ["start"]) == nil)
        #expect(JSONValue.parse(Array(#"{"start":1797e305}"#.utf8), skipping: ["start"]) != nil)
    }

    static func randomValue(_ random: inout SeededRandom, depth: Int) -> JSONValue {
        let pick = depth > 3 ? Int.random(in: 0..<4, using: &random) : Int.random(in: 0..<6, using: &random)
        switch pick {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2:
            return Bool.random(using: &random)
                ? .number(Double(Int.random(in: -1_000_000...1_000_000, using: &random)))
                : .number(Double(Int.random(in: -99_999...99_999, using: &random)) / 8)
        case 3: return .string(randomString(&random))
        case 4: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) { members[randomString(&random)] = randomValue(&random, depth: depth + 1) }
            return .object(members)
        }
    }

    static func randomString(_ random: inout SeededRandom) -> String {
        let pieces = ["a", "Z", "7", " ", "\"", "\\", "/", "\n", "\t", "\u{01}", "é", "Ж", "😀", "—", "<br>", "&amp;"]
        return (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }

    /// Every numeral reads as exactly the double Swift's own correctly rounded conversion gives,
    /// whichever path it takes (the exact fast path, or strtod): seeded numerals of every shape.
    @Test func numbersReadExactlyAsTheCorrectlyRoundedConversion() {
        var random = SeededRandom(seed: 53)
        func digits(_ count: Int) -> String { String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) }) }
        for _ in 0..<20_000 {
            var text = Bool.random(using: &random) ? "-" : ""
            let whole = Int.random(in: 0...20, using: &random)
            text += whole == 0 ? "0" : String(Int.random(in: 1...9, using: &random)) + digits(whole - 1)
            if Bool.random(using: &random) { text += "." + digits(Int.random(in: 1...22, using: &random)) }
            if Int.random(in: 0..<4, using: &random) == 0 {
                text +=
                    (Bool.random(using: &random) ? "e" : "E") + ["", "+", "-"].randomElement(using: &random)!
                    + String(Int.random(in: 0...30, using: &random))
            }
            let expected = Double(text)!
            guard case .number(let read)? = JSONValue.parse(Data(text.utf8)) else {
                Issue.record("\(text) did not read as a number")
                continue
            }
            #expect(read.bitPattern == expected.bitPattern, "\(text)")
        }
    }
}
