import ContactInput
import Foundation
import LeadCore

/// `import --dry-run`: how the file was read, what each column becomes, the counts, the first
/// leads as they would be saved and every problem, so a person can fix the file or the `--map`
/// before anything is written.
struct ImportReport {
    let plan: ImportPlan
    let entries: [ImportPlan.Entry]
    let file: String

    /// How many leads are shown in full.
    static let sampleCount = 3

    func print() {
        Terminal.line("Dry run of \(file.escapedForTerminal): nothing is saved.")
        if let csv = plan.csv {
            let delimiter =
                csv.rowDelimiter == csv.headerDelimiter
                ? csv.headerDelimiter.name : "\(csv.headerDelimiter.name) header, \(csv.rowDelimiter.name) rows"
            Terminal.line("Read as: \(csv.mapping.profile) (\(plan.encoding), \(delimiter), header on line \(csv.headerLine))")
            Terminal.line("Columns:")
            let suspect = Dictionary(csv.suspectColumns.map { ($0.column, $0) }) { first, _ in first }
            for (index, (column, target)) in zip(csv.mapping.header, csv.mapping.targets).enumerated() where !column.trimmingSpaces.isEmpty {
                Terminal.line(
                    "  \"\(column.escapedForTerminal)\" → \(ImportReport.reading(column, target, note: csv.mapping.notes[index], suspect: suspect[column.trimmingSpaces], toComments: csv.mapping.unknownToComments).escapedForTerminal)"
                )
            }
        } else {
            Terminal.line("Read as: cards (\(plan.encoding))")
        }
        let bad = entries.filter { !$0.problems.isEmpty }
        var skipped = ""
        if let csv = plan.csv {
            if csv.emptyRows > 0 { skipped += ", \(csv.emptyRows) empty ignored" }
            if !csv.rowsWithoutContact.isEmpty { skipped += ", \(csv.rowsWithoutContact.count) without contact data skipped" }
            if !csv.footerLines.isEmpty { skipped += ", \(csv.footerLines.count) footer line\(csv.footerLines.count == 1 ? "" : "s") skipped" }
        }
        Terminal.line("\(plan.unit.capitalized)s: \(entries.count) — \(entries.count - bad.count) ready, \(bad.count) with problems\(skipped)")
        for warning in plan.fileWarnings(unknownToComments: plan.csv?.mapping.unknownToComments ?? false) {
            Terminal.line("  Note: \(warning)")
        }
        for entry in entries {
            for problem in entry.problems { Terminal.line("  \(entry.place): \(problem.escapedForTerminal)") }
            for warning in entry.warnings { Terminal.line("  \(entry.place) (warning): \(warning.escapedForTerminal)") }
        }
        let sample = entries.filter { $0.problems.isEmpty }.prefix(ImportReport.sampleCount)
        if !sample.isEmpty { Terminal.line("First leads as they would be saved:") }
        for entry in sample {
            Terminal.line("  \(entry.place): \(ImportReport.describe(entry.lead).escapedForTerminal)")
        }
    }

    /// How one column is read: its field, or skipped and why.
    static func reading(_ column: String, _ target: CSVTarget?, note: String?, suspect: CSVImport.SuspectColumn?, toComments: Bool) -> String {
        let name = column.trimmingSpaces
        guard let target else {
            let fate = toComments ? "a line in COMMENTS (no lead field has this name)" : "skipped (no lead field has this name)"
            if let suspect {
                let what = suspect.field == "EMAIL" ? "e-mail addresses" : "phone numbers"
                return "\(fate), though it holds \(what): --map '\(name)=\(suspect.field)' keeps them"
            }
            return toComments ? fate : "\(fate); --map '\(name)=FIELD' names it"
        }
        let meaning = target == .ignored ? "skipped (nothing for a lead)" : target.summary
        return note.map { "\(meaning) — \($0)" } ?? meaning
    }

    /// `NAME=Anna · EMAIL=anna@example.com (WORK) · …`, fields in the portal's order.
    static func describe(_ lead: Lead) -> String {
        let columns = Lead.csvFieldColumns + lead.values.keys.filter(LeadField.isCustomFieldName).sorted()
        return columns.compactMap { column in
            let cell = lead.csvCell(column)
            return cell.isEmpty ? nil : "\(column)=\(cell)"
        }.joined(separator: " · ")
    }
}
