import ArgumentParser
import Foundation
import LeadCore
import LeadStore

/// `leadbox note ID "text"`: a quick note on a lead, taken while talking.
struct Note: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "note",
        abstract: "Add a timestamped note to a lead: to its COMMENTS while it waits, as a timeline comment once it is in the CRM.",
        discussion: """
            A note on a lead that has not been sent becomes a line of its COMMENTS. A note on a lead \
            already sent waits in the outbox and is added to the lead's timeline in Bitrix24 exactly once \
            (its last line, "leadbox-note: <uuid>", lets leadbox find it again after a lost answer).
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The lead's number.") var id: Int64
    @Argument(help: "The note (one line; line breaks become spaces).") var text: String
    @Flag(help: "Print {\"lead_id\",\"placed\",\"note\"} as JSON.") var json = false

    func run() async throws {
        guard NoteText.cleaned(text) != nil else {
            throw UsageError("The note is empty; give its text, such as `leadbox note \(id) \"call back on Monday\"`.")
        }
        let store = try Context(global).openStore()
        let outcome = try store.addNote(leadID: id, text: text)
        switch outcome {
        case .appendedToLead(let record):
            if json {
                LeadJSON.print(
                    .object(["lead_id": .number(Double(id)), "placed": "comments", "note": .null, "state": .string(record.state.rawValue)]))
            } else {
                Terminal.line("Added the note to the COMMENTS of lead #\(id) (\(record.state.word)); it goes out with the lead.")
            }
        case .queued(let note):
            if json {
                LeadJSON.print(
                    .object([
                        "lead_id": .number(Double(id)), "placed": "timeline", "note": NoteLines.json(note), "state": .string(note.state.rawValue),
                    ]))
            } else {
                Terminal.line("Saved note #\(note.id) for lead #\(id); it will be added to the lead's timeline in the CRM (exactly once).")
            }
        }
    }
}

/// How `show` prints a lead's notes.
enum NoteLines {
    /// One line a note: its state, where it went, its text; a note that did not get there has
    /// the reason on a line of its own, under it, where a long sentence reads as one.
    static func print(_ notes: [NoteRecord]) {
        for note in notes {
            let portal = note.portalReference.map { " \($0)" } ?? ""
            Terminal.line("  note #\(note.id) \(note.state.word) (\(note.state.rawValue))\(portal): \(note.text.escapedForTerminal)")
            if note.remoteID == nil, let why = note.lastErrorMessage { Terminal.line("    \(why.escapedForTerminal)") }
        }
    }

    static func json(_ note: NoteRecord) -> JSONValue {
        .object([
            "id": .number(Double(note.id)), "uuid": .string(note.uuid), "text": .string(note.text),
            "state": .string(note.state.rawValue), "remote_id": note.remoteID.map { .number(Double($0)) } ?? .null,
            "attempts": .number(Double(note.attempts)), "last_error": note.lastErrorMessage.map { .string($0) } ?? .null,
            "created_at": .string(LeadJSON.timestamp(note.createdAt)),
        ])
    }
}

extension JSONValue {
    /// This object with one more key (for `show --json`'s notes).
    func adding(_ key: String, _ value: JSONValue) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[key] = value
        return .object(members)
    }
}
