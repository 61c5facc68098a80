import Testing

@testable import LeadTUI

@Suite struct WidthTests {
    init() { _ = utf8Locale }

    @Test func measuresCyrillicCJKEmojiAndCombining() {
        #expect(DisplayWidth.of("Глеб") == 4)
        #expect(DisplayWidth.of("日本語") == 6)
        #expect(DisplayWidth.of("🙂") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("Привет, Глеб 日本語 🙂") == 22)
    }

    @Test func combiningMarksJoinTheirBaseCell() {
        let cells = DisplayWidth.cells("e\u{301}x")
        #expect(cells.map(\.text) == ["e\u{301}", "x"])
        #expect(cells.map(\.width) == [1, 1])
        #expect(DisplayWidth.cells("\u{301}").first?.text == "\u{25CC}\u{301}")
    }

    @Test func wideCharactersTakeTwoCellsAndAreNeverCutInHalf() {
        var grid = Grid(width: 5, height: 1)
        #expect(grid.put("日本語", row: 0, column: 0) == 5)
        #expect(grid.text == "日本")
        #expect(grid[0, 1].text == "")
        var overwritten = grid
        overwritten.put("x", row: 0, column: 1)
        #expect(overwritten.text == " x本")
    }

    @Test func ellipsisMarksCutText() {
        var grid = Grid(width: 10, height: 1)
        grid.put("Константинопольский", row: 0, column: 0, limit: 6, ellipsis: "…")
        #expect(grid.text == "Конста…".replacingOccurrences(of: "а…", with: "…"))
    }

    @Test func controlCharactersAreShownEscapedNeverSent() {
        var grid = Grid(width: 30, height: 1)
        grid.put("evil\u{1B}[2Jname\n", row: 0, column: 0)
        #expect(grid.text == "evil\\e[2Jname\\n")
        #expect(!grid.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func cursorColumnCountsDisplayWidth() {
        #expect(FormView.window(of: "日本", cursor: 2, width: 20).cursorColumn == 4)
        #expect(FormView.window(of: "e\u{301}a", cursor: 1, width: 20).cursorColumn == 1)
        #expect(FormView.window(of: "Глеб🙂x", cursor: 5, width: 20).cursorColumn == 6)
        // Scrolled sideways: the cursor stays inside the box.
        let long = String(repeating: "漢", count: 30)
        let (shown, column) = FormView.window(of: long, cursor: 30, width: 10)
        #expect(column <= 9)
        #expect(DisplayWidth.of(shown) <= 10)
    }
}
