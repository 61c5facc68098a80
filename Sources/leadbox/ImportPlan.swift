import ContactInput
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
            let table = try CSVImport(
                text: decoded.text, file: file == "-" ? "standard input" : file, overrides: overrides, unknownToComments: unknownToComments)
            csv = table
            entries = table.rows.map { Entry(place: "Row \($0.line)", lead: $0.lead, warnings: $0.warnings, problems: $0.problems) }
        }
    }

    /// The entries as they would be saved, each built as every front door builds a lead
    /// (`CaptureRequest`: the event's defaults, the title rule), with every problem the lead's own
    /// rules and the cached portal schema find, and the lead's warnings.
    func checked(profile: EventProfile, schema: PortalSchema?) -> [Entry] {
        entries.map { entry in
            var entry = entry
            let request = CaptureRequest(lead: entry.lead, profile: profile)
            entry.lead = request.lead
            entry.problems += request.problems(against: schema).map(\.message)
            entry.warnings += request.warnings.map(\.message)
            return entry
        }
    }

    /// What a CSV import says about the file as a whole, one sentence each: columns skipped (or
    /// kept in COMMENTS), unknown columns that look like e-mails or phones with the `--map` that
    /// would keep them, rows skipped for holding no contact data, and a report footer dropped.
    func fileWarnings(unknownToComments: Bool) -> [String] {
        guard let csv else { return [] }
        var warnings: [String] = []
        let suspect = Set(csv.suspectColumns.map(\.column))
        let plain = csv.mapping.unknownColumns.filter { !suspect.contains($0.trimmingSpaces) }
        if !plain.isEmpty {
            let names = plain.map { column -> String in
                let guess = csv.mapping.recognised ? "" : LeadField.closest(to: column).map { " (did you mean \($0)?)" } ?? ""
                return "\"\(column.escapedForTerminal)\"\(guess)"
            }.joined(separator: ", ")
            warnings.append(
                unknownToComments
                    ? "Columns kept as lines in COMMENTS: \(names)."
                    : "Columns skipped, no lead field: \(names); name them with --map 'Column=FIELD' or keep them with --unknown comments.")
        }
        for column in csv.suspectColumns {
            let what = column.field == "EMAIL" ? "e-mail addresses" : "phone numbers"
            let fate = unknownToComments ? "went to COMMENTS" : "were skipped"
            warnings.append(
                "Column \"\(column.column.escapedForTerminal)\" holds \(what) (\(column.matching) of \(column.filled) filled cells), which \(fate) because no lead field has that name; keep them with --map '\(column.column.escapedForTerminal)=\(column.field)'."
            )
        }
        if !csv.rowsWithoutContact.isEmpty {
            let held = csv.withoutContactColumns.prefix(5).map { "\"\($0.escapedForTerminal)\"" }.joined(separator: ", ")
            let only = held.isEmpty ? "" : " (only \(held)\(csv.withoutContactColumns.count > 5 ? ", …" : ""))"
            warnings.append(
                "\(ImportPlan.rowList(csv.rowsWithoutContact)) \(csv.rowsWithoutContact.count == 1 ? "holds" : "hold") no name, company, phone or e-mail\(only), so \(csv.rowsWithoutContact.count == 1 ? "it was" : "they were") skipped."
            )
        }
        if !csv.footerLines.isEmpty {
            warnings.append(
                "\(csv.footerLines.count == 1 ? "Line" : "Lines") \(ImportPlan.numbers(csv.footerLines)) at the end \(csv.footerLines.count == 1 ? "is" : "are") a report footer (one field each), not contacts, and \(csv.footerLines.count == 1 ? "was" : "were") skipped."
            )
        }
        return warnings
    }

    /// "Row 7" or "Rows 7, 9 and 12" (the first ten, then how many more).
    static func rowList(_ lines: [Int]) -> String {
        "\(lines.count == 1 ? "Row" : "Rows") \(numbers(lines))"
    }

    static func numbers(_ lines: [Int]) -> String {
        let shown = lines.prefix(10).map(String.init)
        if lines.count > 10 { return shown.joined(separator: ", ") + " and \(lines.count - 10) more" }
        return shown.count == 1 ? shown[0] : shown.dropLast().joined(separator: ", ") + " and " + shown.last!
    }
}
