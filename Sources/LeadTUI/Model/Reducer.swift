import ContactInput
import LeadCore

// MARK: - Keys in, state and commands out

extension AppState {
    /// Applies one key. Pure: anything that needs the store comes back as a command.
    public mutating func handle(_ key: KeyEvent) -> [Command] {
        if case .resize(let w, let h) = key {
            width = w
            height = h
            outbox.keepSelectionVisible(height: height)
            return []
        }
        switch key {
        case .control("q"), .control("c"): return requestQuit()
        case .control("z"): return [.suspend]
        default: break
        }
        if isTooSmall { return [] }
        if let confirmation { return answer(confirmation, key) }
        if noteInput != nil { return handleNoteInput(key) }
        if showingHelp {
            switch key {
            case .escape, .function(1), .character("?"), .character("q"): showingHelp = false
            case .up: helpScroll = max(0, helpScroll - 1)
            case .down: helpScroll = min(helpScroll + 1, lastHelpScroll)
            case .pageUp: helpScroll = max(0, helpScroll - (height - 5))
            case .pageDown, .character(" "): helpScroll = min(helpScroll + height - 5, lastHelpScroll)
            default: break
            }
            return []
        }
        if camera != nil, key == .escape { return stopCamera() }
        switch key {
        case .function(1):
            showingHelp = true
            helpScroll = 0
            return []
        case .character("?") where !isTyping:
            showingHelp = true
            helpScroll = 0
            return []
        case .control("r"), .function(5):
            return [.syncNow]
        case .control("n"), .function(2):
            screen = .form
            return []
        case .control("o"), .function(3):
            return openOutbox()
        case .function(6):
            return openCamera()
        case .function(7):
            return takeCardPhoto()
        default:
            break
        }
        switch screen {
        case .form: return handleForm(key)
        case .outbox: return handleOutbox(key)
        case .detail: return handleDetail(key)
        }
    }

    /// The help body is the screen minus the top bar, a blank line and the two status lines.
    private var lastHelpScroll: Int { max(0, HelpView.lines().count - (height - 4)) }

    private mutating func answer(_ question: Confirmation, _ key: KeyEvent) -> [Command] {
        switch key {
        case .character("y"), .character("Y"):
            confirmation = nil
            switch question {
            case .discard(let id, _): return [.discard(id)]
            case .quit: return [.quit]
            case .clearForm:
                form.reset()
                banner = Banner(.info, "The form was cleared.")
                return []
            }
        case .character("n"), .character("N"), .escape:
            confirmation = nil
            return []
        default:
            return []
        }
    }

    private mutating func openOutbox() -> [Command] {
        screen = .outbox
        banner = nil
        return []
    }

    // MARK: - Form

    private mutating func handleForm(_ key: KeyEvent) -> [Command] {
        if form.scan != nil { return handleScan(key) }
        if form.swallowEnter {
            form.swallowEnter = false
            if key == .enter { return [] }
        }
        switch key {
        case .control("s"):
            return saveForm()
        case .control("b"), .function(4):
            form.scan = ScanCapture()
            return []
        case .control("x"):
            if form.editing != nil {
                return cancelEdit()
            }
            if !form.isBlank { confirmation = .clearForm }
            return []
        case .escape:
            if form.editing != nil { return cancelEdit() }
            banner = nil
            return []
        case .tab, .down:
            if key == .down, moveWithinMultiline(+1) { return [] }
            return moveFocus(+1)
        case .backTab, .up:
            if key == .up, moveWithinMultiline(-1) { return [] }
            return moveFocus(-1)
        case .enter:
            if case .multiline = form.focusedField.kind { return edit { $0.insert("\n") } }
            return moveFocus(+1)
        default:
            break
        }
        if let commands = handleAnswer(key) { return commands }
        let field = form.focusedField
        if key == .control("t") { return cycleValueType(of: field) }
        guard field.takesTyping else { return handleChoice(field, key) }
        switch key {
        case .character(let c): return insertTyped(c)
        case .backspace: return edit { $0.backspace() }
        case .delete: return edit { $0.deleteForward() }
        case .left: form.texts[field.key]?.moveLeft()
        case .right: form.texts[field.key]?.moveRight()
        case .home: form.texts[field.key]?.moveHome()
        case .end: form.texts[field.key]?.moveEnd()
        default: explainUnused(key)
        }
        return []
    }

    /// A typed character into the focused field, at its cursor.
    private mutating func insertTyped(_ character: Character) -> [Command] {
        let commands = edit { $0.insert(String(character)) }
        detectScan(in: form.focusedField.key)
        return commands
    }

