import LeadCore
import Testing

@testable import LeadTUI

@Suite struct ReducerTests {
    @Test func typingFillsFieldsAndTabMoves() {
        var state = makeState()
        state.type("Встреча на стенде")
        state.press([.tab])
        state.type("Глеб")
        state.press([.tab, .tab, .tab, .tab])
        state.type("+7 999 123-45-67")
        #expect(state.form.text("TITLE") == "Встреча на стенде")
        #expect(state.form.text("NAME") == "Глеб")
        #expect(state.form.lead.entries(.phone) == [MultiFieldValue(value: "+7 999 123-45-67", valueType: "WORK")])
        #expect(state.form.lead["SOURCE_ID"] == "TRADE_SHOW")
    }

    @Test func shiftTabAndArrowsMoveBack() {
        var state = makeState()
        state.press([.tab, .tab, .backTab])
        #expect(state.form.focusedField.key == "NAME")
        state.press([.up])
        #expect(state.form.focusedField.key == "TITLE")
        state.press([.up])
        #expect(state.form.focusedField.key == state.form.fields.last!.key)
    }

    @Test func cursorMovesOverCombiningAndWideCharacters() {
        var state = makeState()
        state.press([.character("e"), .character("\u{301}"), .character("日"), .left, .left])
        state.press([.character("X")])
        #expect(state.form.text("TITLE") == "Xe\u{301}日")
        #expect(state.form.texts["TITLE"]?.cursor == 1)
        state.press([.end, .backspace])
        #expect(state.form.text("TITLE") == "Xe\u{301}")
    }

    @Test func ctrlSSavesFromAnyFieldWithDefaults() {
        var state = makeState(defaults: ["SOURCE_ID": "WEB", "UTM_SOURCE": "expo"])
        state.press([.tab])
        state.type("Глеб")
        state.press([.down, .down, .down, .down, .down, .down, .down])
        let commands = state.press([.control("s")])
        guard case .save(let request) = commands.first else {
            Issue.record("no save: \(commands)")
            return
        }
        let lead = request.lead
        #expect(lead["NAME"] == "Глеб")
        #expect(lead["TITLE"] == "Глеб")
        #expect(lead["SOURCE_ID"] == "WEB")
        #expect(lead["UTM_SOURCE"] == "expo")
    }

    @Test func invalidInputShowsProblemsUnderTheFieldAndDoesNotSave() {
        var state = makeState()
        state.press(Array(repeating: .tab, count: 6))
        state.type("not-an-email")
        let commands = state.press([.control("s")])
        #expect(commands.isEmpty)
        #expect(state.form.focusedField.key == "EMAIL")
        #expect(state.form.visibleProblems["EMAIL"]?.first?.contains("is not an e-mail address") == true)
        #expect(state.banner?.kind == .error)
        #expect(state.screenText.contains("✗ \"not-an-email\" is not an e-mail address"))
    }

    @Test func emptyFormNamesWhatIsMissing() {
        var state = makeState()
        #expect(state.press([.control("s")]).isEmpty)
        #expect(state.form.visibleProblems[""]?.first?.contains("at least one of") == true)
    }

    @Test func typedMECARDFillsTheForm() {
        var state = makeState()
        state.press([.tab, .tab])
        state.type("MECARD:N:Иванова,Анна;TEL:+7 495 123 45 67;EMAIL:anna@example.ru;ORG:ООО Ромашка;NOTE:стенд B12;;")
        state.press([.enter])  // the scanner's trailing Enter is swallowed
        #expect(state.form.scan == nil)
        #expect(state.form.text("NAME") == "Анна")
        #expect(state.form.text("LAST_NAME") == "Иванова")
        #expect(state.form.text("COMPANY_TITLE") == "ООО Ромашка")
        #expect(state.form.text("PHONE") == "+7 495 123 45 67")
        #expect(state.form.text("EMAIL") == "anna@example.ru")
        #expect(state.form.text("COMMENTS") == "стенд B12")
        #expect(state.form.focusedField.key == "LAST_NAME")
        #expect(state.banner?.kind == .success)
    }

    @Test func typedVCardWithEntersFillsTheFormAndKeepsExtras() {
        var state = makeState()
        let card = "BEGIN:VCARD\nVERSION:3.0\nN:Tanaka;Hiro\nORG:東京商事\nTEL;TYPE=CELL:+81 3 1234 5678\nURL:https://example.jp\nEND:VCARD\n"
        let commands = state.press(KeyEvent.typing(card))
        #expect(state.form.text("COMPANY_TITLE") == "東京商事")
        #expect(state.form.choices["PHONE_TYPE"] == "MOBILE")
        #expect(state.form.lead.entries(.web).first?.value == "https://example.jp")
        #expect(state.form.focusedField.key == "TITLE")
        #expect(commands.contains { if case .checkDuplicates = $0 { true } else { false } })
    }

    @Test func explicitScanAndEscCancel() {
        var state = makeState()
        state.press([.control("b")])
        #expect(state.form.scan != nil)
        state.type("MECARD:N:X")
        state.press([.escape])
        #expect(state.form.scan == nil)
        #expect(state.form.isBlank)
    }

