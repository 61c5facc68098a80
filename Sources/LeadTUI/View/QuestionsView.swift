import LeadCore

/// The event's question and consent rows of the capture form. Every choice is drawn with the one
/// key that picks it, so a booth worker answers without moving through a list; the chosen ones
/// are marked with `(•)` / `[x]`, which read without colour and have `--ascii` forms.
enum QuestionsView {
    /// The choices of a single, multiple or rating question, wrapped onto as many rows as the
    /// width needs; returns how many rows were used.
    static func drawChoices(_ question: EventQuestion, chosen: [String], theme: Theme, row: Int, into page: inout Grid) -> Int {
        let items = question.choices.map { choice in
            (
                mark: mark(chosen.contains(choice.value), multiple: question.kind == .multiple, theme: theme), key: String(choice.shortcut),
                label: choice.label
            )
        }
        return drawItems(items, row: row, into: &page)
    }

    /// The consent text (wrapped), then the yes/no answer and the text's version.
    static func drawConsent(_ policy: ConsentPolicy, answer: Bool?, theme: Theme, row: Int, into page: inout Grid) -> Int {
        let width = page.width - FormView.fieldColumn - 1
        var used = 0
        for line in TextLayout.wrap(policy.text, width: width) {
            page.put(line, row: row + used, column: FormView.fieldColumn, style: .normal, limit: width, ellipsis: theme.ellipsis)
            used += 1
        }
        let items = [
            (mark: mark(answer == true, multiple: false, theme: theme), key: "y", label: "yes"),
            (mark: mark(answer == false, multiple: false, theme: theme), key: "n", label: "no"),
        ]
        let answerRows = drawItems(items, row: row + used, into: &page)
        let version = "text version \(policy.version)" + (policy.required ? ", required" : "")
        let x = FormView.fieldColumn + items.reduce(0) { $0 + itemWidth($1) + gap }
        page.put(version, row: row + used + answerRows - 1, column: x, style: .dim, limit: max(1, page.width - x - 1), ellipsis: theme.ellipsis)
        return used + answerRows
    }

    private static let gap = 3

    private static func itemWidth(_ item: (mark: String, key: String, label: String)) -> Int {
        DisplayWidth.of(item.mark + " " + item.key + " " + item.label)
    }

    /// `(•) h Hot   ( ) w Warm …` from the field column, wrapping before the right edge.
    private static func drawItems(_ items: [(mark: String, key: String, label: String)], row: Int, into page: inout Grid) -> Int {
        var x = FormView.fieldColumn
        var r = row
        for item in items {
            let width = itemWidth(item)
            if x > FormView.fieldColumn, x + width > page.width - 1 {
                x = FormView.fieldColumn
                r += 1
            }
            x += page.put(item.mark + " ", row: r, column: x, style: .field)
            x += page.put(item.key, row: r, column: x, style: .key)
            x += page.put(" " + item.label, row: r, column: x, style: .field, limit: max(1, page.width - x - 1))
            x += gap
        }
        return r - row + 1
    }

    private static func mark(_ on: Bool, multiple: Bool, theme: Theme) -> String {
        if multiple { return on ? "[x]" : "[ ]" }
        return on ? (theme.ascii ? "(*)" : "(•)") : "( )"
    }
}
