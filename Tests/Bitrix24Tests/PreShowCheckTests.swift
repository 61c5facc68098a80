import FakePortal
import Foundation
import LeadCore
import Testing

@testable import Bitrix24

/// The pre-show check's new lines, against answers recorded from real portals and against the
/// stand-in configured as an admin might have set a portal up.
@Suite struct PreShowCheckTests {
    static func recorded(_ name: String) throws -> String {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Recorded")
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func recordedAnswersDecode() async throws {
        let mode = try await RawResponder.start(200, try Self.recorded("crm.settings.mode.get.json"))
        let fields = try await RawResponder.start(200, try Self.recorded("crm.lead.fields__full.json"))
        let refusal = try await RawResponder.start(400, try Self.recorded("crm.lead.add__error_required_field_br.json"))
        defer {
            Task {
                await mode.stop()
                await fields.stop()
                await refusal.stop()
            }
        }

        #expect(try await rawClient(mode).crmMode() == .classic)
        let descriptors = try await rawClient(fields).leadFields()
        #expect(Bitrix24Client.requiredFields(in: descriptors) == ["TITLE": "Название лида"])
        let schema = try await rawClient(fields).leadFields()
        #expect(schema["ID"] != nil)

        let result = await (try rawClient(refusal)).addLeads([submission(1, title: "")])
        guard case .callFailed(let failure) = result else {
            Issue.record("\(result)")
            return
        }
        #expect(failure.kind == .leadRejected || failure.kind == .portalUnusable)
        #expect(failure.message.contains("Lead Name"))
    }

    @Test func requiredFlagsAcceptPHPsLetterForm() {
        let fields: [String: JSONValue] = [
            "TITLE": ["isRequired": "Y", "title": "Название лида"],
            "UF_CRM_BADGE": ["isRequired": true, "title": "UF_CRM_BADGE", "formLabel": "Badge"],
            "ID": ["isRequired": true, "isReadOnly": true, "title": "ID"],
            "NAME": ["isRequired": false, "title": "Имя"],
        ]
        #expect(Bitrix24Client.requiredFields(in: fields) == ["TITLE": "Название лида", "UF_CRM_BADGE": "Badge"])
    }

    @Test func aSimpleModePortalWithRequiredFieldsIsReported() async throws {
        let stand = try await Stand.start { config in
            config.crmMode = .simple
            config.requiredFields = ["PHONE", "TITLE"]
            config.ownerName = "Ирина"
            config.ownerLastName = "Соколова"
            config.webhookUser = 7
        }
        var profile = EventProfile.standard
        try profile.set("STATUS_ID", to: "IN_PROCESS")
        let lines = await PortalCheck.run(stand.client, profile: profile)
        let refused = await stand.client.addLeads([submission(1, title: "No phone")])
        let created = await stand.client.addLeads([submission(2, title: "With phone", phone: "+7 900 000-00-01")])
        let stored = await stand.portal.leads()
        await stand.finish()

        let byTopic = Dictionary(uniqueKeysWithValues: lines.map { ($0.topic, $0) })
        #expect(lines.count == 8)
        #expect(byTopic["CRM mode"]?.status == .warning)
        #expect(byTopic["CRM mode"]?.text.contains("deal") == true)
        #expect(byTopic["Required fields"]?.status == .warning)
        #expect(byTopic["Required fields"]?.text.contains("PHONE (Телефон), TITLE (Название лида)") == true)
        #expect(byTopic["Source and stage"]?.status == .passed)
        #expect(byTopic["Source and stage"]?.text.contains("SOURCE_ID TRADE_SHOW and STATUS_ID IN_PROCESS") == true)
        #expect(byTopic["Webhook owner"]?.text == "leads are created by Ирина Соколова (user ID 7).")
        #expect(!lines.contains { $0.status == .failed })

        guard case .completed(let outcomes) = refused, case .failed(let failure)? = outcomes[1] else {
            Issue.record("\(refused)")
            return
        }
        #expect(failure.kind == .leadRejected)
        #expect(failure.message.contains("Телефон"))
        guard case .completed(let ok) = created, case .created? = ok[2] else {
            Issue.record("\(created)")
            return
        }
        #expect(stored.count == 1)
        #expect(stored.first?.string("STATUS_ID") == "CONVERTED")
    }

    @Test func anUnknownSourceFailsTheCheckAndAClassicPortalPasses() async throws {
        let stand = try await Stand.start()
        var profile = EventProfile.standard
        try profile.set("SOURCE_ID", to: "BOOTH_2026")
        let lines = await PortalCheck.run(stand.client, profile: profile)
        await stand.finish()
        let byTopic = Dictionary(uniqueKeysWithValues: lines.map { ($0.topic, $0) })
        #expect(byTopic["CRM mode"]?.status == .passed)
        #expect(byTopic["Required fields"]?.status == .passed)
        #expect(byTopic["Source and stage"]?.status == .failed)
        #expect(byTopic["Source and stage"]?.text.contains("SOURCE_ID BOOTH_2026 is not a source") == true)
        #expect(byTopic["Source and stage"]?.text.contains("TRADE_SHOW") == true)
        #expect(byTopic["Webhook owner"]?.text == "leads are created by Anna Ivanova (user ID 1).")
    }
}
