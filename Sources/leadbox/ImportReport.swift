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
            let delimiter = csv.rowDelimiter == csv.headerDelimiter ? csv.headerDelimiter.name : "\(csv.headerDelimiter.name) header, \(csv.rowDelimiter.name) rows"
            Terminal.line("Read as: \(csv.mapping.profile) (\(plan.encoding), \(delimiter), header on line \(csv.headerLine))")
            Terminal.line("Columns:")
            for (column, target) in zip(csv.mapping.header, csv.mapping.targets) where !column.trimmingSpaces.isEmpty {
                let meaning = target.map(\.summary) ?? (csv.mapping.unknownToComments ? "a line in COMMENTS (unknown column)" : "skipped (unknown column)")
                Terminal.line("  \"\(column.escapedForTerminal)\" → \(meaning)")
            }
        } else {
            Terminal.line("Read as: cards (\(plan.encoding))")
        }
        let bad = entries.filter { !$0.problems.isEmpty }
        let empty = plan.csv.map { $0.emptyRows > 0 ? ", \($0.emptyRows) empty ignored" : "" } ?? ""
        Terminal.line("\(plan.unit.capitalized)s: \(entries.count) — \(entries.count - bad.count) ready, \(bad.count) with problems\(empty)")
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

    /// `NAME=Anna · EMAIL=anna@example.com (WORK) · …`, fields in the portal's order.
    static func describe(_ lead: Lead) -> String {
        let columns = Lead.csvFieldColumns + lead.values.keys.filter(LeadField.isCustomFieldName).sorted()
        return columns.compactMap { column in
            let cell = lead.csvCell(column)
            return cell.isEmpty ? nil : "\(column)=\(cell)"
        }.joined(separator: " · ")
    }
}