    /// Answers a key the focused row has no use for with a line in the banner, so no key goes by
    /// without a word (the form's own keys are handled before this).
    mutating func explainUnused(_ key: KeyEvent) {
        let field = form.focusedField
        switch key {
        case .control("t"):
            banner = Banner(.info, "Ctrl-T changes the type of a phone or an e-mail; in \(field.label) it does nothing.")
        case .unknown:
            banner = Banner(.info, "That key means nothing to leadbox (perhaps TERM does not describe this terminal); F1 lists the keys.")
        default:
            banner = Banner(.info, "\(key.name) does nothing in \(field.label); F1 lists the keys.")
        }
    }

    /// Ctrl-T on a phone or an e-mail: the next of its types (round to the first after the last).
    private mutating func cycleValueType(of field: FormField) -> [Command] {
        guard let types = field.valueTypes, !types.choices.isEmpty else {
            explainUnused(.control("t"))
            return []
        }
        let current = types.choices.firstIndex { $0.id == form.choices[types.key] } ?? -1
        let next = types.choices[(current + 1) % types.choices.count]
        form.choices[types.key] = next.id
        form.revision += 1
        banner = Banner(.info, "\(field.label) type: \(next.name) (Ctrl-T for the next one).")
        return []
    }

    private mutating func edit(_ change: (inout TextBuffer) -> Void) -> [Command] {
        let key = form.focusedField.key
        var buffer = form.texts[key] ?? TextBuffer()
        change(&buffer)
        form.texts[key] = buffer
        form.unsure.remove(key)
        form.revision += 1
        if key == "PHONE" || key == "EMAIL" {
            let kind = MultiFieldKind(rawValue: key)
            form.duplicates.removeAll { $0.kind == kind }
        }
        return []
    }

    /// A pick list (the source): Left/Right choose. It takes no text, so a typed character goes on
    /// to the next field that does, with the focus, and the banner says so: a typist who went one
    /// Tab too far loses nothing.
    private mutating func handleChoice(_ field: FormField, _ key: KeyEvent) -> [Command] {
        let list = field.choices
        let step: Int
        switch key {
        case .left: step = -1
        case .right: step = 1
        case .character(let c):
            guard let target = nextTypingField(after: form.focus) else {
                explainUnused(key)
                return []
            }
            let commands = moveFocus(target - form.focus)
            banner = Banner(.info, "\(field.label) takes no text (Left/Right pick it); what you type goes into \(form.focusedField.label).")
            return commands + insertTyped(c)
        default:
            explainUnused(key)
            return []
        }
        guard !list.isEmpty else { return [] }
        let current = list.firstIndex { $0.id == form.choices[field.key] } ?? -1
        let next = ((current < 0 ? 0 : current + step) % list.count + list.count) % list.count
        form.choices[field.key] = list[next].id
        form.revision += 1
        return []
    }

    /// The next row after `index` (going round) that takes typed text.
    private func nextTypingField(after index: Int) -> Int? {
        let count = form.fields.count
        return (1..<max(count, 1)).lazy.map { (index + $0) % count }.first { form.fields[$0].takesTyping }
    }

    private mutating func moveWithinMultiline(_ delta: Int) -> Bool {
        guard case .multiline = form.focusedField.kind else { return false }
        return form.texts[form.focusedField.key]?.moveLine(delta) ?? false
    }

    mutating func moveFocus(_ delta: Int) -> [Command] {
        let left = form.focusedField.key
        if !form.text(left).trimmingSpaces.isEmpty { form.touched.insert(left) }
        form.focus = (form.focus + delta + form.fields.count) % form.fields.count
        if left == "PHONE" || left == "EMAIL", !form.text(left).trimmingSpaces.isEmpty {
            return [.checkDuplicates(form.lead, excluding: form.editing)]
        }
        return []
    }

    private mutating func saveForm() -> [Command] {
        form.showAllProblems = true
        let problems = form.problems
        if !problems.isEmpty {
            if let first = form.fields.firstIndex(where: { problems[$0.key] != nil }) { form.focus = first }
            let count = problems.values.reduce(0) { $0 + $1.count }
            banner = Banner(.error, count == 1 ? "Not saved: fix the problem shown below." : "Not saved: fix the \(count) problems shown below.")
            return []
        }
        guard let request = try? form.captureRequest(now: now) else { return [] }  // checked in `problems`
        if let id = form.editing { return [.update(id: id, lead: request.lead)] }
        return [.save(request)]
    }

    private mutating func cancelEdit() -> [Command] {
        finishEdit()
        screen = detail == nil ? .outbox : .detail
        banner = Banner(.info, "Edit cancelled; the lead was not changed.")
        return []
    }

    // MARK: - Scans

    /// A field that now starts like a card is a scanner typing: collect the rest as a scan.
    private mutating func detectScan(in key: String) {
        let text = form.text(key)
        guard ContactInput.looksLikeCard(text) else { return }
        form.scan = ScanCapture(text: text)
        form.texts[key] = TextBuffer("")
    }

