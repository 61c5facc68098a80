import ArgumentParser
import Foundation
import LeadCore
import LeadStore

/// `leadbox export`: the outbox as CSV (spreadsheet-ready, Cyrillic intact) or JSON.
struct Export: AsyncParsableCommand {
    enum Format: String, ExpressibleByArgument { case csv, json }

    static let configuration = CommandConfiguration(abstract: "Write all leads as CSV or JSON to standard output.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "csv or json.") var format: Format = .csv
    @Option(help: "Only leads in this state.") var state: LeadState?

    static let metaColumns = ["id", "uuid", "state", "remote_id", "created_at", "synced_at", "last_error", "answers", "rating", "consent"]

    func run() async throws {
        let store = try Context(global).openStore()
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
                let meta = [String(record.id), record.uuid, record.state.rawValue, record.remoteID.map(String.init) ?? "",
                            LeadJSON.timestamp(record.createdAt), record.syncedAt.map(LeadJSON.timestamp) ?? "", record.lastErrorMessage ?? "",
                            LeadJSON.answersLine(record.qualification), record.rating ?? "", record.qualification.consent?.sentence ?? ""]
                out += CSV.line(meta + fieldColumns.map { record.lead.csvCell($0) }) + "\r\n"
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }
}

/// `leadbox import FILE`: leads from a CSV with a header row of field names, or a .vcf file.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import leads from CSV (header row of field names) or a .vcf file with one or many cards.",
        discussion: "Every row is checked first; one bad row stops the import with nothing saved. Leads are then saved in chunks, each acknowledged on standard output.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "A .csv or .vcf file (- reads standard input).") var file: String
    @Flag(help: "Print a JSON summary.") var json = false

    /// Leads saved per transaction: each chunk is acknowledged once committed.
    static let chunkSize = 50

    func run() async throws {
        let context = Context(global)
        let settings = try context.settings()
        let text = try InputFile.text(file, what: "import")
        let isCard = file.lowercased().hasSuffix(".vcf") || ContactCard.looksLikeCard(text)
        var leads = isCard ? try ContactCard.parseAll(text) : try Import.leads(fromCSV: text)
        guard !leads.isEmpty else { throw UsageError("The file \(file) holds no leads.") }
        let store = try context.openStore()
        let schema = try store.cachedSchema()
        for index in leads.indices {
            leads[index].applyDefaults(settings.event.defaults)
            leads[index].fillTitleIfEmpty()
            if let first = leads[index].problems(against: schema).first {
                let place = isCard ? "Card \(index + 1)" : "Row \(index + 2)"
                throw UsageError("\(place) of \(file): \(first.message) Nothing was imported.")
            }
        }
        var saved: [LeadRecord] = []
        for start in stride(from: 0, to: leads.count, by: Import.chunkSize) {
            let chunk = Array(leads[start..<min(start + Import.chunkSize, leads.count)])
            saved += try store.addAll(chunk)
            if !json { Terminal.line("imported \(saved.count) of \(leads.count)") }
        }
        if json {
            LeadJSON.print(.object(["imported": .number(Double(saved.count)), "ids": .array(saved.map { .number(Double($0.id)) })]))
        } else {
            Terminal.line("Imported \(saved.count) lead\(saved.count == 1 ? "" : "s") (#\(saved.first!.id)–#\(saved.last!.id)).")
        }
    }

    /// Rows of a CSV whose header names lead fields (case-insensitive; export's own id/state
    /// columns are skipped so an export can be imported again).
    static func leads(fromCSV text: String) throws -> [Lead] {
        let rows = try CSV.parse(text)
        guard let header = rows.first else { throw UsageError("The CSV file is empty; it needs a header row of field names such as NAME,EMAIL.") }
        // Headers may be field names or common aliases ("First name", "E-mail", "Компания").
        let columns = header.map { LeadField.canonicalName($0) }
        for column in columns where !Export.metaColumns.contains(column.lowercased()) && !column.isEmpty {
            if LeadField.named(column) == nil && column != LeadField.registerSonetEvent {
                throw UsageError("Row 1 (header): \(LeadField.unknownFieldMessage(column))")
            }
        }
        var leads: [Lead] = []
        for (offset, row) in rows.dropFirst().enumerated() {
            let rowNumber = offset + 2
            guard row.count <= columns.count else {
                throw UsageError("Row \(rowNumber) has \(row.count) fields but the header has \(columns.count); check for an unquoted comma.")
            }
            var lead = Lead()
            for (column, cell) in zip(columns, row) where !Export.metaColumns.contains(column.lowercased()) && !column.isEmpty {
                do { try lead.setCSVCell(column, cell) } catch { throw UsageError("Row \(rowNumber): \(error.description)") }
            }
            if lead.isEmpty { continue }
            leads.append(lead)
        }
        return leads
    }
}
