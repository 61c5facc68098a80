import LeadCore

/// `--map 'Column=FIELD'` and `--map-file FILE`: what the user says a column is, over any profile.
///
/// FIELD is a lead field (`NAME`, `UF_CRM_BADGE`), a multifield with an optional type
/// (`PHONE:MOBILE`), or `-` to skip the column. A FIELD that is no lead field is refused before
/// the file is read, so a typo never silently drops a column.
public struct CSVMapOverrides: Sendable {
    /// Column key (see `CSVProfile.key`) → target.
    private var targets: [String: CSVTarget] = [:]
    /// The columns as the user typed them, in order, to check against the header.
    public private(set) var columns: [String] = []

    public init() {}

    /// Reads `Column=FIELD` assignments; `source` names where they came from in error sentences.
    public init(_ assignments: [String], source: String = "--map") throws(CSVError) {
        for assignment in assignments {
            guard let eq = assignment.lastIndex(of: "="), eq != assignment.startIndex else {
                throw CSVError("\(source) takes 'Column=FIELD', such as --map 'Given Name=NAME'; \"\(assignment.escapedForTerminal)\" has no '='.")
            }
            let column = String(assignment[..<eq]).trimmingSpaces
            let field = String(assignment[assignment.index(after: eq)...]).trimmingSpaces
            targets[CSVProfile.key(column)] = try CSVMapOverrides.target(field, column: column, source: source)
            columns.append(column)
        }
    }

    /// The assignments of a map file: one `Column=FIELD` a line; blank lines and `#` comments skipped.
    public static func assignments(inFile text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    public var isEmpty: Bool { targets.isEmpty }

    public func target(_ column: String) -> CSVTarget? { targets[CSVProfile.key(column)] }

    /// Merges `other` over these (the command line wins over a map file).
    public func merging(_ other: CSVMapOverrides) -> CSVMapOverrides {
        var merged = self
        merged.targets.merge(other.targets) { $1 }
        merged.columns += other.columns
        return merged
    }

    /// Refuses a `--map` column the header does not have (a typo would otherwise map nothing).
    public func check(against header: [String], file: String) throws(CSVError) {
        let keys = Set(header.map(CSVProfile.key))
        for column in columns where !keys.contains(CSVProfile.key(column)) {
            let known = header.filter { !$0.trimmingSpaces.isEmpty }.prefix(8).map { "\"\($0.escapedForTerminal)\"" }.joined(separator: ", ")
            throw CSVError(
                "--map names the column \"\(column.escapedForTerminal)\", which the header of \(file) does not have; its columns start \(known).")
        }
    }

    private static func target(_ text: String, column: String, source: String) throws(CSVError) -> CSVTarget {
        if text == "-" || text.lowercased() == "skip" { return .ignored }
        let upper = text.uppercased()
        var name = upper
        var type: String?
        if let colon = upper.firstIndex(of: ":") {
            name = String(upper[..<colon])
            type = String(upper[upper.index(after: colon)...])
        }
        guard let field = LeadField.named(name) else {
            throw CSVError(
                "\(source) '\(column.escapedForTerminal)=\(text.escapedForTerminal)': \(LeadField.unknownFieldMessage(name)) Use -, a lead field or a UF_CRM_ field."
            )
        }
        if case .multi(let kind) = field.kind {
            let type = type ?? kind.defaultType
            guard kind.allowedTypes.contains(type) else {
                throw CSVError(
                    "\(source) '\(column.escapedForTerminal)=\(text.escapedForTerminal)': \(kind.rawValue) type must be one of \(kind.allowedTypes.joined(separator: ", "))."
                )
            }
            return .multi(kind, type: type)
        }
        guard type == nil else {
            throw CSVError("\(source) '\(column.escapedForTerminal)=\(text.escapedForTerminal)': only PHONE, EMAIL, WEB, IM and LINK take a :TYPE.")
        }
        return field.name == "BIRTHDATE" ? .birthday : .field(field.name)
    }
}
