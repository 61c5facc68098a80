import FakePortal
import Testing

/// `crm.timeline.comment.add` / `.list` on the stand-in: the shapes leadbox's note lane reads.
@Suite struct TimelineCommentTests {
    @Test func aCommentIsAddedToALeadAndListedWithTheDocumentedFields() async throws {
        try await Harness.run { (h: Harness) async throws in
            let lead = try #require(try await h.addLead(#"{"TITLE":"Т"}"#))
            let added = try await h.post(
                "crm.timeline.comment.add",
                json: #"{"fields":{"ENTITY_ID":\#(lead),"ENTITY_TYPE":"lead","COMMENT":"перезвонить\nleadbox-note: u1"}}"#)
            #expect(added.status == 200 && added.json?["result"] == 1)

            let list = try await h.post("crm.timeline.comment.list", json: #"{"filter":{"ENTITY_ID":\#(lead),"ENTITY_TYPE":"lead"}}"#)
            let rows = try #require(list.json?["result"]?.elements)
            #expect(rows.count == 1 && list.json?["total"] == 1 && list.json?["next"] == nil)
            #expect(rows[0]["ID"] == "1" && rows[0]["ENTITY_ID"] == .string(String(lead)) && rows[0]["ENTITY_TYPE"] == "lead")
            #expect(rows[0]["COMMENT"] == "перезвонить\nleadbox-note: u1" && rows[0]["CREATED"]?.scalarString?.hasSuffix("+03:00") == true)
            let selected = try await h.post(
                "crm.timeline.comment.list",
                json: #"{"filter":{"ENTITY_ID":\#(lead),"ENTITY_TYPE":"lead"},"select":["COMMENT"]}"#)
            #expect(selected.json?["result"]?["0"]?.members?.map(\.key) == ["ID", "COMMENT"])
        }
    }

    @Test func badOwnersAndMissingFiltersAreRefusedAndNothingIsStored() async throws {
        try await Harness.run { (h: Harness) async throws in
            let unknown = try await h.post("crm.timeline.comment.add", json: #"{"fields":{"ENTITY_ID":99,"ENTITY_TYPE":"lead","COMMENT":"x"}}"#)
            #expect(unknown.status == 400 && unknown.json?["error_description"] == "Not found")
            let noFields = try await h.post("crm.timeline.comment.add", json: #"{"FIELDS":{"ENTITY_ID":1}}"#)
            #expect(noFields.status == 400)
            let noFilter = try await h.post("crm.timeline.comment.list", json: #"{}"#)
            #expect(noFilter.status == 400)
            #expect(await h.portal.comments().isEmpty)
        }
    }

    @Test func commentsWorkInsideBatchAndPageByFifty() async throws {
        try await Harness.run { (h: Harness) async throws in
            let lead = try #require(try await h.addLead(#"{"TITLE":"Т"}"#))
            let commands = (0..<55).map {
                #""c\#($0)":"crm.timeline.comment.add?fields[ENTITY_ID]=\#(lead)&fields[ENTITY_TYPE]=lead&fields[COMMENT]=n\#($0)""#
            }.joined(separator: ",")
            let first = try await h.post("batch", json: #"{"halt":0,"cmd":{\#(commands.split(separator: ",").prefix(50).joined(separator: ","))}}"#)
            #expect(first.json?["result"]?["result"]?["c0"] == 1)
            _ = try await h.post("batch", json: #"{"halt":0,"cmd":{\#(commands.split(separator: ",").dropFirst(50).joined(separator: ","))}}"#)
            #expect(await h.portal.comments().count == 55)
            let page1 = try await h.post("crm.timeline.comment.list", json: #"{"filter":{"ENTITY_ID":\#(lead),"ENTITY_TYPE":"lead"}}"#)
            #expect(page1.json?["result"]?.elements?.count == 50 && page1.json?["next"] == 50 && page1.json?["total"] == 55)
            let page2 = try await h.post("crm.timeline.comment.list", json: #"{"filter":{"ENTITY_ID":\#(lead),"ENTITY_TYPE":"lead"},"start":50}"#)
            #expect(page2.json?["result"]?.elements?.count == 5 && page2.json?["next"] == nil)
            let inBatch = try await h.post(
                "batch", json: #"{"halt":0,"cmd":{"l":"crm.timeline.comment.list?filter[ENTITY_ID]=\#(lead)&filter[ENTITY_TYPE]=lead&start=50"}}"#)
            #expect(inBatch.json?["result"]?["result"]?["l"]?.elements?.count == 5)
            #expect(inBatch.json?["result"]?["result_total"]?["l"] == 55)
        }
    }

    @Test func aDroppedAnswerStillAddsTheComment() async throws {
        try await Harness.run({ $0.faults = [.drop: 1.0] }) { (h: Harness) async throws in
            await h.portal.configure { $0.faults = [:] }
            let lead = try #require(try await h.addLead(#"{"TITLE":"Т"}"#))
            await h.portal.configure { $0.faults = [.drop: 1.0] }
            await #expect(throws: (any Error).self) {
                try await h.post("crm.timeline.comment.add", json: #"{"fields":{"ENTITY_ID":\#(lead),"ENTITY_TYPE":"lead","COMMENT":"x"}}"#)
            }
            #expect(await h.portal.comments().map(\.comment) == ["x"])
        }
    }
}
