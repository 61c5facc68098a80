import LeadCore
import Testing

@testable import LeadTUI

/// Badge scans typed by a keyboard-wedge scanner: every payload ends up in the form, none is refused.
@Suite struct ScanTests {
    @Test func bizcardTypedIntoAFieldFillsTheForm() {
        var state = makeState()
        state.type("BIZCARD:N:Sean;X:Owen;T:Software Engineer;C:Google;B:+12125551212;E:srowen@example.com;;")
        state.press([.enter])  // the scanner's trailing Enter is swallowed
        #expect(state.form.scan == nil)
        #expect(state.form.text("NAME") == "Sean")
        #expect(state.form.text("LAST_NAME") == "Owen")
        #expect(state.form.text("COMPANY_TITLE") == "Google")
        #expect(state.form.text("EMAIL") == "srowen@example.com")
        #expect(state.form.rawScan?.hasPrefix("BIZCARD:N:Sean") == true)
        #expect(state.banner?.kind == .success)
    }

    @Test func vcardWithoutEndEndsAtTheBlankLine() {
        var state = makeState()
        state.type("BEGIN:VCARD\nVERSION:3.0\nN:Owen;Sean\nTEL:+12125551212\n")
        #expect(state.form.scan != nil)  // still collecting: more lines may follow
        state.press([.enter])
        #expect(state.form.scan == nil)
        #expect(state.form.text("LAST_NAME") == "Owen")
        #expect(state.form.text("PHONE") == "+12125551212")
        #expect(state.form.focusedField.key == "TITLE")  // that Enter did not move on
    }

    @Test func aScannerTypingCRLFAsTwoEntersStillEndsAtTheBlankLine() {
        var state = makeState()
        state.type("BEGIN:VCARD\n\nN:Owen;Sean\n\nEMAIL:srowen@example.com\n\n")
        #expect(state.form.scan != nil)
        state.press([.enter])
        #expect(state.form.scan == nil)
        #expect(state.form.text("EMAIL") == "srowen@example.com")
    }

    @Test func auCardTypedIntoAField() {
        var state = makeState()
        state.type("MEMORY:展示会\nNAME1:鈴木 花子\nTEL1:090-8765-4321\nMAIL1:hanako@example.jp\n\n")
        #expect(state.form.scan == nil)
        #expect(state.form.text("LAST_NAME") == "鈴木")
        #expect(state.form.text("NAME") == "花子")
        #expect(state.form.text("EMAIL") == "hanako@example.jp")
    }

    @Test func opaqueBadgeIDIsKeptAndSavedWithItsRawText() {
        var state = makeState()
        state.press([.control("b")])
        state.type("REG-2026-000481\n")
        #expect(state.form.scan == nil)
        #expect(state.form.text("COMMENTS") == "Badge scan: REG-2026-000481")
        #expect(state.banner?.kind == .warning)
        let commands = state.press([.control("s")])
        guard case .save(let request) = commands.first else {
            Issue.record("no save: \(commands)")
            return
        }
        let (lead, raw) = (request.lead, request.rawScan)
        #expect(raw == "REG-2026-000481")
        #expect(lead["TITLE"] == "Badge REG-2026-000481")
    }

    @Test func theScanFieldComesFromTheEventProfile() {
        var state = makeState()
        state.form.scanField = "UF_CRM_BADGE"
        state.press([.function(4)])
        state.type("https://expo.example.com/b/7F3A\n")
        #expect(state.form.lead["UF_CRM_BADGE"] == "https://expo.example.com/b/7F3A")
        #expect(state.form.text("COMMENTS") == "")
    }

    @Test func aPhoneWithAnExtensionIsFilledWithAWarning() {
        var state = makeState()
        state.type("MECARD:N:Vance,Bob;TEL:+1-418-656-9254 ext. 102;;")
        #expect(state.form.text("PHONE") == "+1-418-656-9254 ext. 102")
        #expect(state.banner?.kind == .warning)
        #expect(state.banner?.text.contains("has an extension") == true)
        #expect(state.form.problems.isEmpty)
    }

    @Test func typedLeadsCarryNoRawScan() {
        var state = makeState()
        state.type("Ann")
        guard case .save(let request) = state.press([.control("s")]).first else {
            Issue.record("no save")
            return
        }
        let raw = request.rawScan
        #expect(raw == nil)
    }
}