    @Test func ctrlTCyclesThePhonesTypeWhileArrowsMoveTheCursor() {
        var state = makeState()
        state.press(Array(repeating: .tab, count: 5))
        #expect(state.form.focusedField.key == "PHONE")
        state.type("+7 999")
        state.press([.control("t"), .left, .left])
        #expect(state.form.choices["PHONE_TYPE"] == "MOBILE")
        #expect(state.form.texts["PHONE"]?.cursor == 4)
        #expect(state.banner?.text.contains("Phone type: MOBILE") == true)
        state.press(Array(repeating: .control("t"), count: 6))  // WORK MOBILE FAX HOME PAGER MAILING OTHER, round to WORK
        #expect(state.form.choices["PHONE_TYPE"] == "WORK")
        state.press([.tab])
        #expect(state.form.focusedField.key == "EMAIL")  // no stop between the value and the next field
        state.press([.control("t")])
        state.type("a@b.ru")
        #expect(state.form.lead.entries(.email) == [MultiFieldValue(value: "a@b.ru", valueType: "HOME")])
        #expect(state.screenText.contains("type HOME (Ctrl-T)"))
    }

    @Test func textTypedOnTheSourceGoesOnToTheNextTextField() throws {
        var state = makeState()
        state.focus("SOURCE_ID")
        // The focus on a pick list looks unlike a text field's: drawn selected, no cursor.
        let frame = ScreenRenderer.render(state)
        #expect(frame.cursor == nil)
        let row = try #require(frame.grid.text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("▸ Source") })
        #expect(frame.grid[row, FormView.fieldColumn].style == .selected)
        state.press([.right])
        #expect(state.form.choices["SOURCE_ID"] == "WEBFORM")  // the one after TRADE_SHOW
        state.type("Ok")
        #expect(state.form.focusedField.key == "TITLE")
        #expect(state.form.text("TITLE") == "Ok")
        #expect(state.banner?.text.contains("Source takes no text") == true)
        #expect(ScreenRenderer.render(state).cursor == Position(row: 2, column: FormView.fieldColumn + 3))  // after "Ok" in Title
    }

    @Test func keysARowHasNoUseForAreAnsweredNotDropped() {
        var state = makeState()
        state.press([.control("t")])
        #expect(state.banner?.text == "Ctrl-T changes the type of a phone or an e-mail; in Title it does nothing.")
        state.press([.pageDown])
        #expect(state.banner?.text == "PgDn does nothing in Title; F1 lists the keys.")
        state.press([.unknown])
        #expect(state.banner?.text.hasPrefix("That key means nothing to leadbox") == true)
        state.focus("SOURCE_ID")
        state.press([.backspace])
        #expect(state.banner?.text == "Backspace does nothing in Source; F1 lists the keys.")
        #expect(state.form.isBlank)
    }

    @Test func clearingAsksFirst() {
        var state = makeState()
        state.type("Глеб")
        state.press([.control("x")])
        #expect(state.confirmation == .clearForm)
        state.press([.character("n")])
        #expect(state.form.text("TITLE") == "Глеб")
        state.press([.control("x"), .character("y")])
        #expect(state.form.isBlank)
    }

    @Test func screensHelpAndEsc() {
        var state = makeState()
        state.press([.control("o")])
        #expect(state.screen == .outbox)
        state.press([.character("?")])
        #expect(state.showingHelp)
        state.press([.escape])
        #expect(!state.showingHelp)
        state.press([.escape])
        #expect(state.screen == .form)
        state.type("?")
        #expect(!state.showingHelp && state.form.text("TITLE") == "?")
        state.press([.function(1)])
        #expect(state.showingHelp)
        #expect(state.press([.escape, .control("r")]) == [.syncNow])
        #expect(state.press([.control("q")]) == [.quit])
    }

    @Test func outboxMovesWithinTheTotalAndAsksForDetail() {
        var state = makeState()
        state.press([.control("o")])
        state.outbox.total = 100_000
        state.outbox.rows = (0..<19).map {
            OutboxRow(id: Int64(100_000 - $0), state: .pending, title: "t", name: "", company: "", createdAt: fixedNow)
        }
        state.press([.pageDown, .pageDown, .down])
        #expect(state.outbox.selected == 39)
        #expect(state.outbox.top == 21)
        state.press([.end])
        #expect(state.outbox.selected == 99_999)
        #expect(state.outbox.top == 100_000 - 19)
        state.press([.home])
        #expect(state.press([.enter]) == [.openDetail(100_000)])
        state.press([.character("f")])
        #expect(state.outbox.filter == .pending)
        state.press([.character("/")])
        state.type("Ром")
        #expect(state.outbox.search == "Ром")
        state.press([.escape])
        #expect(state.outbox.search == "")
    }

    @Test func detailActionsFitTheState() {
        var state = makeState()
        state.screen = .detail
        var lead = Lead()
        lead["NAME"] = "Глеб"
        state.detail = LeadDetail(id: 7, uuid: "u", state: .synced, lead: lead, remoteID: 42, createdAt: fixedNow)
        #expect(state.press([.character("r"), .character("d"), .character("e")]).isEmpty)
        #expect(state.screen == .detail && state.confirmation == nil)
        state.detail?.state = .failed
        #expect(state.press([.character("r")]) == [.retry(7)])
        state.press([.character("d")])
        #expect(state.confirmation == .discard(id: 7, title: "Глеб"))
        #expect(state.press([.character("y")]) == [.discard(7)])
        state.press([.character("e")])
        #expect(state.screen == .form && state.form.editing == 7 && state.form.text("NAME") == "Глеб")
        state.press([.tab, .end])
        state.type("а")
        guard case .update(7, let edited) = state.press([.control("s")]).first else {
            Issue.record("no update")
            return
        }
        #expect(edited["NAME"] == "Глеба")
    }

    @Test func tooSmallIgnoresKeysButQuitsAndResizes() {
        var state = makeState(width: 60, height: 20)
        state.type("abc")
        #expect(state.form.isBlank)
        #expect(state.screenText.contains("Window too small: 60×20."))
        state.press([.resize(width: 80, height: 24)])
        #expect(!state.isTooSmall)
    }
}
