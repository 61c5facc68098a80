/// Every key the terminal UI understands, in one table: the help screen, the hint line and
/// docs/tui.md are all made from it, so they cannot disagree.
public enum KeyBindings {
    public struct Binding: Sendable, Hashable {
        public let keys: String
        public let action: String
    }

    public static let sections: [(title: String, bindings: [Binding])] = [
        (
            "Everywhere",
            [
                Binding(keys: "Ctrl-N / F2", action: "new lead (the capture form)"),
                Binding(keys: "Ctrl-O / F3", action: "outbox list"),
                Binding(keys: "Ctrl-R / F5", action: "sync now"),
                Binding(keys: "F1, or ? outside fields", action: "this help"),
                Binding(keys: "Esc", action: "back / cancel"),
                Binding(keys: "Ctrl-Z", action: "suspend (fg resumes)"),
                Binding(keys: "Ctrl-Q / Ctrl-C", action: "quit (what you typed is kept as a draft)"),
            ]
        ),
        (
            "Capture form",
            [
                Binding(keys: "Tab/Shift-Tab, Down/Up", action: "next / previous field"),
                Binding(keys: "Left/Right", action: "move the cursor; pick the source"),
                Binding(keys: "Ctrl-T", action: "next phone or e-mail type (WORK, MOBILE…)"),
                Binding(keys: "text on Source", action: "goes on into the next text field"),
                Binding(keys: "Enter", action: "next field (new line in Comments)"),
                Binding(keys: "Ctrl-S", action: "save the lead (from any field)"),
                Binding(keys: "Ctrl-B / F4", action: "scan a badge (vCard or MECARD)"),
                Binding(keys: "F6", action: "camera: read a badge's code (Esc stops)"),
                Binding(keys: "F7", action: "card photo, while the camera is on"),
                Binding(keys: "Ctrl-X", action: "clear the form (asks first); cancel an edit"),
                Binding(keys: "a choice's key", action: "answer a question (toggles in multiple choice)"),
                Binding(keys: "y / n", action: "the visitor's consent, on the consent line"),
                Binding(keys: "Backspace", action: "clear a question's answer or the consent"),
            ]
        ),
        (
            "Outbox list",
            [
                Binding(keys: "Up/Down PgUp/PgDn Home/End", action: "move"),
                Binding(keys: "Enter", action: "open the lead"),
                Binding(keys: "/", action: "search title, name, company (Enter keeps, Esc drops)"),
                Binding(keys: "f", action: "filter by state (cycles)"),
                Binding(keys: "t", action: "filter by rating: hot, warm, cold, all (cycles)"),
                Binding(keys: "n", action: "quick note on the selected lead (Enter saves, Esc drops)"),
            ]
        ),
        (
            "Lead detail",
            [
                Binding(keys: "e", action: "edit (waiting or failed leads)"),
                Binding(keys: "r", action: "retry (failed lead, refused photo or note)"),
                Binding(keys: "d", action: "discard (asks first; not yet sent leads)"),
                Binding(keys: "n", action: "quick note: to Comments while waiting, to the CRM timeline once sent"),
                Binding(keys: "Up/Down", action: "scroll"),
            ]
        ),
    ]

    /// The short hints for the bottom line, most important first; the line shows as many as fit.
    static func hints(for state: AppState) -> [(key: String, label: String)] {
        if state.confirmation != nil { return [("y", "yes"), ("n", "no")] }
        if state.showingHelp { return [("Esc", "close help"), ("Up/Down", "scroll")] }
        if state.noteInput != nil { return [("Enter", "save note"), ("Esc", "cancel note")] }
        switch state.screen {
        case .form:
            if state.form.scan != nil { return [("Esc", "cancel scan")] }
            if state.camera != nil { return [("Esc", "stop camera"), ("F7", "card photo"), ("Ctrl-S", "save"), ("Tab", "next"), ("F1", "help")] }
            var hints: [(key: String, label: String)] = [("Ctrl-S", "save"), ("Tab", "next")]
            switch state.form.focusedField.kind {
            case .question(let question) where question.kind != .text:
                hints.insert(
                    (question.choices.map { String($0.shortcut) }.joined(separator: "/"), question.kind == .multiple ? "toggle" : "answer"), at: 0)
            case .consent: hints.insert(("y/n", "consent"), at: 0)
            case .choice: hints.insert(("Left/Right", "pick"), at: 0)
            default: if state.form.focusedField.valueTypes != nil { hints.insert(("Ctrl-T", "type"), at: 0) }
            }
            if state.form.editing != nil { hints.append(("Esc", "cancel edit")) } else { hints += [("Ctrl-B", "scan"), ("F6", "camera")] }
            // Help before sync now: with the camera key the line is full at 80 columns, and the status
            // line already names Ctrl-R while the portal was never contacted.
            hints += [("Ctrl-O", "outbox"), ("F1", "help"), ("Ctrl-R", "sync now"), ("Ctrl-Q", "quit")]
            return hints
        case .outbox:
            if state.outbox.searchEditor != nil { return [("Enter", "keep search"), ("Esc", "drop search")] }
            return [
                ("Enter", "open"), ("n", "note"), ("/", "search"), ("f", "filter"), ("t", "rating"), ("Esc", "form"), ("Ctrl-R", "sync now"),
                ("?", "help"), ("q", "back"),
            ]
        case .detail:
            var hints: [(key: String, label: String)] = []
            if let detail = state.detail {
                if detail.state.isEditable { hints.append(("e", "edit")) }
                if detail.hasSomethingToRetry { hints.append(("r", "retry")) }
                if detail.state.isEditable { hints.append(("d", "discard")) }
            }
            if state.detail?.state != .discarded { hints.append(("n", "note")) }
            return hints + [("Esc", "back"), ("Ctrl-R", "sync now"), ("?", "help")]
        }
    }
}
