import Foundation
import Testing

@testable import LeadCore

@Suite struct QuestionTests {
    static let settings = try! Settings(
        toml: """
            [event]
            consent_text = "Contact me"
            consent_version = "v2"

            [[event.question]]
            key = "interest"
            kind = "rating"
            field = "UF_CRM_RATING"
            choices = [{ value = "hot", send = "101" }, { value = "warm", send = "102" }, { value = "cold", send = "103" }]

            [[event.question]]
            key = "note"
            label = "Wants"
            """)

    @Test func answersAreMatchedByValueLabelOrShortcutAndWrittenIntoTheLead() throws {
        let profile = Self.settings.event
        #expect(try profile.answers([("Interest", "W")]) == ["interest": ["warm"]])
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let qualification = Qualification(
            answers: try profile.answers([("interest", "hot"), ("note", " a demo ")]),
            consent: try profile.consent("yes", now: now))
        var lead = Lead(values: ["NAME": "Anna", "COMMENTS": "met at B12"])
        profile.apply(qualification, to: &lead)
        #expect(lead["UF_CRM_RATING"] == "101")
        #expect(lead["COMMENTS"] == "met at B12\nWants: a demo\nConsent: yes (text version v2, 2027-01-15T08:00:00Z)")
        #expect(profile.rating(of: qualification) == "hot")
    }

    @Test func aChoiceNotInTheListIsRefusedWithTheList() {
        #expect(throws: LeadInputError("\"lukewarm\" is not a choice of \"interest\"; choose one of hot, warm, cold.")) {
            try Self.settings.event.answers([("interest", "lukewarm")])
        }
        #expect(throws: LeadInputError.self) { try Self.settings.event.consent("perhaps", now: Date()) }
        #expect(throws: LeadInputError.self) { try EventProfile.standard.consent("yes", now: Date()) }
    }

    @Test func requiredPortalFieldsAreCaughtOfflineByTheirPortalTitle() {
        let schema = PortalSchema(
            fieldNames: ["TITLE", "NAME", "PHONE", "COMMENTS", "UF_CRM_RATING"], customFields: [], statuses: [:],
            requiredFields: ["PHONE": "Телефон"])
        let lead = Lead(values: ["TITLE": "Anna", "NAME": "Anna"])
        #expect(
            throws: LeadValidationError([
                FieldProblem(field: "PHONE", message: "The portal requires Телефон (PHONE); fill it in, or it would refuse the lead.")
            ])
        ) {
            try lead.validate(against: schema)
        }
        var fixed = lead
        fixed.append(.phone, MultiFieldValue(value: "+7 999 123-45-67", valueType: "WORK"))
        #expect(fixed.problems(against: schema).isEmpty)
        #expect(Self.settings.event.problems(against: schema).isEmpty)
        // A cache written before required fields were kept still reads.
        let old = #"{"fieldNames":["TITLE"],"customFields":[],"statuses":{}}"#
        #expect((try? JSONDecoder().decode(PortalSchema.self, from: Data(old.utf8)))?.requiredFields == [:])
    }
}
