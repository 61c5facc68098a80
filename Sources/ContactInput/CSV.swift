import LeadCore

/// A CSV file could not be read; `description` names the row.
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The field separators contact exporters use: `,` (most), `;` (a Russian- or German-locale
/// Excel, Bitrix24) and TAB (the macOS Address Book, "tab-separated" exports).
public enum CSVDelimiter: UInt8, Sendable, CaseIterable {
    case comma = 0x2C
    case tab = 0x09
    case semicolon = 0x3B

    /// How the delimiter is shown in `--dry-run`.
    public var name: String {
        switch self {
        case .comma: "comma"
        case .tab: "TAB"
        case .semicolon: "semicolon"
        }
    }
}

/// One record of a CSV file: its fields and the line of the file it starts on (what a person
/// finds in an editor or a spreadsheet, preamble lines included).
public struct CSVRecord: Sendable, Equatable {
    public var fields: [String]
    public var line: Int

    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// RFC 4180 CSV as spreadsheet programs write and read it, read leniently.
///
/// Export writes a UTF-8 byte-order mark and CRLF line ends, which is what makes Excel and
/// LibreOffice open Cyrillic text correctly. Reading accepts CRLF, LF and CR, quoted fields with
/// line breaks, and a quote inside an unquoted field as a plain character (as spreadsheets do),
/// because a contact file is never refused for a style choice of the program that wrote it.
/// The scanner works on UTF-8 bytes: every character it looks for is ASCII, and it stays linear
/// on megabyte fields.
public enum CSV {
    public static let byteOrderMark = "\u{FEFF}"

    /// Rows of fields, every line split with the delimiter its header line uses most.
    public static func parse(_ text: String) throws(CSVError) -> [[String]] {
        let lines = CSVLines(text)
        if let open = lines.unterminatedLine {
            throw CSVError("Row \(open) has a quoted field that never ends; a closing quote is missing.")
        }
        guard let first = lines.records.first else { return [] }
        let delimiter = lines.delimiter(of: first)
        return lines.records.map { lines.fields(of: $0, delimiter: delimiter) }
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

/// The logical lines of a CSV text (a quoted line break does not end one), before they are split
/// into fields, so the header and the rows can each be split with their own delimiter.
public struct CSVLines: Sendable {
    /// A logical line: its bytes and the file line it starts on.
    public struct Line: Sendable {
        let bytes: Range<Int>
        public let number: Int
    }

    let bytes: [UInt8]
    /// Every non-blank logical line, in order.
    public let records: [Line]
    /// The line where a quoted field opens and never closes (it then runs to the end of input).
    public let unterminatedLine: Int?

    private static let quote: UInt8 = 0x22, cr: UInt8 = 0x0D, lf: UInt8 = 0x0A, space: UInt8 = 0x20

    public init(_ text: String) {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        self.bytes = bytes
        let (records, open) = bytes.withUnsafeBufferPointer(CSVLines.split)
        self.records = records
        self.unterminatedLine = open
    }

    /// The scan behind `init`, on a buffer pointer so a debug build stays fast on megabytes.
    private static func split(_ bytes: UnsafeBufferPointer<UInt8>) -> ([Line], Int?) {
        var records: [Line] = []
        var index = 0
        var start = 0
        var line = 1
        var startLine = 1
        var inQuotes = false
        var atFieldStart = true
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == quote {
                    if index + 1 < bytes.count, bytes[index + 1] == quote {
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else if byte == lf || (byte == cr && (index + 1 == bytes.count || bytes[index + 1] != lf)) {
                    line += 1
                }
                index += 1
                continue
            }
            switch byte {
            case quote:
                if atFieldStart { inQuotes = true }
                atFieldStart = false
            case space:
                break
            case cr, lf:
                if bytes[start..<index].contains(where: { $0 != space && $0 != 0x09 }) {
                    records.append(Line(bytes: start..<index, number: startLine))
                }
                if byte == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
                line += 1
                start = index + 1
                startLine = line
                atFieldStart = true
            default:
                atFieldStart = CSVDelimiter(rawValue: byte) != nil
            }
            index += 1
        }
        if start < bytes.count, bytes[start...].contains(where: { $0 != space && $0 != 0x09 }) {
            records.append(Line(bytes: start..<bytes.count, number: startLine))
        }
        return (records, inQuotes ? startLine : nil)
    }

    /// The delimiter `line` uses most outside quotes (`,` when it has none, as in a one-column file).
    public func delimiter(of line: Line) -> CSVDelimiter {
        var counts: [CSVDelimiter: Int] = [:]
        var inQuotes = false
        for byte in bytes[line.bytes] {
            if byte == CSVLines.quote {
                inQuotes.toggle()
            } else if !inQuotes, let delimiter = CSVDelimiter(rawValue: byte) {
                counts[delimiter, default: 0] += 1
            }
        }
        var best = CSVDelimiter.comma
        var bestCount = 0
        for delimiter in CSVDelimiter.allCases where (counts[delimiter] ?? 0) > bestCount {  // ties go to the earlier case
            best = delimiter
            bestCount = counts[delimiter] ?? 0
        }
        return best
    }

    /// The delimiter of the rows under a header of `columns` fields: the header's own, unless
    /// another one splits more of the first rows into exactly that many fields (a comma header
    /// over TAB rows, as some exporters write).
    public func rowDelimiter(rows: ArraySlice<Line>, columns: Int, header: CSVDelimiter) -> CSVDelimiter {
        let sample = rows.prefix(20)
        func fits(_ delimiter: CSVDelimiter) -> Int { sample.filter { fieldCount(of: $0, delimiter: delimiter) == columns }.count }
        let headerFits = fits(header)
        let best = CSVDelimiter.allCases.filter { $0 != header }.map { ($0, fits($0)) }.max { $0.1 < $1.1 }
        guard let best, best.1 > headerFits, columns > 1 else { return header }
        return best.0
    }

    /// How many fields `line` splits into with `delimiter`, without building them.
    func fieldCount(of line: Line, delimiter: CSVDelimiter) -> Int {
        var count = 1
        var inQuotes = false
        for byte in bytes[line.bytes] {
            if byte == CSVLines.quote { inQuotes.toggle() } else if !inQuotes, byte == delimiter.rawValue { count += 1 }
        }
        return count
    }

    /// The fields of `line`: a quoted field may hold delimiters, line breaks and doubled quotes;
    /// text after a closing quote and quotes inside an unquoted field are kept as typed.
    public func fields(of line: Line, delimiter: CSVDelimiter) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var index = line.bytes.lowerBound
        let end = line.bytes.upperBound
        var inQuotes = false
        var fieldStarted = false
        while index < end {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == CSVLines.quote {
                    if index < end, bytes[index] == CSVLines.quote {
                        field.append(CSVLines.quote)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    // Copy the run up to the next quote at once: megabyte fields stay cheap.
                    let run = bytes[(index - 1)..<end].firstIndex(of: CSVLines.quote) ?? end
                    field.append(contentsOf: bytes[(index - 1)..<run])
                    index = run
                }
                continue
            }
            if byte == delimiter.rawValue {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                fieldStarted = false
            } else if byte == CSVLines.quote, !fieldStarted {
                inQuotes = true
                fieldStarted = true
                field.removeAll(keepingCapacity: true)  // spaces before the opening quote
            } else {
                if byte != CSVLines.space { fieldStarted = true }
                field.append(byte)
            }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
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
