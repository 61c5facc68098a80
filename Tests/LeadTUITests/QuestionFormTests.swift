import Foundation
import LeadCore
import LeadStore
import Testing

@testable import LeadTUI

/// The event profile a booth config would hold: a rating into COMMENTS, a single choice into a
/// custom field, a multiple choice into COMMENTS, a free-text question, and a consent text.
let boothConfig = """
    [event]
    consent_text = "May we e-mail you about our products? Вы согласны получать письма?"
    consent_version = "2026-03"
    consent_required = true

    [[event.question]]
    key = "interest"
    label = "Interest"
    kind = "rating"

    [[event.question]]
    key = "role"
    label = "Role"
    kind = "single"
    field = "UF_CRM_ROLE"
    choices = [{ value = "buyer", label = "Покупатель", key = "b" }, { value = "engineer", label = "Engineer", key = "e" }, "other"]

    [[event.question]]
    key = "products"
    label = "Products"
    kind = "multiple"
    choices = [{ value = "api", label = "API", key = "a" }, { value = "crm", label = "CRM", key = "c" }, { value = "mobile", label = "Mobile app", key = "m" }]

    [[event.question]]
    key = "next"
    label = "Next step"
    """

func boothProfile(_ config: String = boothConfig) -> EventProfile {
    try! Settings(toml: config).event
}

/// A cached portal schema with the role field, where the admin made the phone required.
let boothSchema = PortalSchema(
    fieldNames: Set(LeadField.all.map(\.name) + ["UF_CRM_ROLE"]),
    customFields: [], statuses: [:], requiredFields: ["PHONE": "Phone"])

func boothState(width: Int = 80, height: Int = 24, schema: PortalSchema? = nil, profile: EventProfile = boothProfile()) -> AppState {
    _ = utf8Locale
    return AppState(form: FormState(schema: schema, profile: profile), width: width, height: height, now: fixedNow, timeZone: utc, theme: Theme())
}

extension AppState {
    mutating func focus(_ key: String) {
        form.focus = form.fields.firstIndex { $0.key == key }!
    }
}

@Suite struct QuestionFormTests {
    @Test func questionRowsFollowTheContactFieldsInProfileOrder() {
        let state = boothState()
        let keys = state.form.fields.map(\.key)
        #expect(Array(keys.suffix(5)) == ["question.interest", "question.role", "question.products", "question.next", "consent"])
        #expect(keys.firstIndex(of: "SOURCE_ID")! < keys.firstIndex(of: "question.interest")!)
    }

    @Test func singleKeysAnswerAndMoveOnMultipleChoiceToggles() {
        var state = boothState()
        state.focus("question.interest")
        state.press([.character("h")])
        #expect(state.form.answers["interest"] == ["hot"])
        #expect(state.form.focusedField.key == "question.role")
        state.press([.character("E")])  // shortcuts are matched in any case
        #expect(state.form.answers["role"] == ["engineer"])
        #expect(state.form.focusedField.key == "question.products")
        state.press([.character("a"), .character("m"), .character("c"), .character("a")])
        #expect(state.form.answers["products"] == ["mobile", "crm"])
        #expect(state.form.focusedField.key == "question.products")
        state.press([.character("z")])  // not a choice: nothing chosen, the keys are named
        #expect(state.form.answers["products"] == ["mobile", "crm"])
        #expect(state.banner?.text == "Products: press a for API, c for CRM, m for Mobile app.")
        state.press([.backspace])
        #expect(state.form.answers["products"] == nil)
    }

    @Test func savingWritesAnswersAndConsentExactlyAsAddDoes() {
        var state = boothState()
        state.type("Глеб")
        state.focus("question.interest")
        state.press([.character("w"), .character("b"), .character("a"), .character("c"), .tab])
        state.type("Send the price list")
        state.press([.tab, .character("y")])
        let commands = state.press([.control("s")])
        guard case .save(let request) = commands.first else {
            Issue.record("no save: \(commands)")
            return
        }
        let (lead, qualification, rating) = (request.lead, request.qualification, request.rating)
        // The same answers given to `add --answer …  --consent yes`, through the same LeadCore calls.
        let profile = boothProfile()
        let expected = Qualification(
            answers: try! profile.answers([("interest", "warm"), ("role", "buyer"), ("products", "api,crm"), ("next", "Send the price list")]),
            consent: try! profile.consent("yes", now: fixedNow))
        #expect(qualification == expected)
        #expect(rating == "warm")
        #expect(lead["UF_CRM_ROLE"] == "buyer")
        #expect(lead["COMMENTS"] == "Interest: warm\nProducts: API, CRM\nNext step: Send the price list\nConsent: \(expected.consent!.sentence)")
        #expect(lead["TITLE"] == "Глеб")
    }

