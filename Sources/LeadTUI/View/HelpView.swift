/// Full help (F1 or ?): every key binding, in sections, scrolled with Up/Down when the window
/// is shorter than the list.
enum HelpView {
    static func lines() -> [(keys: String, action: String?)] {
        var lines: [(keys: String, action: String?)] = []
        for (index, section) in KeyBindings.sections.enumerated() {
            if index > 0 { lines.append(("", nil)) }
            lines.append((section.title, nil))
            for binding in section.bindings { lines.append((binding.keys, binding.action)) }
        }
        return lines
    }

    static func draw(_ state: AppState, into grid: inout Grid, top: Int, height: Int) {
        let all = lines()
        let scroll = min(state.helpScroll, max(0, all.count - height))
        let more = scroll + height < all.count
        let shown = all.dropFirst(scroll).prefix(more ? height - 1 : height)
        let keyWidth = (all.map { $0.action == nil ? 0 : DisplayWidth.of($0.keys) }.max() ?? 0) + 2
        for (row, line) in shown.enumerated() {
            if let action = line.action {
                grid.put(line.keys, row: top + row, column: 4, style: .key)
                grid.put(
                    action, row: top + row, column: 4 + keyWidth, style: .normal, limit: grid.width - 5 - keyWidth, ellipsis: state.theme.ellipsis)
            } else {
                grid.put(line.keys, row: top + row, column: 2, style: .title)
            }
        }
        if more { grid.put((state.theme.ascii ? "v" : "↓") + " more: Down / PgDn", row: top + height - 1, column: 2, style: .dim) }
    }
}

/// A y/n question in a box over the current screen.
enum ConfirmView {
    static func draw(_ confirmation: Confirmation, theme: Theme, into grid: inout Grid) {
        let lines: [String]
        switch confirmation {
        case .discard(let id, let title):
            lines = ["Discard lead #\(id) \(title)?", "It will never be sent to the portal.", "y  discard      n  keep it"]
        case .clearForm:
            lines = ["Clear the form?", "What you typed for this lead is thrown away.", "y  clear      n  keep typing"]
        case .quit(let outlook):
            lines = QuitGuard.lines(outlook)
        }
        let width = min(grid.width - 4, max(44, lines.map { DisplayWidth.of($0) }.max()! + 4))
        let left = (grid.width - width) / 2
        let top = (grid.height - lines.count - 2) / 2
        let horizontal = String(repeating: theme.rule, count: width - 2)
        let (tl, tr, bl, br, v) = theme.ascii ? ("+", "+", "+", "+", "|") : ("┌", "┐", "└", "┘", "│")
        grid.put(tl + horizontal + tr, row: top, column: left, style: .warning)
        for (i, line) in lines.enumerated() {
            grid.put(v + " " + TextLayout.pad("", width - 4) + " " + v, row: top + 1 + i, column: left, style: .warning)
            grid.put(line, row: top + 1 + i, column: left + 2, style: i == 0 ? .warning : .normal, limit: width - 4, ellipsis: theme.ellipsis)
        }
        grid.put(bl + horizontal + br, row: top + 1 + lines.count, column: left, style: .warning)
    }
}
