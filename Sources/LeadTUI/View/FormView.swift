import LeadCore

/// The capture form: one row per field (phone and e-mail with their type after the value),
/// problems and duplicate warnings right under the field they concern. When the form is taller
/// than the window it scrolls so the focused field is always in view.
enum FormView {
    static let labelColumn = 2
    static let fieldColumn = 16
    /// Next to the label of a field that must be filled.
    static let requiredMark = "*"
    /// Next to the label of a field a business card filled with a value its reader was unsure of.
    static let unsureMark = "?"
    /// After a phone or an e-mail: `type MOBILE (Ctrl-T)`, the type and the key that changes it.
    /// No arrows around it: Left/Right move the cursor in the value beside it.
    static let typeLabel = "type"
    static let typeKey = "(Ctrl-T)"

    static func draw(_ state: AppState, into grid: inout Grid, top: Int, height: Int) -> Position? {
        let form = state.form
        if let scan = form.scan {
            drawScan(scan, theme: state.theme, into: &grid, top: top, height: height)
            return nil
        }
        var page = Grid(width: grid.width, height: 400)
        var row = 0
        var cursor: Position?
        var focusRows = 0..<1
        var anyRequired = false
        let problems = form.visibleProblems
        for message in problems[""] ?? [] {
            for line in TextLayout.wrap(state.theme.errorMark + " " + message, width: grid.width - labelColumn - 1) {
                page.put(line, row: row, column: labelColumn, style: .error)
                row += 1
            }
        }
        if row > 0 { row += 1 }
        for (index, field) in form.fields.enumerated() {
            let start = row
            let focused = form.focus == index
            if focused { page.put(state.theme.focusMark, row: row, column: 0, style: .focused) }
            let required = form.isRequired(field)
            let unsure = form.unsure.contains(field.key)
            // Marks right-aligned before the box, "?" left of "*" when a field has both.
            let marks = (required ? 1 : 0) + (unsure ? 1 : 0)
            page.put(
                field.label, row: row, column: labelColumn, style: focused ? .focused : .label, limit: fieldColumn - labelColumn - marks - 1,
                ellipsis: state.theme.ellipsis)
            if required { page.put(requiredMark, row: row, column: fieldColumn - 2, style: .error) }
            if unsure { page.put(unsureMark, row: row, column: fieldColumn - 1 - marks, style: .warning) }
            anyRequired = anyRequired || required
            let typeWidth =
                field.valueTypes.map { 2 + DisplayWidth.of(typeLabel + " " + typeKey) + 1 + ($0.choices.map { DisplayWidth.of($0.name) }.max() ?? 0) }
                ?? 0
            let boxWidth = grid.width - fieldColumn - 1 - typeWidth
            switch field.kind {
            case .text:
                if let at = drawText(form.texts[field.key] ?? TextBuffer(), focused: form.focus == index, row: row, width: boxWidth, into: &page) {
                    cursor = at
                }
                row += 1
            case .multiline(let rows):
                if let at = drawMultiline(
                    form.texts[field.key] ?? TextBuffer(), rows: rows, focused: form.focus == index, row: row, width: boxWidth, into: &page)
                {
                    cursor = at
                }
                row += rows
            case .choice(let list):
                drawChoice(
                    list, selected: form.choices[field.key], focused: form.focus == index, theme: state.theme, row: row, column: fieldColumn,
                    into: &page)
                row += 1
            case .question(let question) where question.kind == .text:
                if let at = drawText(form.texts[field.key] ?? TextBuffer(), focused: form.focus == index, row: row, width: boxWidth, into: &page) {
                    cursor = at
                }
                row += 1
            case .question(let question):
                row += QuestionsView.drawChoices(question, chosen: form.answers[question.key] ?? [], theme: state.theme, row: row, into: &page)
            case .consent(let policy):
                row += QuestionsView.drawConsent(policy, answer: form.consentAnswer, theme: state.theme, row: row, into: &page)
            }
            if let types = field.valueTypes {
                var x = fieldColumn + boxWidth + 2
                x += page.put(typeLabel + " ", row: start, column: x, style: .label)
                x += page.put(form.choices[types.key] ?? "", row: start, column: x, style: .field)
                page.put(" " + typeKey, row: start, column: x, style: .dim)
            }
            for message in problems[field.key] ?? [] {
                for line in TextLayout.wrap(state.theme.errorMark + " " + message, width: grid.width - fieldColumn - 1) {
                    page.put(line, row: row, column: fieldColumn, style: .error)
                    row += 1
                }
            }
            let kind = MultiFieldKind(rawValue: field.key)
            for note in form.duplicates where note.kind == kind {
                let what = note.kind.spokenName
                let text = "\(state.theme.warningMark) Same \(what) as lead #\(note.leadID) \(note.title); Ctrl-S saves anyway."
                page.put(text, row: row, column: fieldColumn, style: .warning, ellipsis: state.theme.ellipsis)
                row += 1
            }
            if focused { focusRows = start..<row }
        }
        if anyRequired {
            row += 1
            page.put(requiredMark + " the portal or the event requires it", row: row, column: labelColumn, style: .dim)
            row += 1
        }
        if !form.unsure.isEmpty {
            row += anyRequired ? 0 : 1
            page.put(
                unsureMark + " read from the card photo unsure: check it (editing clears the mark)", row: row, column: labelColumn, style: .warning)
            row += 1
        }
        if let editing = form.editing {
            row += 1
            page.put("Editing lead #\(editing): Ctrl-S saves the change, Esc cancels.", row: row, column: labelColumn, style: .dim)
            row += 1
        }
        // Scroll just enough to show the focused field and what is written under it.
        let scroll = max(0, min(focusRows.upperBound - height, focusRows.lowerBound))
        grid.blit(page, fromRow: scroll, toRow: top, rows: min(height, row - scroll))
        guard let cursor, cursor.row - scroll >= 0, cursor.row - scroll < height else { return nil }
        return Position(row: cursor.row - scroll + top, column: cursor.column)
    }