    @Test func requiredConsentMissingIsAnInlineErrorAndNothingIsSaved() {
        var state = boothState()
        state.type("Анна")
        #expect(state.press([.control("s")]).isEmpty)
        #expect(state.form.focusedField.key == "consent")
        #expect(state.form.visibleProblems["consent"]?.first?.hasPrefix("This event requires the visitor's consent") == true)
        #expect(state.screenText.contains("✗ This event requires the visitor's consent"))
        state.press([.character("n")])
        #expect(state.press([.control("s")]).isEmpty)
        #expect(state.form.visibleProblems["consent"] == ["This event requires consent, and the visitor said no; the lead cannot be kept."])
        state.press([.backspace, .character("y")])
        #expect(state.form.consentAnswer == true)
        #expect(state.press([.control("s")]).count == 1)
    }

    @Test func optionalConsentMayStayUnanswered() {
        var state = boothState(profile: boothProfile(boothConfig.replacingOccurrences(of: "consent_required = true", with: "")))
        state.type("Анна")
        guard case .save(let request) = state.press([.control("s")]).first else {
            Issue.record("no save")
            return
        }
        let (qualification, rating) = (request.qualification, request.rating)
        #expect(qualification == .none)
        #expect(rating == nil)
    }

    @Test func portalRequiredFieldsAreMarkedAndChecked() {
        var state = boothState(schema: boothSchema)
        state.type("Анна")
        state.focus("consent")
        state.press([.character("y")])
        #expect(state.screenText.contains("  Phone       * ["))
        #expect(state.press([.control("s")]).isEmpty)
        #expect(state.form.focusedField.key == "PHONE")
        #expect(state.form.visibleProblems["PHONE"] == ["The portal requires Phone (PHONE); fill it in, or it would refuse the lead."])
    }

    @Test func aRequiredFieldFilledByAQuestionIsNotReportedMissing() {
        let schema = PortalSchema(fieldNames: boothSchema.fieldNames, customFields: [], statuses: [:], requiredFields: ["UF_CRM_ROLE": "Role"])
        var state = boothState(schema: schema)
        state.type("Анна")
        state.focus("consent")
        state.press([.character("y")])
        #expect(state.press([.control("s")]).isEmpty)
        #expect(state.form.focusedField.key == "question.role")
        state.press([.character("o")])
        #expect(state.press([.control("s")]).count == 1)
    }

    @Test func theFormScrollsToTheFocusedQuestionAt80x24() {
        // Four custom fields push the consent line below the bottom of an 80×24 window.
        let custom = ["UF_CRM_BOOTH", "UF_CRM_HALL", "UF_CRM_CITY", "UF_CRM_BADGE"]
        let schema = PortalSchema(
            fieldNames: boothSchema.fieldNames.union(custom),
            customFields: custom.map { .init(name: $0, label: $0, type: "string") }, statuses: [:])
        var state = boothState(schema: schema)
        #expect(state.screenText.contains("Title         [") && !state.screenText.contains("( ) y yes"))
        state.focus("consent")
        #expect(state.screenText.contains("( ) y yes   ( ) n no   text version 2026-03, required"))
        #expect(!state.screenText.contains("Title         ["))
        state.press([.character("y")])
        #expect(state.screenText.contains("(•) y yes"))
        state.press([.tab])  // round to the title: the form scrolls back
        #expect(state.screenText.contains("▸ Title "))
    }

    @Test func theDraftKeepsTheAnswers() throws {
        var state = boothState()
        state.type("Глеб")
        state.focus("question.interest")
        state.press([.character("c"), .character("e"), .character("m"), .tab])
        state.type("Call back")
        state.press([.tab, .character("y")])
        var restored = boothState().form
        try #require(Draft.decode(Draft(state.form).json)).restore(into: &restored)
        #expect(restored.answers == state.form.answers)
        #expect(restored.consentAnswer == true)
        #expect(restored.text("question.next") == "Call back")
        #expect(restored.base.isEmpty)
        // A profile without those questions drops them instead of sending them as lead fields.
        var plain = FormState(schema: nil, defaults: [:])
        try #require(Draft.decode(Draft(state.form).json)).restore(into: &plain)
        #expect(plain.answers.isEmpty && plain.consentAnswer == nil && plain.base.isEmpty)
        #expect(plain.text("NAME").isEmpty && plain.text("TITLE") == "Глеб")
    }

