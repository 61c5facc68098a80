import Foundation
import LeadCore
import Testing

@testable import Bitrix24

/// A lead's batch command and the batch body, from the outbox's stored JSON.
@Suite struct LeadSubmissionTests {
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
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

    /// The command as the portal's PHP reads it back: fields by name, then the dedupe pair (a
    /// stored ORIGIN_ID or ORIGINATOR_ID is overwritten), then params; every reserved byte,
    /// Cyrillic and emoji percent-encoded; booleans as Y/N; nested multifields bracketed.
    @Test func aStoredLeadBecomesTheCommandThePortalReadsBack() {
        let submission = LeadSubmission(
            localID: 7, originID: "u-1",
            fieldsText: #"{"NAME":"Иван & Co","OPENED":true,"ORIGIN_ID":"x","PHONE":[{"VALUE":"+7 999","VALUE_TYPE":"WORK"}],"TITLE":"a=b\n🙂"}"#,
            optionsText: #"{"REGISTER_SONET_EVENT":"Y"}"#)
        #expect(
            submission.batchCommand(originatorID: "leadbox") == "crm.lead.add?fields[NAME]=%D0%98%D0%B2%D0%B0%D0%BD%20%26%20Co&fields[OPENED]=Y"
                + "&fields[PHONE][0][VALUE]=%2B7%20999&fields[PHONE][0][VALUE_TYPE]=WORK&fields[TITLE]=a%3Db%0A%F0%9F%99%82"
                + "&fields[ORIGINATOR_ID]=leadbox&fields[ORIGIN_ID]=u-1&params[REGISTER_SONET_EVENT]=Y")
    }

    /// Escapes in the stored text (a `\u` pair for an emoji, an escaped slash) arrive as the bytes they stand for.
    @Test func escapedUnicodeAndSurrogatesDecode() {
        let submission = LeadSubmission(localID: 1, originID: "o", fieldsText: #"{"A":"\u0418\ud83d\ude42\/"}"#)
        #expect(submission.batchCommand(originatorID: "app").hasPrefix("crm.lead.add?fields[A]=%D0%98%F0%9F%99%82%2F&"))
    }

    /// The batch body written straight from the command bytes is byte for byte the JSON the
    /// general writer makes of the same commands, with and without an OAuth token.
    @Test func theBatchBodyIsTheJSONOfItsCommands() {
        var random = Seeded(state: 7)
        for round in 0..<60 {
            let submissions = (0..<Int.random(in: 1...50, using: &random)).map {
                LeadSubmission(
                    localID: Int64($0 * 7 + round), originID: "u-\($0)", fields: randomObject(&random, depth: 0),
                    options: randomObject(&random, depth: 2))
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
}

extension LeadSubmission {
    /// The batch command as text, to compare with what a test expects.
    func batchCommand(originatorID: String) -> String {
        String(decoding: batchCommandBytes(originatorID: originatorID), as: UTF8.self)
    }
}
