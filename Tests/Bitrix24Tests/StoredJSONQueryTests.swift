@testable import Bitrix24
import Foundation
import LeadCore
import Testing

/// The byte-level path from stored JSON to a batch command must give exactly the pairs the
/// decoding path gives, for any value, and never crash on text it cannot use.
@Suite struct StoredJSONQueryTests {
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state
        }
    }

    static let pieces = ["a", "Иван", "🙂", "&=+#%", "[x]", "\"q\"", "\\", "\n\r\t", "\u{1}\u{7F}", " ", "ё", "O'Neil", ""]

    func randomText(_ random: inout Seeded) -> String {
        (0..<Int.random(in: 0...4, using: &random)).map { _ in Self.pieces.randomElement(using: &random)! }.joined()
    }

    func randomValue(_ random: inout Seeded, depth: Int) -> JSONValue {
        switch Int.random(in: 0...(depth > 2 ? 3 : 6), using: &random) {
        case 0, 1: return .string(randomText(&random))
        case 2: return .bool(Bool.random(using: &random))
        case 3: return .null
        case 4: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in randomValue(&random, depth: depth + 1) })
        default: return .object(randomObject(&random, depth: depth + 1))
        }
    }

    func randomObject(_ random: inout Seeded, depth: Int) -> [String: JSONValue] {
        var object: [String: JSONValue] = [:]
        for _ in 0..<Int.random(in: 0...4, using: &random) {
            let key = ["TITLE", "NAME", "PHONE", "UF_CRM_1", "ORIGIN_ID", "ORIGINATOR_ID", "VALUE", "a b", "Z"].randomElement(using: &random)!
            object[key] = randomValue(&random, depth: depth)
        }
        return object
    }

    /// What the command was before stored text was used: decode, sort, flatten.
    func decodedCommand(_ fields: [String: JSONValue], _ options: [String: JSONValue], originID: String) -> String {
        var pairs: [String] = []
        for name in fields.keys.sorted() where name != "ORIGINATOR_ID" && name != "ORIGIN_ID" {
            pairs += PHPQuery.pairs("fields[\(PHPQuery.encode(name))]", fields[name]!)
        }
        pairs += ["fields[ORIGINATOR_ID]=app", "fields[ORIGIN_ID]=\(PHPQuery.encode(originID))"]
        for name in options.keys.sorted() { pairs += PHPQuery.pairs("params[\(PHPQuery.encode(name))]", options[name]!) }
        return "crm.lead.add?" + pairs.joined(separator: "&")
    }

    @Test func storedTextGivesTheSameCommandAsDecoding() {
        var random = Seeded(state: 42)
        for _ in 0..<500 {
            let fields = randomObject(&random, depth: 0)
            let options = randomObject(&random, depth: 2)
            let submission = LeadSubmission(localID: 1, originID: "u-1", fields: fields, options: options)
            var direct: [UInt8] = []
            #expect(StoredJSONQuery.appendPairs(of: submission.fieldsText, prefix: "fields", to: &direct), "\(submission.fieldsText)")
            #expect(submission.batchCommand(originatorID: "app") == decodedCommand(fields, options, originID: "u-1"), "\(submission.fieldsText)")
        }
    }

    /// The batch body written straight from the command bytes is byte for byte the JSON the
    /// general writer makes of the same commands, with and without an OAuth token.
    @Test func theBatchBodyIsTheJSONOfItsCommands() {
        var random = Seeded(state: 7)
        for round in 0..<60 {
            let submissions = (0..<Int.random(in: 1...50, using: &random)).map {
                LeadSubmission(localID: Int64($0 * 7 + round), originID: "u-\($0)", fields: randomObject(&random, depth: 0), options: randomObject(&random, depth: 2))
            }
            let commands = submissions.map { (key: $0.batchKey, command: $0.batchCommandBytes(originatorID: "app")) }
            let general = Dictionary(uniqueKeysWithValues: submissions.map { ($0.batchKey, JSONValue.string($0.batchCommand(originatorID: "app"))) })
            for auth in [nil, "tok\"en/\u{1}"] as [String?] {
                var params: [String: JSONValue] = ["cmd": .object(general), "halt": 0]
                if let auth { params["auth"] = .string(auth) }
                #expect(RequestBody.batch(commands: commands).json(auth: auth) == Array(JSONValue.object(params).compactText.utf8))
            }
        }
    }

    @Test func numbersUnsortedKeysAndBrokenTextTakeTheDecodingPath() {
        var out: [UInt8] = []
        #expect(!StoredJSONQuery.appendPairs(of: #"{"N":2.50}"#, prefix: "fields", to: &out))
        #expect(!StoredJSONQuery.appendPairs(of: #"{"B":"1","A":"2"}"#, prefix: "fields", to: &out))
        #expect(out.isEmpty)
        let unsorted = LeadSubmission(localID: 1, originID: "u", fieldsText: #"{"TITLE":"T","NAME":"N","N":2.5}"#)
        #expect(unsorted.batchCommand(originatorID: "app") == "crm.lead.add?fields[N]=2.5&fields[NAME]=N&fields[TITLE]=T&fields[ORIGINATOR_ID]=app&fields[ORIGIN_ID]=u")
        let text = JSONValue.object(["TITLE": "Тест \"1\"", "PHONE": [["VALUE": "+7", "VALUE_TYPE": "WORK"]]]).compactText
        for cut in 0..<text.utf8.count {
            var partial: [UInt8] = []
            _ = StoredJSONQuery.appendPairs(of: String(decoding: Array(text.utf8).prefix(cut), as: UTF8.self), prefix: "fields", to: &partial)
        }
    }

    @Test func escapedUnicodeAndSurrogatesDecode() {
        var out: [UInt8] = []
        #expect(StoredJSONQuery.appendPairs(of: #"{"A":"\u0418\ud83d\ude42\/"}"#, prefix: "f", to: &out))
        #expect(String(decoding: out, as: UTF8.self) == "f[A]=%D0%98%F0%9F%99%82%2F")
    }
}

extension LeadSubmission {
    /// The batch command as text, to compare with what a test expects.
    func batchCommand(originatorID: String) -> String {
        String(decoding: batchCommandBytes(originatorID: originatorID), as: UTF8.self)
    }
}
