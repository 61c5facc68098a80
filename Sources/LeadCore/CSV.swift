/// A CSV file could not be read; `description` names the row.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// RFC 4180 CSV as spreadsheet programs write and read it.
///
/// Export writes a UTF-8 byte-order mark and CRLF line ends, which is what makes Excel and
/// LibreOffice open Cyrillic text correctly; import accepts the mark, CRLF or LF, quoted fields
/// with embedded newlines, and a `;` delimiter (what a Russian-locale Excel saves).
public enum CSV {
    public static let byteOrderMark = "\u{FEFF}"

    /// Parses `text` into rows of fields. The delimiter is `,` unless the header row has more `;`.
    public static func parse(_ text: String) throws(CSVError) -> [[String]] {
        var text = Substring(text)
        if text.hasPrefix(byteOrderMark) { text = text.dropFirst() }
        let headerLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let delimiter: Character = headerLine.filter({ $0 == ";" }).count > headerLine.filter({ $0 == "," }).count ? ";" : ","
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var fieldStarted = false
        var index = text.startIndex
        var rowNumber = 1
        while index < text.endIndex {
            let ch = text[index]
            index = text.index(after: index)
            if inQuotes {
                if ch == "\"" {
                    if index < text.endIndex, text[index] == "\"" { field.append("\""); index = text.index(after: index) } else { inQuotes = false }
                } else {
                    field.append(ch)
                }
                continue
            }
            switch ch {
            case "\"" where !fieldStarted:
                inQuotes = true
                fieldStarted = true
            case "\"":
                throw CSVError("Row \(rowNumber) has a quote in the middle of an unquoted field; quote the whole field and double the inner quote.")
            case delimiter:
                row.append(field); field = ""; fieldStarted = false
            case "\n", "\r\n", "\r":
                row.append(field); field = ""; fieldStarted = false
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                row = []
                rowNumber += 1
            default:
                if !fieldStarted, ch == " " || ch == "\t" { continue }
                field.append(ch)
                fieldStarted = true
            }
        }
        if inQuotes { throw CSVError("Row \(rowNumber) has a quoted field that never ends; a closing quote is missing.") }
        if fieldStarted || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// One CSV line (without the line end), quoting fields that need it.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || $0 == ";" })
                || field.hasPrefix(" ") || field.hasSuffix(" ")
            {
                return "\"" + field.replacingQuotes() + "\""
            }
            return field
        }.joined(separator: ",")
    }
}

extension String {
    fileprivate func replacingQuotes() -> String {
        var out = ""
        for ch in self { if ch == "\"" { out += "\"\"" } else { out.append(ch) } }
        return out
    }
}

// MARK: - Leads as CSV

extension Lead {
    /// Column names of a lead CSV: every standard field, multifields as one column each.
    public static let csvFieldColumns: [String] = LeadField.all.map(\.name) + [LeadField.registerSonetEvent]

    /// The cell text of a field: multifields as `VALUE (TYPE)` joined by `; `.
    public func csvCell(_ column: String) -> String {
        if let kind = MultiFieldKind(rawValue: column) {
            return entries(kind).map { "\($0.value) (\($0.valueType))" }.joined(separator: "; ")
        }
        if column == "CONTACT_IDS" { return contactIDs.joined(separator: ",") }
        if column == LeadField.registerSonetEvent { return registerSonetEvent.map { $0 ? "Y" : "N" } ?? "" }
        return values[column] ?? ""
    }

    /// Sets a field from a CSV cell, the inverse of `csvCell`.
    public mutating func setCSVCell(_ column: String, _ cell: String) throws(LeadInputError) {
        guard !cell.trimmingSpaces.isEmpty else { return }
        if let kind = MultiFieldKind(rawValue: column.uppercased()) {
            for part in cell.split(separator: ";") {
                var text = part.trimmingSpaces
                var type = kind.defaultType
                if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
                    let candidate = text[text.index(after: open)..<text.index(before: text.endIndex)].uppercased()
                    if kind.allowedTypes.contains(candidate) {
                        type = candidate
                        text = text[..<open].trimmingSpaces
                    }
                }
                if text.isEmpty { continue }
                let parsed = MultiFieldValue.parse(text, for: kind)
                append(kind, parsed.valueType == kind.defaultType ? MultiFieldValue(value: parsed.value, valueType: type) : parsed)
            }
            return
        }
        try set(field: column, to: cell)
    }
}
