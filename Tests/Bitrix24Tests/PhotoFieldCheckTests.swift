import FakePortal
import Foundation
import LeadCore
import Testing

@testable import Bitrix24

/// `portal check`'s ninth line: shown only when `event.photo_field` is set, passed for a field of
/// type File, a warning when the portal lacks the field or it holds no files.
@Suite struct PhotoFieldCheckTests {
    private func lines(photoField: String?, fieldType: String?) async throws -> [PortalCheck.Line] {
        let stand = try await Stand.start()
        if let fieldType {
            _ = try await stand.client.call("crm.lead.userfield.add", ["fields": ["FIELD_NAME": "CARD_PHOTO", "USER_TYPE_ID": .string(fieldType)]])
                .get()
        }
        var profile = EventProfile.standard
        if let photoField { try profile.set("photo_field", to: photoField) }
        let lines = await PortalCheck.run(stand.client, profile: profile)
        await stand.finish()
        return lines
    }

    @Test func aFileFieldPassesAndNoSettingAddsNoLine() async throws {
        let unset = try await lines(photoField: nil, fieldType: "file")
        #expect(unset.count == 8 && !unset.contains { $0.topic == "Photo field" })
        let set = try await lines(photoField: "UF_CRM_CARD_PHOTO", fieldType: "file")
        #expect(set.count == 9)
        #expect(
            set.last
                == PortalCheck.Line(
                    topic: "Photo field", status: .passed, text: "card photos are written into UF_CRM_CARD_PHOTO, a field of type File."))
    }

    @Test func aMissingFieldOrOneOfAnotherTypeIsAWarning() async throws {
        let missing = try #require(try await lines(photoField: "UF_CRM_CARD_PHOTO", fieldType: nil).last)
        #expect(missing.topic == "Photo field" && missing.status == .warning)
        #expect(missing.text.hasPrefix("event.photo_field names UF_CRM_CARD_PHOTO, which this portal has no field for, so photos would fail"))
        let text = try #require(try await lines(photoField: "UF_CRM_CARD_PHOTO", fieldType: "string").last)
        #expect(text.status == .warning)
        #expect(text.text.hasPrefix("event.photo_field names UF_CRM_CARD_PHOTO, a field of type string that cannot hold a photo"))
    }

    @Test func anUnreachablePortalSkipsThePhotoFieldLineToo() async throws {
        let client = Bitrix24Client(
            endpoint: try PortalEndpoint.webhook("http://127.0.0.1:1/rest/1/abc/"),
            configuration: .init(originatorID: "leadbox-test", timeout: .seconds(5)))
        var profile = EventProfile.standard
        try profile.set("photo_field", to: "UF_CRM_CARD_PHOTO")
        let lines = await PortalCheck.run(client, profile: profile)
        #expect(lines.count == 9)
        #expect(lines.first?.status == .failed)
        #expect(lines.last == PortalCheck.Line(topic: "Photo field", status: .skipped, text: "not checked."))
    }
}
