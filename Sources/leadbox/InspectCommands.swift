import ArgumentParser
import Foundation
import LeadCore
import LeadStore
import SyncEngine

extension LeadState: ExpressibleByArgument {}

/// `leadbox list`: the outbox, newest first.
struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List leads, newest first.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only leads in this state: pending, sending, in_doubt, synced, failed, discarded, handed_over.") var state: LeadState?
    @Option(help: "Only leads whose title, name, company, e-mail or phone contains this text (any case, any script).") var search: String?
    @Option(help: "Only leads the event's rating question rated hot, warm or cold.") var rating: String?
    @Option(help: "At most this many leads.") var limit: Int = 50
    @Flag(help: "Print a JSON array.") var json = false

    func validate() throws {
        if limit < 1 { throw ValidationError("--limit must be at least 1.") }
        if let rating, !EventQuestion.ratings.contains(rating.lowercased()) {
            throw ValidationError("--rating takes hot, warm or cold.")
        }
    }

    func run() async throws {
        let records = try Context(global).openStore(.read).list(state: state, search: search, rating: rating?.lowercased(), limit: limit)
        if json {
            LeadJSON.print(.array(records.map { LeadJSON.record($0) }))
            return
        }
        if records.isEmpty {
            Terminal.line(
                state == nil && search == nil && rating == nil
                    ? "No leads yet. Capture one with `leadbox add` or open the form with `leadbox`." : "No leads match.")
            return
        }
        Terminal.line("\(Terminal.cell("#", 6)) \(Terminal.cell("STATE", 9)) \(Terminal.cell("TITLE", 34)) \(Terminal.cell("AGE", 11)) PORTAL")
        let now = Date()
        for record in records {
            let portal = record.remoteID.map { "ID \($0)" } ?? record.lastErrorMessage ?? ""
            Terminal.line(
                "\(Terminal.cell(String(record.id), 6)) \(Terminal.cell(record.state.word, 9)) \(Terminal.cell((record.rating.map { "[\($0)] " } ?? "") + record.title, 34)) \(Terminal.cell(Terminal.age(of: record.createdAt, now: now), 11)) \(portal.escapedForTerminal)"
            )
        }
    }
}

/// `leadbox show ID`: one lead with every field and its attempt history.
struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one lead with its attempt history.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The lead's number.") var id: Int64
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let store = try Context(global).openStore(.read)
        let record = try store.record(id: id)
        let attempts = try store.attempts(leadID: id)
        let notes = try store.notes(leadID: id)
        if json {
            LeadJSON.print(LeadJSON.record(record, attempts: attempts).adding("notes", .array(notes.map(NoteLines.json))))
            return
        }
        Terminal.line("Lead #\(record.id) — \(record.state.word) (\(record.state.rawValue))")
        Terminal.line("  uuid (ORIGIN_ID): \(record.uuid)")
        if let remote = record.remoteID { Terminal.line("  portal ID: \(remote)") }
        if let error = record.lastErrorMessage { Terminal.line("  last error: \(Show.readable(error))") }
        Terminal.line("  captured: \(LeadJSON.timestamp(record.createdAt))")
        for (name, value) in record.lead.fieldsJSON.sorted(by: { $0.key < $1.key }) {
            let text: String
            if let kind = MultiFieldKind(rawValue: name) {
                text = record.lead.csvCell(kind.rawValue)
            } else if name == "CONTACT_IDS" {
                text = record.lead.contactIDs.joined(separator: ", ")
            } else {
                text = value.stringValue ?? ""
            }
            Terminal.line("  \(name): \(text.escapedForTerminal)")
        }
        if let raw = record.rawScan { Terminal.line("  scanned as: \(raw.escapedForTerminal)") }
        if !record.qualification.answers.isEmpty { Terminal.line("  answers: \(LeadJSON.answersLine(record.qualification).escapedForTerminal)") }
        if let consent = record.qualification.consent { Terminal.line("  consent: \(consent.sentence.escapedForTerminal)") }
        if attempts.isEmpty { Terminal.line("  no delivery attempts yet") }
        for attempt in attempts {
            let status = attempt.httpStatus.map { " HTTP \($0)" } ?? ""
            let code = attempt.errorCode.map { " \($0)" } ?? ""
            Terminal.line("  \(LeadJSON.timestamp(attempt.at)) \(attempt.outcome)\(status)\(code) \(attempt.message.map(Show.readable) ?? "")")
        }
        NoteLines.print(notes)
    }

    /// A portal message as plain text (older outboxes stored the portal's `<br>`s and entities),
    /// its lines indented under the first so it stays readable and escape-free.
    static func readable(_ message: String) -> String {
        PortalText.plain(message).split(separator: "\n").map { String($0).escapedForTerminal }.joined(separator: "\n      ")
    }
}

