/// A contact CSV read for import: the header found (after any preamble such as LinkedIn's
/// `Notes:` paragraph), how its columns map, and every row as a lead with its problems.
///
/// Only the file as a whole can be refused here (no header, nothing known in it, a `--map`
/// column it does not have); a bad row is reported on the row, so the caller decides whether
/// to import nothing or the good rows.
public struct CSVImport: Sendable {
    public let mapping: CSVMapping
    /// The file line of the header (1 unless a preamble comes first).
    public let headerLine: Int
    public let headerDelimiter: CSVDelimiter
    public let rowDelimiter: CSVDelimiter
    /// Every row that holds anything, in file order.
    public let rows: [CSVRow]
    /// Rows with no value in any mapped column (Outlook writes "Normal" priority even for those).
    public let emptyRows: Int

    /// How many leading lines may come before the header.
    static let preambleLimit = 20

    public init(text: String, file: String, overrides: CSVMapOverrides = CSVMapOverrides(), unknownToComments: Bool = false) throws(CSVError) {
        let lines = CSVLines(text)
        guard let first = lines.records.first else {
            throw CSVError("\(file) holds no rows; export the contacts again or check that this is the right file.")
        }
        // The header is the first of the leading lines that a profile recognises or that names
        // two fields; else the first line, if it names any. Lines are tried lazily, so the rows
        // under a header found early are never read as headers.
        var weak: (Int, CSVDelimiter, CSVMapping)?
        var strong: (Int, CSVDelimiter, CSVMapping)?
        for (offset, line) in lines.records.prefix(CSVImport.preambleLimit).enumerated() {
            let delimiter = lines.delimiter(of: line)
            guard let mapping = CSVMapping(header: lines.fields(of: line, delimiter: delimiter), overrides: overrides, unknownToComments: unknownToComments) else { continue }
            if mapping.profile != CSVMapping.fieldNamesProfile || mapping.mappedCount >= 2 { strong = (offset, delimiter, mapping); break }
            if offset == 0 { weak = (offset, delimiter, mapping) }
        }
        guard let found = strong ?? weak else {
            let fields = lines.fields(of: first, delimiter: lines.delimiter(of: first))
            try overrides.check(against: fields, file: file)  // a mistyped --map column is the likelier mistake
            throw CSVImport.noHeader(fields, file: file)
        }
        let (offset, delimiter, mapping) = found
        try overrides.check(against: mapping.header, file: file)
        let body = lines.records[(offset + 1)...]
        let rowDelimiter = lines.rowDelimiter(rows: body, columns: mapping.header.count, header: delimiter)
        var rows: [CSVRow] = []
        var empty = 0
        for line in body {
            var row = mapping.row(lines.fields(of: line, delimiter: rowDelimiter), line: line.number)
            if line.number == lines.unterminatedLine {
                row.problems.append("a quoted field starting on this row never ends; a closing quote is missing.")
            }
            if row.lead.isEmpty && row.problems.isEmpty { empty += 1 } else { rows.append(row) }
        }
        guard !rows.isEmpty else {
            throw CSVError("\(file) has a header but no contact rows under it; nothing to import.")
        }
        self.mapping = mapping
        self.headerLine = lines.records[offset].number
        self.headerDelimiter = delimiter
        self.rowDelimiter = rowDelimiter
        self.rows = rows
        self.emptyRows = empty
    }

    /// The sentence for a first line that is no header: data in it, or columns nothing knows.
    static func noHeader(_ fields: [String], file: String) -> CSVError {
        let cells = fields.map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        if let data = cells.first(where: { EmailAddress.looksValid($0) || PhoneNumber.looksValid($0) }) {
            return CSVError("The first line of \(file) holds contact data (\"\(data.escapedForTerminal)\"), not column names; add a header row such as NAME,LAST_NAME,EMAIL or name the columns with --map (see leadbox import --help).")
        }
        let shown = cells.prefix(5).map { "\"\($0.escapedForTerminal)\"" }.joined(separator: ", ")
        let example = cells.first.map { "--map '\($0.escapedForTerminal)=NAME'" } ?? "--map 'Column=NAME'"
        return CSVError("None of the columns of \(file) (\(shown)\(cells.count > 5 ? ", …" : "")) is a lead field or a column of a known export; say what they are with \(example) (see leadbox import --help).")
    }
}
