import Foundation
import LeadCore
import LeadStore
import Testing

@testable import LeadTUI

/// Every screen rendered to text at 80×24 and 120×40, with Cyrillic and CJK data, compared with
/// the expected text in Snapshots.swift. `LEADTUI_RECORD=1 swift test --filter SnapshotTests`
/// rewrites that file from the current output; review the diff before committing it.
@Suite(.serialized) struct SnapshotTests {
    static let schema = PortalSchema(
        fieldNames: Set(LeadField.all.map(\.name) + ["UF_CRM_BOOTH"]),
        customFields: [.init(name: "UF_CRM_BOOTH", label: "Стенд", type: "string")],
        statuses: ["SOURCE": [.init(id: "TRADE_SHOW", name: "Выставка"), .init(id: "WEB", name: "Веб-сайт")]])

    static func status() -> StatusInfo {
        StatusInfo(
            portal: PortalStatus(
                state: .paused, reason: "Portal says QUERY_LIMIT_EXCEEDED; waiting 2 s",
                nextAttemptAt: fixedNow.addingTimeInterval(120), lastSuccessAt: fixedNow.addingTimeInterval(-600)),
            waiting: 3, failed: 1, sentToday: 12)
    }

    static func form(width: Int, height: Int) -> AppState {
        var state = makeState(width: width, height: height, schema: schema)
        state.status = status()
        state.type("Встреча на стенде 日本")
        state.press([.tab])
        state.type("Глеб")
        state.press([.tab])
        state.type("Титов")
        state.press([.tab])
        state.type("株式会社テスト")
        state.press([.tab, .tab])
        state.type("+7 999 123-45-67")
        state.press([.control("t"), .tab])
        state.type("gleb@")
        state.press([.tab])
        state.type("Интересуется API\n続きはメールで e\u{301}")
        return state
    }

    /// The booth profile's questions half answered, the consent line focused (the form scrolled
    /// at 80×24), the portal's required phone marked.
    static func questions(width: Int, height: Int) -> AppState {
        var state = boothState(width: width, height: height, schema: boothSchema)
        state.status = status()
        state.type("Встреча на стенде 日本")
        state.focus("question.interest")
        state.press([.character("h"), .character("e"), .character("a"), .character("m"), .tab])
        state.type("Демо 日本")
        state.press([.tab])
        return state
    }

    static func rows() -> [OutboxRow] {
        [
            OutboxRow(
                id: 104, state: .pending, title: "Глеб Титов — ИП Титов", name: "Глеб Титов", company: "ИП Титов",
                createdAt: fixedNow.addingTimeInterval(-30)),
            OutboxRow(id: 103, state: .sending, title: "山田 太郎 — 東京商事", name: "山田 太郎", company: "東京商事", createdAt: fixedNow.addingTimeInterval(-300)),
            OutboxRow(
                id: 102, state: .failed, title: "Анна Иванова", name: "Анна Иванова", company: "ООО «Ромашка»",
                createdAt: fixedNow.addingTimeInterval(-4000), lastError: "UF_CRM_BOOTH: value too long\u{1B}[2J"),
            OutboxRow(
                id: 101, state: .synced, title: "Pierre Dupont 🙂", name: "Pierre Dupont", company: "Café Crème",
                createdAt: fixedNow.addingTimeInterval(-90000), remoteID: 5521),
            OutboxRow(id: 100, state: .inDoubt, title: "Ли Вэй 李伟", name: "Ли Вэй", company: "", createdAt: fixedNow.addingTimeInterval(-200000)),
            OutboxRow(id: 99, state: .discarded, title: "test", name: "", company: "", createdAt: fixedNow.addingTimeInterval(-300000)),
        ]
    }

    static func outbox(width: Int, height: Int) -> AppState {
        var state = makeState(width: width, height: height)
        state.status = status()
        state.press([.control("o")])
        state.outbox.total = 100_000
        state.outbox.rows = rows()
        state.press([.down, .down])
        return state
    }

