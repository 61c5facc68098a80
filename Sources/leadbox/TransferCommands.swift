import ArgumentParser
import ContactInput
import Foundation
import LeadCore
import LeadStore

/// `leadbox export`: the outbox as CSV (spreadsheet-ready, Cyrillic intact) or JSON.
struct Export: AsyncParsableCommand {
    enum Format: String, ExpressibleByArgument { case csv, json }

    static let configuration = CommandConfiguration(commandName: "export", abstract: "Write all leads as CSV or JSON to standard output.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "csv or json.") var format: Format = .csv
    @Option(help: "Only leads in this state.") var state: LeadState?

    static let metaColumns = CSVMapping.exportMetaColumns

    func run() async throws {
        let store = try Context(global).openStore(.read)
        let total = try store.count(state: state)
        var records: [LeadRecord] = []
        records.reserveCapacity(total)
        var offset = 0
        while offset < total {
            let page = try store.list(state: state, limit: 1000, offset: offset)
            if page.isEmpty { break }
            records += page
            offset += page.count
        }
        records.reverse()  // oldest first reads naturally in a spreadsheet
        switch format {
        case .json:
            LeadJSON.print(.array(records.map { LeadJSON.record($0) }))
        case .csv:
            let custom = Set(records.flatMap { $0.lead.values.keys.filter(LeadField.isCustomFieldName) }).sorted()
            let fieldColumns = Lead.csvFieldColumns + custom
            var out = CSV.byteOrderMark + CSV.line(Export.metaColumns + fieldColumns) + "\r\n"
            for record in records {
                let meta = [
                    String(record.id), record.uuid, record.state.rawValue, record.remoteID.map(String.init) ?? "",
                    LeadJSON.timestamp(record.createdAt), record.syncedAt.map(LeadJSON.timestamp) ?? "", record.lastErrorMessage ?? "",
                    record.rawScan ?? "",
                    LeadJSON.answersLine(record.qualification), record.rating ?? "", record.qualification.consent?.sentence ?? "",
                ]
                out += CSV.line(meta + fieldColumns.map { record.lead.csvCell($0) }) + "\r\n"
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }
}

/// `leadbox import FILE`: contacts from a CSV export (its header recognised, or `--map`) or a
/// vCard-family file, checked row by row before anything is saved.
struct Import: AsyncParsableCommand {
    enum UnknownColumns: String, ExpressibleByArgument { case skip, comments }

    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import contacts from a CSV export or a .vcf file with one or many cards.",
        discussion: """
            CSV headers are recognised: Google Contacts (current and legacy), Outlook (English, German, \
            Russian), LinkedIn Connections, Thunderbird, the macOS Address Book (tab-separated), HubSpot, \
            Salesforce reports, Eventbrite attendee reports, Bitrix24's lead and contact exports, a header of \
            lead field names (NAME,EMAIL,…), and everyday column names in English, German, Russian, French \
            and Spanish (Full Name, Email Address, Mobile, Business, Handy, ФИО, Эл. почта…). Several \
            e-mails or phones in one cell become several entries; rows with no contact data are skipped \
            and counted. Columns nothing knows are listed and skipped (--unknown comments keeps them in \
            COMMENTS); --map names any column. The text encoding is detected (--encoding overrides it).

            Every row is checked first: one bad row imports nothing (exit 65) unless --skip-invalid, which \
            imports the good rows and lists each skipped one (exit 65). Leads are saved in chunks, each \
            acknowledged on standard output as "imported N of M".

            Examples:
              Google Contacts (contacts.google.com → Export → Google CSV):
                leadbox import contacts.csv --dry-run
              LinkedIn (Settings → Data privacy → Get a copy of your data):
                leadbox import Connections.csv
              Any other list, naming its columns:
                leadbox import badges.csv --map 'Badge=UF_CRM_BADGE' --skip-invalid
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A .csv/.tsv export or a .vcf file (- reads standard input).") var file: String
    @Option(help: ArgumentHelp("The file's character set, such as windows-1251 or UTF-16; detected when left out.", valueName: "name"))
    var encoding: String?
    @Option(
        help: ArgumentHelp(
            "What a CSV column is, repeatable: a lead field, PHONE:MOBILE-style multifield with a type, or - to skip.", valueName: "Column=FIELD"))
    var map: [String] = []
    @Option(
        name: .customLong("map-file"), help: ArgumentHelp("A file of Column=FIELD lines (# starts a comment); --map wins over it.", valueName: "path")
    )
    var mapFile: String?
    @Option(help: "CSV columns no profile knows: skip them (listed on stderr) or keep them as lines in COMMENTS.")
    var unknown: UnknownColumns = .skip
    @Flag(
        name: .customLong("dry-run"),
        help: "Print the mapping, the counts, the first rows as they would be saved and every row's problem; save nothing.")
    var dryRun = false
    @Flag(name: .customLong("skip-invalid"), help: "Import the good rows and list each skipped row with its reason (exit 65).")
    var skipInvalid = false
    @Flag(help: "Print a JSON summary.") var json = false

    /// Leads saved per transaction: each chunk is acknowledged once committed.
    static let chunkSize = 50

    func run() async throws {
        let context = Context(global)
        let settings = try context.settings()
        let overrides = try mapOverrides()
        let bytes = try InputFile.bytes(file, what: "import")
        let plan = try ImportPlan(bytes: bytes, file: file, encoding: encoding, overrides: overrides, unknownToComments: unknown == .comments)
        // A dry run reads an existing database's cached schema but never creates one.
        var store: LeadStore?
        if !dryRun || FileManager.default.fileExists(atPath: context.databasePath) { store = try context.openStore() }
        let entries = plan.checked(profile: settings.event, schema: try store?.cachedSchema())
        if dryRun {
            ImportReport(plan: plan, entries: entries, file: file).print()
            if entries.contains(where: { !$0.problems.isEmpty }) && !skipInvalid { throw ExitCode(ExitStatus.dataError.rawValue) }
            return
        }
        for warning in plan.fileWarnings(unknownToComments: self.unknown == .comments) { Terminal.warning(warning) }
        let bad = entries.filter { !$0.problems.isEmpty }
        if let first = bad.first, !skipInvalid {
            let more = bad.count > 1 ? " \(bad.count - 1) more \(plan.unit)\(bad.count == 2 ? " has" : "s have") problems (see --dry-run)." : ""
            throw CommandFailure(
                "\(first.place) of \(file): \(first.problems[0])\(more) Nothing was imported; fix the file or use --skip-invalid.", .dataError)
        }
        for entry in entries where entry.problems.isEmpty {
            for warning in entry.warnings { Terminal.warning("\(entry.place): \(warning)") }
        }
        let leads = entries.filter { $0.problems.isEmpty }.map(\.lead)
        var saved: [LeadRecord] = []
        if let store {
            for start in stride(from: 0, to: leads.count, by: Import.chunkSize) {
                saved += try store.addAll(Array(leads[start..<min(start + Import.chunkSize, leads.count)]))
                if !json { Terminal.line("imported \(saved.count) of \(leads.count)") }
            }
        }
        if json {
            LeadJSON.print(
                .object([
                    "imported": .number(Double(saved.count)), "ids": .array(saved.map { .number(Double($0.id)) }),
                    "skipped": .array(bad.map { .object(["place": .string($0.place), "reason": .string($0.problems[0])]) }),
                ]))
        } else if let first = saved.first, let last = saved.last {
            Terminal.line("Imported \(saved.count) lead\(saved.count == 1 ? "" : "s") (#\(first.id)–#\(last.id)).")
        }
        guard bad.isEmpty else {
            for entry in bad { Terminal.error("\(entry.place) skipped: \(entry.problems[0])") }
            throw CommandFailure(
                "\(bad.count) \(plan.unit)\(bad.count == 1 ? "" : "s") of \(file) skipped (listed above); fix \(bad.count == 1 ? "it" : "them") and import \(bad.count == 1 ? "it" : "them") again.",
                .dataError)
        }
    }

    /// `--map-file` then `--map` (the command line wins), checked before the file is read.
    private func mapOverrides() throws -> CSVMapOverrides {
        var overrides = CSVMapOverrides()
        if let mapFile {
            let text = try InputFile.text(mapFile, what: "map")
            overrides = try CSVMapOverrides(CSVMapOverrides.assignments(inFile: text), source: "The map file \(mapFile)")
        }
        return overrides.merging(try CSVMapOverrides(map))
    }
}