    @Test func theOutboxCyclesThroughRatings() {
        var state = boothState()
        state.press([.control("o")])
        var seen: [String?] = []
        for _ in 0..<4 {
            state.press([.character("t")])
            seen.append(state.outbox.rating)
        }
        #expect(seen == ["hot", "warm", "cold", nil])
        state.press([.character("t")])
        #expect(state.screenText.contains("Showing: all (f)  rated hot (t)"))
        #expect(OutboxQuery(state.outbox, height: 24, knownTotal: nil).key != OutboxQuery(OutboxState(), height: 24, knownTotal: nil).key)
    }
}

@Suite struct QuestionSessionTests {
    let temporary = TemporaryStore()

    @Test func aSavedLeadHasItsAnswersAndConsentOnDiskAndTheOutboxFiltersByRating() throws {
        let store = try LeadStore(path: temporary.path)
        let profile = boothProfile()
        let options = TerminalUIOptions(noColor: true, questions: profile.questions, consent: profile.consent)
        _ = utf8Locale
        let ui = Session(store: store, options: options, width: 80, height: 24, now: fixedNow, timeZone: utc, queriesInBackground: false)
        func answer(_ title: String, _ keys: String) {
            for key in KeyEvent.typing(title) { ui.handle(key, now: fixedNow) }
            while ui.state.form.focusedField.key != "question.interest" { ui.handle(.tab, now: fixedNow) }
            for key in KeyEvent.typing(keys) { ui.handle(key, now: fixedNow) }
            ui.handle(.control("s"), now: fixedNow)
        }
        answer("Глеб Титов", "heam\t\ty")
        answer("Анна", "cb\t\ty")
        let leads = try store.list()
        #expect(leads.count == 2)
        let gleb = try #require(leads.first { $0.title == "Глеб Титов" })
        #expect(gleb.qualification.answers == ["interest": ["hot"], "role": ["engineer"], "products": ["api", "mobile"]])
        #expect(gleb.qualification.consent == ConsentRecord(given: true, version: "2026-03", at: fixedNow))
        #expect(gleb.rating == "hot")
        #expect(gleb.lead["UF_CRM_ROLE"] == "engineer")
        #expect(gleb.lead["COMMENTS"]?.contains("Products: API, Mobile app") == true)
        #expect(ui.state.form.isBlank)
        #expect(try store.draft() == nil)

        ui.handle(.control("o"))
        ui.handle(.character("t"))
        ui.settle()
        #expect(ui.state.outbox.total == 1)
        #expect(ui.state.outbox.rows.map(\.title) == ["Глеб Титов"])
        #expect(ui.state.screenText.contains("[hot] Глеб Титов"))
        ui.handle(.character("t"))
        ui.handle(.character("t"))
        ui.settle()
        #expect(ui.state.outbox.rows.map(\.title) == ["Анна"])
        ui.handle(.enter)
        #expect(ui.state.screen == .detail)
        #expect(ui.state.screenText.contains("Answers: interest cold; role buyer (rated cold)"))
        #expect(ui.state.screenText.contains("Consent: yes (text version 2026-03, 2025-03-18T12:13:20Z)"))
    }

    @Test func withoutTheRequiredConsentNothingReachesTheOutbox() throws {
        let store = try LeadStore(path: temporary.path)
        let profile = boothProfile()
        let ui = Session(
            store: store, options: TerminalUIOptions(noColor: true, questions: profile.questions, consent: profile.consent),
            width: 80, height: 24, now: fixedNow, timeZone: utc, queriesInBackground: false)
        for key in KeyEvent.typing("Анна") { ui.handle(key, now: fixedNow) }
        ui.handle(.control("s"), now: fixedNow)
        #expect(try store.list().isEmpty)
        #expect(ui.state.banner?.text == "Not saved: fix the problem shown below.")
    }

    @Test func ctrlQRightAfterASaveCountsTheNewLeadBeforeDeciding() throws {
        let store = try LeadStore(path: temporary.path)
        // Background queries, as in the real UI: the count the quit guard reads arrives later.
        let ui = Session(store: store, options: TerminalUIOptions(noColor: true), width: 80, height: 24, now: fixedNow, timeZone: utc)
        for key in KeyEvent.typing("Ждёт") { ui.handle(key) }
        ui.handle(.control("s"))
        ui.handle(.control("q"))
        #expect(!ui.finished)
        guard case .quit(let outlook)? = ui.state.confirmation else {
            Issue.record("no quit question: \(String(describing: ui.state.confirmation))")
            return
        }
        #expect(outlook.waiting == 1)
    }
}