    private mutating func handleScan(_ key: KeyEvent) -> [Command] {
        guard var scan = form.scan else { return [] }
        switch key {
        case .escape:
            form.scan = nil
            banner = Banner(.info, "Scan cancelled; the form was not changed.")
            return []
        case .character(let c): scan.text.append(c)
        case .enter: scan.text.append("\n")
        case .tab: scan.text.append("\t")
        case .backspace: if !scan.text.isEmpty { scan.text.removeLast() }
        default: return []
        }
        form.scan = scan
        return scan.isComplete ? finishScan(scan) : []
    }

    private mutating func finishScan(_ scan: ScanCapture) -> [Command] {
        form.scan = nil
        form.swallowEnter = !scan.text.hasSuffix("\n")
        return fillFromScan(scan.text)
    }

    /// Fills the form from a scan, typed by a scanner or read by the camera; never refuses it: a
    /// payload that is no card is kept in the event's scan field, and the raw text goes with the
    /// lead when it is saved.
    mutating func fillFromScan(_ text: String) -> [Command] {
        let contact = ContactInput.scan(text, scanField: form.scanField)
        form.fill(from: contact.lead)
        form.rawScan = contact.raw
        // A card read before is replaced: its marks and its photo do not belong to this lead.
        form.unsure = []
        form.photo = nil
        let notes = (contact.warnings + contact.lead.warnings().map(\.message)).joined(separator: " ")
        if contact.format == .unrecognized {
            banner = Banner(.warning, "\(notes) Complete the lead and press Ctrl-S to save.")
        } else {
            banner = Banner(
                notes.isEmpty ? .success : .warning,
                "Filled from the scanned card; \(notes.isEmpty ? "" : notes + " ")check it and press Ctrl-S to save.")
        }
        let current = form.lead
        return current.entries(.email).isEmpty && current.entries(.phone).isEmpty ? [] : [.checkDuplicates(current, excluding: form.editing)]
    }

    // MARK: - Outbox

    private mutating func handleOutbox(_ key: KeyEvent) -> [Command] {
        if var editor = outbox.searchEditor {
            switch key {
            case .enter:
                outbox.searchEditor = nil
                return []
            case .escape:
                outbox.searchEditor = nil
                outbox.search = outbox.searchBefore
                outbox.selected = 0
                outbox.top = 0
                return []
            case .character(let c): editor.insert(String(c))
            case .backspace: editor.backspace()
            case .delete: editor.deleteForward()
            case .left: editor.moveLeft()
            case .right: editor.moveRight()
            case .home: editor.moveHome()
            case .end: editor.moveEnd()
            default: return []
            }
            outbox.searchEditor = editor
            outbox.search = editor.text
            outbox.selected = 0
            outbox.top = 0
            return []
        }
        let page = OutboxState.visibleRows(height: height)
        switch key {
        case .up, .character("k"): outbox.move(by: -1, height: height)
        case .down, .character("j"): outbox.move(by: 1, height: height)
        case .pageUp: outbox.move(by: -page, height: height)
        case .pageDown, .character(" "): outbox.move(by: page, height: height)
        case .home, .character("g"): outbox.move(by: -outbox.total, height: height)
        case .end, .character("G"): outbox.move(by: outbox.total, height: height)
        case .character("/"):
            outbox.searchBefore = outbox.search
            outbox.searchEditor = TextBuffer(outbox.search)
        case .character("f"): outbox.cycleFilter()
        case .character("t"): outbox.cycleRating()
        case .character("n"):
            if let row = outbox.selectedRow { openNote(for: row.id) }
        case .enter:
            if let row = outbox.selectedRow { return [.openDetail(row.id)] }
        case .escape, .character("q"):
            screen = .form
        default: break
        }
        return []
    }

    // MARK: - Detail

    private mutating func handleDetail(_ key: KeyEvent) -> [Command] {
        guard let detail else {
            screen = .outbox
            return []
        }
        switch key {
        case .escape, .character("q"):
            screen = .outbox
        case .up: detailScroll = max(0, detailScroll - 1)
        case .down: detailScroll += 1
        case .character("e") where detail.state.isEditable:
            if form.editing == nil { newLeadAside = form }
            form = FormState.editing(detail.id, lead: detail.lead, schema: form.schema, defaults: form.defaults)
            screen = .form
            banner = Banner(.info, "Editing lead #\(detail.id); Ctrl-S saves the change, Esc cancels.")
            // The camera fills new leads only: a badge read now would overwrite the stored lead.
            if camera != nil {
                camera = nil
                return [.stopCamera]
            }
        case .character("r") where detail.hasSomethingToRetry:
            return [.retry(detail.id)]
        case .character("n") where detail.state != .discarded:
            openNote(for: detail.id)
        case .character("d") where detail.state.isEditable:
            confirmation = .discard(id: detail.id, title: detail.lead.displayTitle)
        default: break
        }
        return []
    }
}
