/// Turns the whole state into one frame: top bar, the current screen, overlays, status lines.
public enum ScreenRenderer {
    public static func render(_ state: AppState) -> Frame {
        var grid = Grid(width: state.width, height: state.height)
        if state.isTooSmall {
            drawTooSmall(state, into: &grid)
            return Frame(grid: grid, cursor: nil)
        }
        grid.paint(row: 0, style: .title)
        grid.put(" leadbox " + state.theme.dash + " " + title(state), row: 0, column: 0, style: .title, ellipsis: state.theme.ellipsis)
        let bodyTop = 1
        let bodyHeight = state.height - 3
        var cursor: Position?
        if state.showingHelp {
            HelpView.draw(state, into: &grid, top: bodyTop + 1, height: bodyHeight - 1)
        } else {
            switch state.screen {
            case .form:
                if let banner = state.banner { BannerView.draw(banner, theme: state.theme, into: &grid, row: bodyTop) }
                cursor = FormView.draw(state, into: &grid, top: bodyTop + 1, height: bodyHeight - 1)
            case .outbox:
                OutboxView.draw(state, into: &grid, top: bodyTop, height: bodyHeight)
                if let editor = state.outbox.searchEditor, state.banner == nil {
                    let prefix = DisplayWidth.of(
                        " Showing: " + (state.outbox.filter.map { state.theme.glyph($0) + " " + $0.word } ?? "all") + " (f)   Search: ")
                    let column = prefix + DisplayWidth.cells(String(editor.text.prefix(editor.cursor)).escapedForTerminal).reduce(0) { $0 + $1.width }
                    cursor = Position(row: bodyTop, column: min(column, state.width - 1))
                }
            case .detail:
                DetailView.draw(state, into: &grid, top: bodyTop, height: bodyHeight)
            }
        }
        if state.noteInput != nil, !state.showingHelp { cursor = NoteInputView.draw(state, into: &grid) }
        if let confirmation = state.confirmation {
            ConfirmView.draw(confirmation, theme: state.theme, into: &grid)
            cursor = nil
        }
        StatusLine.draw(state, into: &grid)
        return Frame(grid: grid, cursor: cursor)
    }

    static func title(_ state: AppState) -> String {
        if state.showingHelp { return "Help" }
        switch state.screen {
        case .form: return state.form.editing.map { "Edit lead #\($0)" } ?? "New lead"
        case .outbox: return "Outbox"
        case .detail: return state.detail.map { "Lead #\($0.id) " + $0.lead.displayTitle } ?? "Lead"
        }
    }

    private static func drawTooSmall(_ state: AppState, into grid: inout Grid) {
        let lines = [
            "Window too small: \(state.width)×\(state.height).",
            "leadbox needs at least \(AppState.minimumWidth)×\(AppState.minimumHeight); make the window larger.",
            "Ctrl-Q quits; what you typed is kept.",
        ].map { state.theme.ascii ? $0.replacingOccurrences(of: "×", with: "x") : $0 }
        let top = max(0, (state.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let wrapped = TextLayout.wrap(line, width: max(1, state.width))
            for (j, part) in wrapped.enumerated() where top + i + j < state.height {
                grid.put(part, row: top + i + j, column: max(0, (state.width - DisplayWidth.of(part)) / 2), style: i == 0 ? .error : .normal)
            }
        }
    }
}