    /// A one-line field, `[text   ]`, scrolled sideways so the cursor stays inside.
    static func drawText(_ buffer: TextBuffer, focused: Bool, row: Int, width: Int, into page: inout Grid) -> Position? {
        let inner = max(1, width - 2)
        let (visible, cursorColumn) = window(of: buffer.text, cursor: buffer.cursor, width: inner)
        page.put("[", row: row, column: fieldColumn, style: .dim)
        page.put(TextLayout.pad(visible, inner), row: row, column: fieldColumn + 1, style: focused ? .focused : .field, limit: inner)
        page.put("]", row: row, column: fieldColumn + 1 + inner, style: .dim)
        return focused ? Position(row: row, column: fieldColumn + 1 + cursorColumn) : nil
    }

    private static func drawMultiline(_ buffer: TextBuffer, rows: Int, focused: Bool, row: Int, width: Int, into page: inout Grid) -> Position? {
        let inner = max(1, width - 2)
        let lines = buffer.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let (cursorLine, offset) = buffer.cursorLine
        let first = max(0, cursorLine - rows + 1)
        var cursor: Position?
        for r in 0..<rows {
            let lineIndex = first + r
            let text = lines.indices.contains(lineIndex) ? lines[lineIndex] : ""
            let (visible, column) = window(of: text, cursor: lineIndex == cursorLine ? offset : 0, width: inner)
            page.put(r == 0 ? "[" : " ", row: row + r, column: fieldColumn, style: .dim)
            page.put(TextLayout.pad(visible, inner), row: row + r, column: fieldColumn + 1, style: focused ? .focused : .field, limit: inner)
            page.put(r == rows - 1 ? "]" : " ", row: row + r, column: fieldColumn + 1 + inner, style: .dim)
            if focused, lineIndex == cursorLine { cursor = Position(row: row + r, column: fieldColumn + 1 + column) }
        }
        return cursor
    }

    /// The part of `text` to show in `width` columns so the cursor (a character offset) is
    /// visible, and the cursor's column within it. Measured on the escaped text, which is what
    /// is drawn.
    static func window(of text: String, cursor: Int, width: Int) -> (text: String, cursorColumn: Int) {
        let cells = DisplayWidth.cells(text.escapedForTerminal)
        let cursorCell = DisplayWidth.cells(String(text.prefix(cursor)).escapedForTerminal).count
        var start = 0
        var before = cells.prefix(cursorCell).reduce(0) { $0 + $1.width }
        while before > width - 1, start < cursorCell {
            before -= cells[start].width
            start += 1
        }
        var shown = ""
        var used = 0
        for cell in cells[start...] {
            if used + cell.width > width { break }
            shown += cell.text
            used += cell.width
        }
        return (shown, before)
    }

    /// A pick list's current entry between arrows; with the focus it is drawn selected (reverse),
    /// unlike a text field's focus, and the terminal cursor is hidden, since it takes no text.
    private static func drawChoice(
        _ list: [FormField.Choice], selected: String?, focused: Bool, theme: Theme, row: Int, column: Int, into page: inout Grid
    ) {
        let choice = list.first { $0.id == selected }
        let name = choice.map { $0.name == $0.id ? $0.id : "\($0.name) (\($0.id))" } ?? selected ?? ""
        page.put("\(theme.choiceLeft) \(name) \(theme.choiceRight)", row: row, column: column, style: focused ? .selected : .field)
    }

    private static func drawScan(_ scan: ScanCapture, theme: Theme, into grid: inout Grid, top: Int, height: Int) {
        grid.put(
            "Reading a scanned card (vCard or MECARD) " + theme.dash + " scan the badge, or Esc to cancel.", row: top, column: labelColumn,
            style: .title)
        let lines = scan.text.split(separator: "\n", omittingEmptySubsequences: false).suffix(max(1, height - 2))
        for (offset, line) in lines.enumerated() {
            grid.put(String(line), row: top + 2 + offset, column: labelColumn, style: .dim, ellipsis: theme.ellipsis)
        }
    }
}
