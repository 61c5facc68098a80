import Foundation
import LeadCore

/// What `import` read from a file: every contact with its place in the file ("Row 7", "Card 2"),
/// before and after the checks a save would make. Nothing here writes.
struct ImportPlan {
    struct Entry {
        let place: String
        var lead: Lead
        var warnings: [String]
        var problems: [String]
    }

    /// The decoded text's encoding, as `--dry-run` shows it.
    let encoding: String
    /// The CSV reading (mapping, delimiters), or nil for a vCard-family file.
    let csv: CSVImport?
    let entries: [Entry]

    /// What one entry is called in sentences.
    var unit: String { csv == nil ? "card" : "row" }

    init(bytes: [UInt8], file: String, encoding override: String?, overrides: CSVMapOverrides, unknownToComments: Bool) throws {
        let source = InputFile.source(file)
        let decoded = try TextDecoding.decode(bytes, encoding: override, source: source)
        guard !decoded.text.trimmingSpaces.isEmpty else {
            throw UsageError("\(source) is empty; export the contacts again and import that file.")
        }
        encoding = decoded.encoding
        let format = ContactInput.format(of: decoded.text)
        if [.vcard, .mecard, .bizcard, .au].contains(format) || file.lowercased().hasSuffix(".vcf") {
            guard overrides.isEmpty else { throw UsageError("--map is for CSV files; \(file.escapedForTerminal) holds cards.") }
            csv = nil
            entries = try ContactInput.cards(in: bytes, encoding: override, source: source).enumerated().map { index, card in
                Entry(place: "Card \(index + 1)", lead: card.lead, warnings: card.warnings, problems: [])
            }
        } else {
            let table = try CSVImport(text: decoded.text, file: file == "-" ? "standard input" : file, overrides: overrides, unknownToComments: unknownToComments)
            csv = table
            entries = table.rows.map { Entry(place: "Row \($0.line)", lead: $0.lead, warnings: $0.warnings, problems: $0.problems) }
        }
    }

    /// The entries as they would be saved: event defaults and a title filled in, then every
    /// problem the lead's own rules and the cached portal schema find, and the lead's warnings.
    func checked(defaults: [String: String], schema: PortalSchema?) -> [Entry] {
        entries.map { entry in
            var entry = entry
            entry.lead.applyDefaults(defaults)
            entry.lead.fillTitleIfEmpty()
            entry.problems += entry.lead.problems(against: schema).map(\.message)
            entry.warnings += entry.lead.warnings().map(\.message)
            return entry
        }
    }

    /// One sentence listing the CSV columns that were skipped or kept in COMMENTS, or nil.
    func unknownColumnsWarning(unknownToComments: Bool) -> String? {
        guard let csv, !csv.mapping.unknownColumns.isEmpty else { return nil }
        let names = csv.mapping.unknownColumns.map { column -> String in
            let guess = csv.mapping.profile == CSVMapping.fieldNamesProfile ? LeadField.closest(to: column).map { " (did you mean \($0)?)" } ?? "" : ""
            return "\"\(column)\"\(guess)"
        }.joined(separator: ", ")
        if unknownToComments { return "Columns kept as lines in COMMENTS: \(names)." }
        return "Columns skipped, no lead field: \(names); name them with --map 'Column=FIELD' or keep them with --unknown comments."
    }
}