    static func detail(width: Int, height: Int) -> AppState {
        var state = makeState(width: width, height: height)
        state.status = status()
        var lead = Lead()
        lead["TITLE"] = "Анна Иванова"
        lead["NAME"] = "Анна"
        lead["LAST_NAME"] = "Иванова"
        lead["COMPANY_TITLE"] = "ООО «Ромашка»"
        lead["COMMENTS"] = "Перезвонить после выставки\n展示会の後"
        lead["SOURCE_ID"] = "TRADE_SHOW"
        lead["UF_CRM_BOOTH"] = String(repeating: "B", count: 300)
        lead.append(.email, MultiFieldValue(value: "anna@example.ru", valueType: "WORK"))
        state.detail = LeadDetail(
            id: 102, uuid: "5f0c6b7e-4d1a-4c52-9a57-1d2b3c4d5e6f", state: .failed, lead: lead,
            lastErrorCode: "ERROR_CORE", lastErrorMessage: "UF_CRM_BOOTH: value too long\u{1B}[2J",
            createdAt: fixedNow.addingTimeInterval(-4000),
            attempts: [
                AttemptRow(at: fixedNow.addingTimeInterval(-3990), outcome: "unknown", message: "timed out after 90 s"),
                AttemptRow(
                    at: fixedNow.addingTimeInterval(-3000), outcome: "rejected", httpStatus: 400, errorCode: "ERROR_CORE",
                    message: "UF_CRM_BOOTH: value too long"),
            ])
        state.screen = .detail
        return state
    }

    static let scenarios: [(name: String, state: AppState)] = {
        var scenarios: [(String, AppState)] = []
        for (w, h) in [(80, 24), (120, 40)] {
            scenarios.append(("form\(w)x\(h)", form(width: w, height: h)))
            var invalid = form(width: w, height: h)
            invalid.press([.control("s")])
            scenarios.append(("formInvalid\(w)x\(h)", invalid))
            scenarios.append(("questions\(w)x\(h)", questions(width: w, height: h)))
            scenarios.append(("outbox\(w)x\(h)", outbox(width: w, height: h)))
            scenarios.append(("detail\(w)x\(h)", detail(width: w, height: h)))
            var help = outbox(width: w, height: h)
            help.press([.character("?")])
            scenarios.append(("help\(w)x\(h)", help))
        }
        var confirm = detail(width: 80, height: 24)
        confirm.press([.character("d")])
        scenarios.append(("confirmDiscard80x24", confirm))
        var ascii = outbox(width: 80, height: 24)
        ascii.theme = Theme(ascii: true, color: false)
        scenarios.append(("outboxASCII80x24", ascii))
        scenarios.append(("tooSmall60x20", makeState(width: 60, height: 20)))
        return scenarios
    }()

    @Test func screensMatchTheirSnapshots() throws {
        let actual = SnapshotTests.scenarios.map { ($0.name, ScreenRenderer.render($0.state).grid.text) }
        if ProcessInfo.processInfo.environment["LEADTUI_RECORD"] != nil {
            var file = "// Expected screens for SnapshotTests, written by `LEADTUI_RECORD=1 swift test --filter SnapshotTests`.\n"
            file += "// Each is the plain text of the grid, trailing spaces trimmed.\n\nlet expectedScreens: [String: String] = [\n"
            for (name, text) in actual { file += "    \"\(name)\": #\"\"\"\n\(text)\n\"\"\"#,\n" }
            file += "]\n"
            let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots.swift").path
            try file.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        for (name, text) in actual {
            #expect(text == expectedScreens[name], "snapshot \(name) differs:\n\(text)")
        }
    }

    @Test func cursorSitsAfterTheWideAndCombiningText() {
        let frame = ScreenRenderer.render(SnapshotTests.form(width: 80, height: 24))
        // Comments' second line "続きはメールで é": 7 wide characters, a space, e + U+0301.
        // Rows: top bar, banner, 7 field rows, the e-mail problem, the first comment line.
        #expect(frame.cursor == Position(row: 12, column: FormView.fieldColumn + 1 + 14 + 1 + 1))
    }
}
