import FakePortal
import Foundation
import LeadCore
import Testing

@testable import Bitrix24

/// `writeLeadFileField` and `leadFileField` against the stand-in over loopback: the photo lands in
/// the field byte for byte, a write to a field the portal lacks answers `true` and reads back as
/// missing, and the read-back understands every form the portal writes the field in.
@Suite struct LeadFileFieldClientTests {
    private func photo(_ count: Int) -> TimelineFile {
        var state: UInt64 = 42
        let bytes: [UInt8] =
            [0xFF, 0xD8, 0xFF, 0xE0]
            + (4..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
        return TimelineFile(name: "визитка.jpg", bytes: bytes)
    }

    private func addField(_ stand: Stand, code: String, type: String) async throws {
        _ = try await stand.client.call("crm.lead.userfield.add", ["fields": ["FIELD_NAME": .string(code), "USER_TYPE_ID": .string(type)]]).get()
    }

    @Test func aPhotoWrittenIntoAFileFieldIsKeptAndReadsBackAsAFile() async throws {
        let stand = try await Stand.start()
        let lead = try await stand.client.addLead(submission(1, title: "Марина"))
        try await addField(stand, code: "CARD_PHOTO", type: "file")
        #expect(try await stand.client.leadFileField(leadID: lead, field: "UF_CRM_CARD_PHOTO") == .empty)
        let file = photo(300 * 1024)
        try await stand.client.writeLeadFileField(leadID: lead, field: "UF_CRM_CARD_PHOTO", file: file)
        let read = try await stand.client.leadFileField(leadID: lead, field: "UF_CRM_CARD_PHOTO")
        let held = await stand.portal.fieldFiles()
        await stand.finish()
        #expect(held.map(\.name) == ["визитка.jpg"])
        #expect(held.first?.bytes == file.bytes)
        #expect(held.first.map { read == .file(id: $0.id) } == true)
    }

    @Test func aFieldThePortalLacksIsAcceptedSilentlyAndReadsBackAsMissing() async throws {
        let stand = try await Stand.start()
        let lead = try await stand.client.addLead(submission(1, title: "Глеб"))
        try await addField(stand, code: "NOTE", type: "string")
        try await stand.client.writeLeadFileField(leadID: lead, field: "UF_CRM_CARD_PHOTO", file: photo(100))
        try await stand.client.writeLeadFileField(leadID: lead, field: "UF_CRM_NOTE", file: photo(100))
        let missing = try await stand.client.leadFileField(leadID: lead, field: "UF_CRM_CARD_PHOTO")
        let notAFile = try await stand.client.leadFileField(leadID: lead, field: "UF_CRM_NOTE")
        let held = await stand.portal.fieldFiles()
        await stand.finish()
        #expect(missing == .noSuchField)
        #expect(notAFile == .empty)
        #expect(held.isEmpty)
    }

    @Test func aLeadThePortalDoesNotHaveIsRejected() async throws {
        let stand = try await Stand.start()
        try await addField(stand, code: "CARD_PHOTO", type: "file")
        let write = await failure { try await stand.client.writeLeadFileField(leadID: 77, field: "UF_CRM_CARD_PHOTO", file: photo(100)) }
        let read = await failure { try await stand.client.leadFileField(leadID: 77, field: "UF_CRM_CARD_PHOTO") }
        await stand.finish()
        #expect(write?.kind == .leadRejected)
        #expect(read?.kind == .leadRejected)
    }

    /// The field's forms as portals write them: one file, a list (a field taking several files),
    /// and the empty forms; an answer that is no lead is unknown, not "empty".
    @Test func theReadBackUnderstandsEveryFormOfTheField() async throws {
        let single =
            #"{"id":"4310","showUrl":"/bitrix/components/bitrix/crm.lead.show/show_file.php?ownerId=5&fieldName=UF_CRM_P&dynamic=Y&fileId=4310","downloadUrl":"/x"}"#
        let cases: [(String, LeadFileFieldValue?)] = [
            (#"{"result":{"ID":"5","UF_CRM_P":\#(single)}}"#, .file(id: 4310)),
            (#"{"result":{"ID":"5","UF_CRM_P":[\#(single)]}}"#, .file(id: 4310)),
            (#"{"result":{"ID":"5","UF_CRM_P":""}}"#, .empty),
            (#"{"result":{"ID":"5","UF_CRM_P":null}}"#, .empty),
            (#"{"result":{"ID":"5","UF_CRM_P":false}}"#, .empty),
            (#"{"result":{"ID":"5","UF_CRM_P":[]}}"#, .empty),
            (#"{"result":{"ID":"5"}}"#, .noSuchField),
            (#"{"result":[]}"#, nil),
            (#"{"result":true}"#, nil),
        ]
        for (body, expected) in cases {
            let responder = try await RawResponder.start(200, body)
            let client = try rawClient(responder)
            let value: LeadFileFieldValue?
            do { value = try await client.leadFileField(leadID: 5, field: "UF_CRM_P") } catch {
                #expect(error.kind == .outcomeUnknown, "\(body)")
                value = nil
            }
            await responder.stop()
            #expect(value == expected, "\(body)")
        }
    }

    @Test func anUpdateAnsweredWithoutTrueIsOfUnknownOutcome() async throws {
        for body in [#"{"result":false}"#, #"{"result":{}}"#] {
            let responder = try await RawResponder.start(200, body)
            let client = try rawClient(responder)
            let failed = await failure { try await client.writeLeadFileField(leadID: 5, field: "UF_CRM_P", file: photo(10)) }
            await responder.stop()
            #expect(failed?.kind == .outcomeUnknown, "\(body)")
            #expect(failed?.message.contains("write it again") == true)
        }
        let responder = try await RawResponder.start(200, #"{"result":true,"time":{"start":1}}"#)
        let client = try rawClient(responder)
        let failed = await failure { try await client.writeLeadFileField(leadID: 5, field: "UF_CRM_P", file: photo(10)) }
        await responder.stop()
        #expect(failed == nil)
    }
}
