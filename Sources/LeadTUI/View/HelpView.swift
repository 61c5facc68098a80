/// Full help (F1 or ?): every key binding, in sections; two columns when the window is wide.
enum HelpView {
    static func draw(_ state: AppState, into grid: inout Grid, top: Int, height: Int) {
        var lines: [(String, String?, Style)] = []
        for (index, section) in KeyBindings.sections.enumerated() {
            if index > 0 { lines.append(("", nil, .normal)) }
            lines.append((section.title, nil, .title))
            for binding in section.bindings { lines.append((binding.keys, binding.action, .key)) }
        }
        let columns = grid.width >= 120 ? 2 : 1
        let columnWidth = (grid.width - 2) / columns
        let perColumn = columns == 1 ? lines.count : (lines.count + 1) / 2
        for (i, line) in lines.enumerated() {
            let column = i / perColumn, row = i % perColumn
            guard row < height else { continue }
            let x = 2 + column * columnWidth
            if let action = line.1 {
                grid.put(line.0, row: top + row, column: x, style: .key, limit: 34, ellipsis: state.theme.ellipsis)
                grid.put(action, row: top + row, column: x + 35, style: .normal, limit: columnWidth - 37, ellipsis: state.theme.ellipsis)
            } else {
                grid.put(line.0, row: top + row, column: x, style: line.2)
            }
        }
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