/// `leadbox status`: did my leads reach the CRM?
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show how many leads are waiting, failed and sent, and the portal's state.")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print JSON with the counts per state.") var json = false

    func run() async throws {
        let context = Context(global)
        let settings = try context.settings()
        let store = try context.openStore(.read)
        let counts = try store.counts()
        let notes = try store.noteCounts()
        var portal = try store.portalStatus()
        let address = PortalConnection.displayAddress(of: settings)
        if address == nil, portal.state == .unknown || portal.state == .notConfigured {
            portal.state = .notConfigured
            portal.reason = "No portal is configured: run `leadbox config set webhook URL`."
        }
        if json {
            var object: [String: JSONValue] = [:]
            for state in LeadState.allCases { object[state.rawValue] = .number(Double(counts[state])) }
            object["total"] = .number(Double(counts.total))
            object["synced_today"] = .number(Double(counts.syncedToday))
            object["notes"] = .object(["waiting": .number(Double(notes.waiting)), "failed": .number(Double(notes.failed))])
            object["database"] = .string(store.path)
            object["portal"] = .object([
                "state": .string(portal.state.rawValue),
                "reason": portal.reason.map { .string($0) } ?? .null,
                "next_attempt_at": portal.nextAttemptAt.map { .string(LeadJSON.timestamp($0)) } ?? .null,
                "last_success_at": portal.lastSuccessAt.map { .string(LeadJSON.timestamp($0)) } ?? .null,
                "address": address.map { .string($0) } ?? .null,
            ])
            LeadJSON.print(.object(object))
            return
        }
        Terminal.line("Portal: \(StatusText.portalLine(portal))")
        if let address { Terminal.line("Address: \(address)") }
        Terminal.line(
            "Waiting: \(counts.waiting)   Failed: \(counts[.failed])   Sent today: \(counts.syncedToday)   Sent in all: \(counts[.synced])   Total: \(counts.total)"
        )
        let outlook = DeliveryOutlook(
            waiting: counts.waiting, engineElsewhere: EngineLock.holder(forDatabase: store.path) != nil, portal: portal.state)
        Terminal.line(outlook.sentence.escapedForTerminal)
        if counts[.handedOver] > 0 {
            Terminal.line(
                "\(counts[.handedOver]) lead\(counts[.handedOver] == 1 ? " was" : "s were") handed over to another laptop and \(counts[.handedOver] == 1 ? "is" : "are") sent from there."
            )
        }
        if counts[.failed] > 0 {
            Terminal.line(
                "\(counts[.failed]) lead\(counts[.failed] == 1 ? " needs" : "s need") a person: `leadbox list --state failed`, then edit and `leadbox retry`."
            )
        }
        if notes.waiting > 0 {
            Terminal.line(
                "\(notes.waiting) note\(notes.waiting == 1 ? " or photo waits" : "s or photos wait") to be sent to the CRM (once their lead is in)."
            )
        }
        if notes.failed > 0 { Terminal.line(try RefusedNotes.sentence(store.failedNotes(), count: notes.failed)) }
        Terminal.line("Database: \(store.path)")
    }
}

/// The sentence `status` and `sync` print when notes or photos of leads already in the CRM did
/// not reach it — the portal refused them, or a photo field did not keep the file: which leads,
/// where to read why, how to send them again.
enum RefusedNotes {
    static func sentence(_ notes: [NoteRecord], count: Int) -> String {
        var leads: [Int64] = []
        for note in notes where !leads.contains(note.leadID) { leads.append(note.leadID) }
        let shown = leads.prefix(5).map { "#\($0)" }.joined(separator: ", ") + (leads.count > 5 ? " and others" : "")
        let photos = notes.filter { $0.fileName != nil }.count
        let what =
            photos == notes.count
            ? (count == 1 ? "photo" : "photos") : photos == 0 ? (count == 1 ? "note" : "notes") : "notes and photos"
        let example = leads.first.map(String.init) ?? "ID"
        return
            "\(count) \(what) of lead\(leads.count == 1 ? "" : "s") \(shown) did not reach the CRM: `leadbox show \(example)` says why; fix it, then `leadbox retry \(leads.count == 1 ? example : "--failed")` sends \(count == 1 ? "it" : "them") again."
    }
}

/// Shared wording of the portal's state for `status` and the UI.
enum StatusText {
    static func portalLine(_ portal: PortalStatus, now: Date = Date()) -> String {
        var line = portal.state.rawValue.replacingOccurrences(of: "_", with: " ")
        if let reason = portal.reason { line += ": \(reason)" }
        if let last = portal.lastSuccessAt { line += " (last success \(Terminal.age(of: last, now: now)))" }
        if let next = portal.nextAttemptAt, next > now, portal.state != .online {
            line += "; next attempt in \(Int(next.timeIntervalSince(now).rounded(.up)))s"
        }
        return line.escapedForTerminal
    }
}
