import ArgumentParser
import BadgeImage
import ContactInput
import Foundation
import LeadCore
import LeadStore

/// `leadbox add`: capture one lead, durably, online or not.
struct Add: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Capture one lead; it is on disk when this returns.",
        discussion: """
            Example: leadbox add --name Глеб --last-name Титов --company "ИП Титов" --phone "+7 999 123-45-67:MOBILE" --email gleb@example.com
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var fields: LeadFieldOptions
    @OptionGroup var qualifying: QualificationOptions
    @Option(help: ArgumentHelp("Fill fields from a vCard, MECARD, BIZCARD or au card file (- reads standard input).", valueName: "file")) var vcard:
        String?
    @Option(
        help: ArgumentHelp(
            "The --vcard file's character set when detection gets it wrong: UTF-8, UTF-16LE, windows-1251, KOI8-R, windows-1252, ISO-8859-15, Shift_JIS, ….",
            valueName: "name"))
    var encoding: String?
    @Option(
        help: ArgumentHelp(
            "Fill fields from the badge code in a photo (JPEG, PNG or an iPhone's HEIC), or from the business card in a photo without a code (see `leadbox scan`); a code's text, or a card's photo (downscaled), is kept with the lead.",
            valueName: "file")
    )
    var photo: String?
    @Option(
        help: ArgumentHelp(
            "Keep this JPEG (at most 300 KB) with the lead and attach it to the lead's timeline once the lead is in the CRM.",
            valueName: "file.jpg"))
    var attachPhoto: String?
    @Flag(help: "Print {\"id\",\"uuid\",\"state\",\"duplicates\"} as JSON.") var json = false

    func validate() throws {
        if encoding != nil, vcard == nil { throw ValidationError("--encoding names the character set of the --vcard file; give --vcard too.") }
        if photo != nil, vcard != nil { throw ValidationError("Give either --vcard or --photo, not both.") }
    }

    func run() async throws {
        let context = Context(global)
        let settings = try context.settings()
        var lead = Lead()
        var warnings: [String] = []
        if let vcard {
            let card = try Add.card(vcard, encoding: encoding)
            lead = card.lead
            warnings = card.warnings
        }
        var rawScan: String?
        var keptPhoto: LeadPhoto?
        if let photo {
            let source = InputFile.source(photo)
            let scanned = try PhotoScan(path: photo, source: source, profile: settings.event)
            guard let contact = scanned.contact else {
                if let hint = scanned.scan.decoderHint { Terminal.warning(hint) }  // a decoder to install
                throw PhotoScan.noCode(source)
            }
            lead = contact.lead
            warnings = contact.warnings
            rawScan = contact.raw
            let from = source.prefix(1).lowercased() + source.dropFirst()
            if let card = scanned.card, let picture = scanned.picture {
                // Compressed only when no --attach-photo replaces it; a photo that cannot be kept
                // costs the lead its picture, never the card's reading.
                if attachPhoto == nil {
                    do { keptPhoto = try LeadPhoto(fileName: photo, jpeg: OutboxPhoto.jpeg(of: picture)) } catch {
                        Terminal.warning("The card's photo could not be kept with the lead (\(error)); the fields read are saved.")
                    }
                }
                let unsure = card.reading.fields.filter(\.isUnsure).map(\.name)
                if !json {
                    Terminal.line(
                        "Read a business card from \(from): \(card.reading.fields.count) fields"
                            + (unsure.isEmpty ? "." : "; check \(Set(unsure).sorted().joined(separator: ", ")) with `leadbox edit`."))
                }
            } else if let code = scanned.scan.badgeCode, !json {
                Terminal.line("Read \(code.format) from \(from): \(code.text.debugDescription.escapedForTerminal)")
            }
        }
        try fields.apply(to: &lead, replacing: true)
        if lead.isEmpty {
            throw UsageError("Nothing to save: give at least one of --title, --name, --last-name, --company, --phone or --email.")
        }
        let attached = try attachPhoto.map {
            try LeadPhoto(fileName: $0 == "-" ? "photo.jpg" : $0, jpeg: try InputFile.bytes($0, what: "photo"))
        }
        let request = CaptureRequest(
            lead: lead, profile: settings.event, qualification: try qualifying.qualification(for: settings.event), rawScan: rawScan,
            photo: attached ?? keptPhoto)
        let store = try context.openStore()
        if let schema = try store.cachedSchema(), let problem = settings.event.problems(against: schema).first {
            throw ConfigError(problem)
        }
        let result = try store.add(request)
        let record = result.record
        if json {
            var object: [String: JSONValue] = [
                "id": .number(Double(record.id)), "uuid": .string(record.uuid), "state": .string(record.state.rawValue),
                "duplicates": .array(
                    result.duplicates.map {
                        .object([
                            "id": .number(Double($0.leadID)), "title": .string($0.title), "kind": .string($0.kind.rawValue.lowercased()),
                            "value": .string($0.value),
                        ])
                    }),
            ]
            if let rawScan { object["raw_scan"] = .string(rawScan) }  // --photo: what the code held
            LeadJSON.print(.object(object))
        } else {
            Terminal.line("Saved lead #\(record.id) (\(record.state.word)): \(record.title.escapedForTerminal)")
        }
        for duplicate in result.duplicates {
            Terminal.warning(
                "lead #\(duplicate.leadID) (\(duplicate.title)) has the same \(duplicate.kind.spokenName) \(duplicate.value); both are kept.")
        }
        for warning in warnings + request.warnings.map(\.message) { Terminal.warning(warning) }
    }

    /// The one card of a `--vcard` file (any card format, any encoding).
    static func card(_ path: String, encoding: String?) throws -> ParsedContact {
        let source = InputFile.source(path)
        let cards = try ContactInput.cards(in: InputFile.bytes(path, what: "vCard"), encoding: encoding, source: source)
        guard cards.count == 1 else {
            throw UsageError(
                "\(source) holds \(cards.count) cards; add them with `leadbox import \(path == "-" ? "-" : path.escapedForTerminal)`, or give a file with one card."
            )
        }
        return cards[0]
    }
}

/// `leadbox edit ID`: change a lead that has not reached the portal.
struct Edit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a waiting or failed lead; `--field KEY=` clears a field, --phone/--email replace that kind.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The lead's number.") var id: Int64
    @OptionGroup var fields: LeadFieldOptions
    @Flag(help: "Print the lead as JSON.") var json = false

    func run() async throws {
        let store = try Context(global).openStore()
        var lead = try store.record(id: id).lead
        guard try !fields.assignments().isEmpty else {
            throw UsageError("Nothing to change: give the fields to edit, such as --email new@example.com.")
        }
        try fields.apply(to: &lead, replacing: true)
        lead.fillTitleIfEmpty()
        let record = try store.edit(id: id, lead: lead)
        if json {
            LeadJSON.print(LeadJSON.record(record))
        } else {
            Terminal.line(
                "Updated lead #\(record.id) (\(record.state.word))"
                    + (record.state == .failed ? "; run `leadbox retry \(record.id)` to send it again." : "."))
        }
        for warning in lead.warnings() { Terminal.warning(warning.message) }
    }
}

/// `leadbox discard ID`: decide a lead should not be sent.
struct Discard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "discard", abstract: "Mark a waiting or failed lead as not to be sent.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The lead's number.") var id: Int64

    func run() async throws {
        let record = try Context(global).openStore().discard(id: id)
        Terminal.line("Discarded lead #\(record.id): \(record.title.escapedForTerminal)")
    }
}

/// `leadbox retry ID | --failed`: put failed leads, and notes or photos the portal refused, back
/// in the queue after a fix.
struct Retry: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry", abstract: "Send failed leads again (after `edit` fixed them), and photos or notes the portal refused.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The lead's number.") var id: Int64?
    @Flag(help: "Retry every failed lead, note and photo.") var failed = false

    func validate() throws {
        if (id == nil) == !failed { throw ValidationError("Give either a lead number or --failed.") }
    }

    func run() async throws {
        let store = try Context(global).openStore()
        if let id {
            let requeued = try store.retry(id: id)
            let notes = Self.notes(requeued.notes)
            Terminal.line(
                requeued.leads > 0
                    ? "Lead #\(id)\(notes.map { " and its \($0)" } ?? "") \(notes == nil ? "is" : "are") waiting to be sent again."
                    : "Lead #\(id)'s \(notes ?? "") \(requeued.notes == 1 ? "is" : "are") waiting to be sent again.")
        } else {
            let count = try store.retryAllFailed()
            var parts: [String] = []
            if count.leads > 0 { parts.append("\(count.leads) failed lead\(count.leads == 1 ? "" : "s")") }
            if let notes = Self.notes(count.notes) { parts.append(notes) }
            Terminal.line(
                parts.isEmpty
                    ? "No failed leads, notes or photos."
                    : "\(parts.joined(separator: " and ")) \(count.leads + count.notes == 1 ? "is" : "are") waiting to be sent again.")
        }
    }

    /// "1 failed note or photo", "3 failed notes or photos"; nil for none.
    private static func notes(_ count: Int) -> String? {
        count == 0 ? nil : "\(count) failed note\(count == 1 ? " or photo" : "s or photos")"
    }
}
