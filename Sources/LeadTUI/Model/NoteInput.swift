import Foundation
import LeadCore
import LeadStore

/// The one-line note being typed for a lead (the `n` key on the outbox and detail screens).
public struct NoteInput: Sendable, Hashable {
    public var leadID: Int64
    public var text = TextBuffer("")

    public init(leadID: Int64) {
        self.leadID = leadID
    }
}

extension AppState {
    /// Opens the note line for lead `id`; the text goes to the store only on Enter.
    mutating func openNote(for id: Int64) {
        noteInput = NoteInput(leadID: id)
        banner = nil
    }

    /// Keys while the note line is open: typing and moving within it, Enter saves, Esc drops it.
    mutating func handleNoteInput(_ key: KeyEvent) -> [Command] {
        guard var input = noteInput else { return [] }
        switch key {
        case .enter:
            noteInput = nil
            guard NoteText.cleaned(input.text.text) != nil else {
                banner = Banner(.info, "The note was empty, so nothing was saved.")
                return []
            }
            return [.addNote(leadID: input.leadID, text: input.text.text)]
        case .escape:
            noteInput = nil
            banner = Banner(.info, "Note cancelled; nothing was saved.")
            return []
        case .character(let c): input.text.insert(String(c))
        case .backspace: input.text.backspace()
        case .delete: input.text.deleteForward()
        case .left: input.text.moveLeft()
        case .right: input.text.moveRight()
        case .home: input.text.moveHome()
        case .end: input.text.moveEnd()
        default: return []
        }
        noteInput = input
        return []
    }
}

/// The note line, drawn over the last body row just above the status lines.
enum NoteInputView {
    /// Draws the prompt and text; returns where the cursor goes.
    static func draw(_ state: AppState, into grid: inout Grid) -> Position? {
        guard let input = state.noteInput else { return nil }
        let row = grid.height - 3
        grid.paint(row: row, style: .focused)
        let prompt = " Note for #\(input.leadID): "
        let width = DisplayWidth.of(prompt)
        let typed = input.text.text.escapedForTerminal
        // Long notes scroll so the cursor stays on screen.
        let beforeCursor = String(input.text.text.prefix(input.text.cursor)).escapedForTerminal
        let room = max(1, grid.width - width - 1)
        let skip = max(0, DisplayWidth.of(beforeCursor) - room)
        let visible = String(typed.dropFirst(skip))
        grid.put(prompt, row: row, column: 0, style: .focused)
        grid.put(visible, row: row, column: width, style: .focused, limit: room)
        return Position(row: row, column: min(grid.width - 1, width + DisplayWidth.of(beforeCursor) - skip))
    }
}

extension NoteInput {
    /// What the person is told once the note is saved.
    static func banner(for outcome: NoteOutcome, leadID: Int64) -> Banner {
        switch outcome {
        case .appendedToLead:
            Banner(.success, "Note added to the comments of lead #\(leadID); it goes out with the lead.")
        case .queued:
            Banner(.success, "Note saved for lead #\(leadID); it will be added to the lead's timeline in the CRM.")
        }
    }
}

extension NoteInputView {
    /// The detail screen's "Notes" section (only when the lead has notes in the outbox).
    static func addNoteLines(_ notes: [NoteRecord], to lines: inout [(String, Style, Int)], width: Int) {
        guard !notes.isEmpty else { return }
        lines.append(("", .normal, 0))
        lines.append(("Notes for the CRM timeline (\(notes.count))", .title, 2))
        for note in notes {
            let portal = note.portalReference ?? note.lastErrorMessage ?? ""
            let text = note.text + "  " + note.state.word + (portal.isEmpty ? "" : " " + portal)
            // A refused note stands out: it waits for a person's r, not for the next sync.
            let style: Style = note.state == .synced ? .normal : note.state == .failed ? .error : .dim
            for line in TextLayout.wrap(text, width: width - 4) { lines.append((line, style, 4)) }
        }
    }
}

extension LeadStore {
    /// Everything the detail screen shows about one lead.
    func detail(id: Int64) throws -> LeadDetail {
        var detail = LeadDetail(try record(id: id), attempts: try attempts(leadID: id))
        detail.notes = try notes(leadID: id)
        return detail
    }
}
