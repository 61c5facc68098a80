import Foundation
import Testing

@testable import FakePortal

/// A lead's file field on the stand-in: made by `crm.lead.userfield.add`, written by
/// `crm.lead.update` with `fileData`, read back by `crm.lead.get` as the portal shows it, and an
/// unknown field dropped without a word, as the real portal does.
@Suite struct LeadFileFieldTests {
    private func addPhotoField(_ h: Harness, code: String = "CARD_PHOTO", type: String = "file") async throws -> Harness.Reply {
        try await h.post(
            "crm.lead.userfield.add",
            json: #"{"fields":{"FIELD_NAME":"\#(code)","USER_TYPE_ID":"\#(type)","LIST_COLUMN_LABEL":{"ru":"Фото визитки","en":"Card photo"}}}"#)
    }

    @Test func aFileWrittenWithFileDataIsKeptByteForByteAndReadBackAsLinks() async throws {
        try await Harness.run { (h: Harness) async throws in
            let lead = try #require(try await h.addLead(#"{"TITLE":"Т"}"#))
            #expect(try await addPhotoField(h).json?["result"] == 1)
            let fields = try #require(try await h.post("crm.lead.fields", json: "{}").json?["result"]?["UF_CRM_CARD_PHOTO"])
            #expect(fields["type"] == "file" && fields["isDynamic"] == true && fields["listLabel"] == "Фото визитки")
            #expect(try await h.post("crm.lead.get", json: #"{"id":\#(lead)}"#).json?["result"]?["UF_CRM_CARD_PHOTO"] == "")

            let bytes = TimelineFileTests.jpeg(200_000)
            let update = try await h.post(
                "crm.lead.update",
                json:
                    #"{"id":\#(lead),"fields":{"UF_CRM_CARD_PHOTO":{"fileData":["card.jpg","\#(Data(bytes).base64EncodedString())"]},"TITLE":"Новое"}}"#
            )
            #expect(update.status == 200 && update.json?["result"] == true)
            let read = try #require(try await h.post("crm.lead.get", json: #"{"id":\#(lead)}"#).json?["result"])
            #expect(read["TITLE"] == "Новое")
            let value = try #require(read["UF_CRM_CARD_PHOTO"])
            #expect(value["id"] == 1)
            #expect(value["showUrl"]?.scalarString?.contains("fieldName=UF_CRM_CARD_PHOTO") == true)
            #expect(value["downloadUrl"]?.scalarString?.contains("fileId=1") == true)
            #expect(!(read.members ?? []).contains { $0.value.scalarString?.contains(String(Data(bytes).base64EncodedString().prefix(64))) == true })

            let held = try #require(try await h.get("/_control/field-files").json?[String(lead)]?["UF_CRM_CARD_PHOTO"])
            #expect(held["name"] == "card.jpg" && held["size"] == .int(bytes.count))
            #expect(held["sha256"]?.scalarString == FileDigest.sha256Hex(bytes))
            let stats = try #require(try await h.get("/_control/stats").json)
            #expect(stats["field_files"] == 1 && stats["field_file_writes"] == 1 && stats["attachments"] == 0)
        }
    }

    @Test func aSecondWriteReplacesTheFileAndAnEmptyValueRemovesIt() async throws {
        try await Harness.run { (h: Harness) async throws in
            let lead = try #require(try await h.addLead(#"{"TITLE":"Т"}"#))
            _ = try await addPhotoField(h)
            for name in ["first.jpg", "second.jpg"] {
                let content = Data(TimelineFileTests.jpeg(100)).base64EncodedString()
                _ = try await h.post(
                    "crm.lead.update", json: #"{"id":\#(lead),"fields":{"UF_CRM_CARD_PHOTO":{"fileData":["\#(name)","\#(content)"]}}}"#)
            }
            let files = await h.portal.fieldFiles()
            #expect(files.map(\.name) == ["second.jpg"])
            #expect(try await h.get("/_control/stats").json?["field_file_writes"] == 2)
            #expect(try await h.post("crm.lead.get", json: #"{"id":\#(lead)}"#).json?["result"]?["UF_CRM_CARD_PHOTO"]?["id"] == 2)
            _ = try await h.post("crm.lead.update", json: #"{"id":\#(lead),"fields":{"UF_CRM_CARD_PHOTO":""}}"#)
            #expect(await h.portal.fieldFiles().isEmpty)
            #expect(try await h.post("crm.lead.get", json: #"{"id":\#(lead)}"#).json?["result"]?["UF_CRM_CARD_PHOTO"] == "")
        }
    }

    @Test func anUnknownFieldIsDroppedWithoutAnErrorAsOnThePortal() async throws {
        try await Harness.run { (h: Harness) async throws in
            let lead = try #require(try await h.addLead(#"{"TITLE":"Т"}"#))
            let content = Data(TimelineFileTests.jpeg(100)).base64EncodedString()
            let update = try await h.post("crm.lead.update", json: #"{"id":\#(lead),"fields":{"UF_CRM_NOPE":{"fileData":["c.jpg","\#(content)"]}}}"#)
            #expect(update.status == 200 && update.json?["result"] == true)
            #expect(try await h.post("crm.lead.get", json: #"{"id":\#(lead)}"#).json?["result"]?["UF_CRM_NOPE"] == nil)
            #expect(await h.portal.fieldFiles().isEmpty)
            // A string field takes no file either: the file is dropped, the field stays empty.
            _ = try await addPhotoField(h, code: "NOTE", type: "string")
            _ = try await h.post("crm.lead.update", json: #"{"id":\#(lead),"fields":{"UF_CRM_NOTE":{"fileData":["c.jpg","\#(content)"]}}}"#)
            #expect(try await h.post("crm.lead.get", json: #"{"id":\#(lead)}"#).json?["result"]?["UF_CRM_NOTE"] == "")
        }
    }

    @Test func badRequestsAreRefusedAndChangeNothing() async throws {
        try await Harness.run { (h: Harness) async throws in
            let lead = try #require(try await h.addLead(#"{"TITLE":"Т"}"#))
            _ = try await addPhotoField(h)
            #expect(try await addPhotoField(h).status == 400, "the code exists")
            #expect(try await addPhotoField(h, code: "X", type: "hologram").status == 400)
            let missing = try await h.post("crm.lead.update", json: #"{"id":999,"fields":{"TITLE":"x"}}"#)
            #expect(missing.status == 400 && missing.json?["error_description"] == "Not found")
            let notBase64 = try await h.post(
                "crm.lead.update", json: #"{"id":\#(lead),"fields":{"TITLE":"changed","UF_CRM_CARD_PHOTO":{"fileData":["c.jpg","%%%"]}}}"#)
            #expect(notBase64.status == 400)
            #expect(try await h.post("crm.lead.get", json: #"{"id":\#(lead)}"#).json?["result"]?["TITLE"] == "Т")
            #expect(await h.portal.fieldFiles().isEmpty)
            await h.portal.reset()
            #expect(try await h.post("crm.lead.fields", json: "{}").json?["result"]?["UF_CRM_CARD_PHOTO"] == nil, "a reset forgets the fields")
        }
    }
}
