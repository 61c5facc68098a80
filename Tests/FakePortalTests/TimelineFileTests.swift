import Foundation
import Testing

@testable import FakePortal

/// Files on timeline comments (`FILES`): kept byte for byte, listed as the portal lists them
/// (metadata, never the bytes), and shown to tests by the control API with their SHA-256.
@Suite struct TimelineFileTests {
    /// A JPEG-looking file of seeded noise.
    static func jpeg(_ count: Int) -> [UInt8] {
        var state: UInt64 = 0x1234_5678
        return [0xFF, 0xD8, 0xFF, 0xE0]
            + (4..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
    }

    @Test func aCommentWithAFileKeepsTheBytesAndListsTheirMetadata() async throws {
        try await Harness.run { (h: Harness) async throws in
            let lead = try #require(try await h.addLead(#"{"TITLE":"Т"}"#))
            let bytes = Self.jpeg(300 * 1024)
            let base64 = Data(bytes).base64EncodedString()
            let added = try await h.post(
                "crm.timeline.comment.add",
                json:
                    #"{"fields":{"ENTITY_ID":\#(lead),"ENTITY_TYPE":"lead","COMMENT":"Photo\nleadbox-note: p1","FILES":[["визитка.jpg","\#(base64)"]]}}"#
            )
            #expect(added.status == 200 && added.json?["result"] == 1)
            let stored = try #require(await h.portal.comments().first)
            #expect(stored.files.map(\.name) == ["визитка.jpg"])
            #expect(stored.files.first?.bytes == bytes)

            let list = try await h.post(
                "crm.timeline.comment.list",
                json: #"{"filter":{"ENTITY_ID":\#(lead),"ENTITY_TYPE":"lead"},"select":["ID","COMMENT","FILES"]}"#)
            let row = try #require(list.json?["result"]?["0"])
            let file = try #require(row["FILES"]?.elements?.first)
            #expect(file["name"] == "визитка.jpg" && file["size"] == .int(bytes.count) && file["type"] == "image")
            #expect(!list.text.contains(String(base64.prefix(64))), "a list never carries the bytes")

            let attachments = try #require(try await h.get("/_control/attachments").json)
            let mine = try #require(attachments[String(lead)]?.elements)
            #expect(mine.count == 1 && mine[0]["name"] == "визитка.jpg" && mine[0]["size"] == .int(bytes.count) && mine[0]["comment_id"] == 1)
            #expect(mine[0]["sha256"]?.scalarString == FileDigest.sha256Hex(bytes))
            #expect(try await h.get("/_control/stats").json?["attachments"] == 1)
            let control = try #require(try await h.get("/_control/comments").json?["0"])
            #expect(control["FILES"]?["0"]?["sha256"] == mine[0]["sha256"])
        }
    }

    @Test func filesArriveFromABatchQueryStringToo() async throws {
        try await Harness.run { (h: Harness) async throws in
            let lead = try #require(try await h.addLead(#"{"TITLE":"Т"}"#))
            // base64 "/9j/4A==" is FF D8 FF E0; its "/" and "=" percent-encoded as PHP reads them.
            let command =
                "crm.timeline.comment.add?fields[ENTITY_ID]=\(lead)&fields[ENTITY_TYPE]=lead&fields[COMMENT]=p"
                + "&fields[FILES][0][0]=card.jpg&fields[FILES][0][1]=%2F9j%2F4A%3D%3D"
            let answer = try await h.post("batch", json: #"{"halt":0,"cmd":{"c":"\#(command)"}}"#)
            #expect(answer.json?["result"]?["result"]?["c"] == 1)
            #expect(await h.portal.comments().first?.files.first?.bytes == [0xFF, 0xD8, 0xFF, 0xE0])
        }
    }

    @Test func filesThatAreNoBase64OrNoPairsAreRefusedAndNothingIsStored() async throws {
        try await Harness.run { (h: Harness) async throws in
            let lead = try #require(try await h.addLead(#"{"TITLE":"Т"}"#))
            for files in [#"[["a.jpg","%%%not base64"]]"#, #"[["a.jpg"]]"#, #""just text""#] {
                let answer = try await h.post(
                    "crm.timeline.comment.add", json: #"{"fields":{"ENTITY_ID":\#(lead),"ENTITY_TYPE":"lead","COMMENT":"x","FILES":\#(files)}}"#)
                #expect(answer.status == 400, "\(files)")
            }
            #expect(await h.portal.comments().isEmpty)
            #expect(try await h.get("/_control/attachments").json == .object([]))
        }
    }

    @Test func theDigestMatchesTheStandardVectors() {
        #expect(FileDigest.sha256Hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(FileDigest.sha256Hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // 56 bytes: the padding needs a second block.
        #expect(
            FileDigest.sha256Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            FileDigest.sha256Hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
