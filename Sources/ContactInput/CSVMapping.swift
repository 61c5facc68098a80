import LeadCore

/// How the columns of one CSV header become lead fields: the recognised profile, `--map`
/// overrides, and the columns nothing knows (listed, skipped or kept in COMMENTS — never fatal).
public struct CSVMapping: Sendable {
    /// The recognised export ("Google Contacts", "Outlook", …) or "lead field names".
    public let profile: String
    public let header: [String]
    /// Per column: what it becomes, or nil when no profile, field name or `--map` knows it.
    public let targets: [CSVTarget?]
    /// Whether unknown columns are appended to COMMENTS as `Column: value` lines.
    public let unknownToComments: Bool
    /// A value column's label column (Google's "Phone 1 - Label" for "Phone 1 - Value").
    let labelColumns: [Int: Int]
    let valueSeparator: String?

    /// The profile name of a header made of lead field names (and leadbox's own export).
    public static let fieldNamesProfile = "lead field names"

    /// Columns leadbox's export writes about a lead's delivery, skipped when it is imported again.
    public static let exportMetaColumns = [
        "id", "uuid", "state", "remote_id", "created_at", "synced_at", "last_error", "raw_scan", "answers", "rating", "consent",
    ]

    /// The profile name of a header read through `HeaderSynonyms` ("Full Name", "Mobile", "Firma").
    public static let everydayProfile = "everyday column names"

    /// Whether a known export's signature or a `--map` made this mapping (not names alone), so a
    /// preamble line that happens to name one field is never taken for the header.
    public let recognised: Bool
    /// Per column, why it reads as it does when that is not plain from its name ("Name" beside
    /// "Vorname" is the last name).
    public let notes: [Int: String]

    /// The mapping of `header`, or nil when it names nothing a lead has (not a header at all).
    ///
    /// Each column is read by the first of: `--map`; the recognised export's own column; a lead
    /// field's API name as written (`NAME`, `TITLE`, `UF_CRM_BADGE`); an everyday name
    /// (`HeaderSynonyms`); a field name in other spellings ("First name", "E-mail").
    public init?(header: [String], overrides: CSVMapOverrides = CSVMapOverrides(), unknownToComments: Bool = false) {
        let keys = Set(header.map(CSVProfile.key))
        let exporter = CSVProfile.exporters.first { $0.matches(keys) }
        let ownExport = keys.contains("uuid") && keys.contains("remote_id")
        var usedSynonym = false
        let overridden = Set(header.indices.filter { overrides.target(header[$0]) != nil })
        var targets: [CSVTarget?] = header.map { column in
            if let target = overrides.target(column) { return target }
            if let target = exporter?.target(column) { return target }
            let asWritten = CSVProfile.cleaned(column)
            let written = asWritten.uppercased() == asWritten ? asWritten : ""
            if ownExport, CSVMapping.exportMetaColumns.contains(CSVProfile.key(column)) { return .ignored }
            if !written.isEmpty, LeadField.named(written) != nil || written == LeadField.registerSonetEvent {
                return CSVMapping.fieldNameTarget(written)
            }
            if let target = HeaderSynonyms.target(column) {
                usedSynonym = true
                return target
            }
            return CSVMapping.fieldNameTarget(column)
        }
        if exporter == nil, !targets.contains(where: { $0 != nil && $0 != .ignored }) { return nil }
        // An empty trailing column (Thunderbird ends every line with a comma) is nothing to report.
        for index in header.indices where targets[index] == nil && header[index].trimmingSpaces.isEmpty { targets[index] = .ignored }
        // "Name" is a whole name alone, the first name beside a last-name column and the last
        // name beside a first-name column (`Vorname;Name`, `Nombre;Apellidos`).
        var notes = Dictionary(uniqueKeysWithValues: overridden.map { ($0, "as your --map says") })
        let hasFirst = targets.contains(.field("NAME"))
        let hasLast = targets.contains(.field("LAST_NAME"))
        for index in header.indices
        where targets[index] == .fullName(.givenFirst) && HeaderSynonyms.isAmbiguousName(header[index]) && hasFirst != hasLast {
            targets[index] = .field(hasFirst ? "LAST_NAME" : "NAME")
            notes[index] =
                hasFirst
                ? "beside a first-name column, \"\(header[index].trimmingSpaces)\" is the last name"
                : "beside a last-name column, \"\(header[index].trimmingSpaces)\" is the first name"
        }
        self.notes = notes
        self.recognised = exporter != nil || !overridden.isEmpty
        self.profile =
            exporter?.name ?? (!overridden.isEmpty ? "your --map" : usedSynonym ? CSVMapping.everydayProfile : CSVMapping.fieldNamesProfile)
        self.header = header
        self.targets = targets
        self.unknownToComments = unknownToComments
        self.valueSeparator = exporter?.valueSeparator
        var labels: [Int: Int] = [:]
        let position = Dictionary(header.enumerated().map { (CSVProfile.key($0.element), $0.offset) }) { first, _ in first }
        for (index, target) in targets.enumerated() {
            guard case .labelled = target else { continue }
            let key = CSVProfile.key(header[index])
            for word in ["label", "type"] {
                if let sibling = position[key.replacingSuffix("value", with: word)] {
                    labels[index] = sibling
                    break
                }
            }
        }
        self.labelColumns = labels
    }

    /// Header columns nothing maps, in order.
    public var unknownColumns: [String] {
        header.indices.filter { targets[$0] == nil }.map { header[$0] }
    }

    /// How many columns feed the lead.
    public var mappedCount: Int {
        targets.filter { $0 != nil && $0 != .ignored }.count
    }

    /// A column named like a lead field ("EMAIL", "First name", "Компания") in a header that is
    /// not a known export's, or one of leadbox's own export columns.
    static func fieldNameTarget(_ column: String) -> CSVTarget? {
        let name = LeadField.canonicalName(column)
        if exportMetaColumns.contains(name.lowercased()) { return .ignored }
        if name == "BIRTHDATE" { return .birthday }
        if LeadField.named(name) != nil || name == LeadField.registerSonetEvent { return .field(name) }
        return nil
    }
}

// MARK: - One row

/// One data row mapped to a lead, with what could not be taken as it is.
public struct CSVRow: Sendable {
    /// The line of the file the row starts on.
    public let line: Int
    public var lead: Lead
    /// Values kept in another form ("Birthday --05-14" went to COMMENTS, …).
    public var warnings: [String]
    /// Why the row cannot be saved as it is; empty when it can.
    public var problems: [String]
}

extension CSVMapping {
    /// The lead a row of `fields` makes.
    public func row(_ fields: [String], line: Int) -> CSVRow {
        var lead = Lead()
        var problems: [String] = []
        var warnings: [String] = []
        var notes: [String] = []
        var lines: [String] = []
        var fullName: (String, CSVTarget.NameOrder)?
        var addresses: [Int: [(String, String)]] = [:]
        var birth: [CSVTarget.BirthPart: Int] = [:]
        var birthText: [String] = []
        if fields.count > targets.count, fields[targets.count...].contains(where: { $0.contains { !$0.isWhitespace } }) {
            problems.append("it has \(fields.count) fields but the header has \(targets.count); check for an unquoted delimiter.")
        }
        for (index, target) in targets.enumerated() where index < fields.count {
            let cell = fields[index].trimmedCell
            guard !cell.isEmpty else { continue }
            switch target {
            case nil:
                if unknownToComments { lines.append("\(header[index].trimmingSpaces): \(cell)") }
            case .ignored?:
                continue
            case .field(let name)?:
                if name == "COMMENTS" {
                    notes.append(fields[index])
                    continue
                }
                do { try lead.setCSVCell(name, cell) } catch { problems.append(error.description) }
            case .multi(let kind, let type)?:
                for value in values(in: cell, kind: kind) { lead.appendOnce(kind, MultiFieldValue(value: value, valueType: type)) }
            case .labelled(let kind)?:
                let label = labelColumns[index].flatMap { $0 < fields.count ? fields[$0] : nil } ?? ""
                let type = CSVMapping.valueType(label: label, kind: kind)
                for value in values(in: cell, kind: kind) { lead.appendOnce(kind, MultiFieldValue(value: value, valueType: type)) }
            case .fullName(let order)?:
                if fullName == nil { fullName = (cell, order) }
            case .birthday?:
                if let date = BirthdayText.isoDate(cell) {
                    lead["BIRTHDATE"] = date
                } else if !BirthdayText.isEmptyMarker(cell) {
                    lines.append("\(header[index].trimmingSpaces): \(cell)")
                    warnings.append("\(header[index].trimmingSpaces) \"\(cell.escapedForTerminal)\" is not a whole date, so it went to COMMENTS.")
                }
            case .birthPart(let part)?:
                birth[part] = Int(cell.trimmingSpaces)
                birthText.append("\(header[index].trimmingSpaces) \(cell)")
            case .address(let group, let field)?:
                addresses[group, default: []].append((field, cell))
            case .comment(let label)?:
                lines.append("\(label): \(cell)")
            }
        }
        // The lead has one address: the first group's (Business before Home in Outlook's order);
        // every other group is kept as a line in COMMENTS.
        for (rank, group) in addresses.keys.sorted().enumerated() {
            if rank == 0 {
                for (field, value) in addresses[group]! { lead[field] = lead[field].map { $0 + ", " + value } ?? value }
            } else {
                lines.append("Address: " + addresses[group]!.map(\.1).joined(separator: ", "))
            }
        }
        if !birthText.isEmpty {
            if let year = birth[.year], let month = birth[.month], let day = birth[.day], let text = BirthdayText.iso(year, month, day) {
                lead["BIRTHDATE"] = text
            } else {
                lines.append("Birthday: " + birthText.joined(separator: ", "))
                warnings.append(
                    "The birthday columns (\(birthText.joined(separator: ", ").escapedForTerminal)) do not make a whole date, so they went to COMMENTS."
                )
            }
        }
        if let (name, order) = fullName, (lead["NAME"] ?? "").isEmpty, (lead["LAST_NAME"] ?? "").isEmpty {
            if EmailAddress.looksValid(name) {
                lead.appendOnce(.email, MultiFieldValue(value: name, valueType: MultiFieldKind.email.defaultType))
            } else if !name.contains("@") {
                lead.setPersonName(name, order: order)
            } else {
                lines.append("Name: \(name)")
                warnings.append("The name \"\(name.escapedForTerminal)\" holds an @ but is no e-mail address, so it went to COMMENTS.")
            }
        }
        let comments = (notes + lines).joined(separator: "\n")
        if comments.contains(where: { !$0.isWhitespace }) { lead["COMMENTS"] = comments }
        return CSVRow(line: line, lead: lead, warnings: warnings, problems: problems)
    }

    /// The values of one multifield cell. Several are split apart where the exporter's separator
    /// (Google's ` ::: `, Bitrix24's `, `), a line break or ` ::: ` stands, and at `,` and `;` when
    /// every piece then looks like a value of that kind (`a@x.com, b@y.com; c@z.com`), so
    /// "+1 555 0100, ext. 12" or `"Smith, Anna" <anna@x.com>` stays one value.
    /// An e-mail written `"Name" <addr>` or `mailto:addr` is reduced to the address.
    func values(in cell: String, kind: MultiFieldKind) -> [String] {
        var parts = [cell]
        if let separator = valueSeparator { parts = parts.flatMap { $0.components(separatedBy: separator) } }
        parts = parts.flatMap { $0.components(separatedBy: ":::") }.flatMap { $0.split(whereSeparator: \.isNewline).map(String.init) }
        if kind == .email || kind == .phone {
            parts = parts.flatMap { part -> [String] in
                let pieces = CSVMapping.splitOutsideQuotes(part).map { CSVMapping.cleaned($0.trimmingSpaces, kind: kind) }.filter { !$0.isEmpty }
                guard pieces.count > 1 else { return [part] }
                return pieces.allSatisfy({ CSVMapping.looksLike($0, kind: kind) }) ? pieces : [part]
            }
        }
        if kind == .email {  // "a@x.com b@y.com"
            parts = parts.flatMap { part -> [String] in
                let pieces = part.split(whereSeparator: \.isWhitespace).map(String.init)
                return pieces.count > 1 && pieces.allSatisfy(EmailAddress.looksValid) ? pieces : [part]
            }
        }
        return parts.map { CSVMapping.cleaned($0.trimmingSpaces, kind: kind) }.filter { !$0.isEmpty }
    }

    /// `text` cut at each `,` and `;` outside double quotes, so `"Smith, Anna" <a@x.com>, b@y.com`
    /// is two pieces.
    static func splitOutsideQuotes(_ text: String) -> [Substring] {
        var pieces: [Substring] = []
        var start = text.startIndex
        var inQuotes = false
        for index in text.indices {
            if text[index] == "\"" {
                inQuotes.toggle()
            } else if !inQuotes, text[index] == "," || text[index] == ";" {
                pieces.append(text[start..<index])
                start = text.index(after: index)
            }
        }
        pieces.append(text[start...])
        return pieces
    }

    /// An e-mail without its display name or `mailto:`; other values as they are.
    static func cleaned(_ value: String, kind: MultiFieldKind) -> String {
        guard kind == .email else { return value }
        var value = value
        if let open = value.lastIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close {
            value = value[value.index(after: open)..<close].trimmingSpaces
        }
        if value.lowercased().hasPrefix("mailto:") { value = String(value.dropFirst(7)) }
        return value
    }

    /// Whether a value reads as an e-mail address or a phone number (at least 5 digits, nothing
    /// but digits, `+`, spaces, dashes, dots and brackets, or such a number with an extension).
    static func looksLike(_ value: String, kind: MultiFieldKind) -> Bool {
        switch kind {
        case .email: EmailAddress.looksValid(value)
        case .phone: PhoneNumber.looksValid(value) || PhoneNumber.oddity(value) == "has an extension" && value.filter(\.isNumber).count >= 5
        default: false
        }
    }

    /// The VALUE_TYPE for an exporter's label ("* Mobile", "Work Fax", "Home", a custom label).
    static func valueType(label: String, kind: MultiFieldKind) -> String {
        let label = label.lowercased()
        func has(_ words: String...) -> Bool { words.contains { label.contains($0) } }
        if label.trimmingSpaces.isEmpty || label.trimmingSpaces == "*" { return kind.defaultType }
        switch kind {
        case .phone:
            if has("fax") { return "FAX" }
            if has("mobile", "cell", "iphone") { return "MOBILE" }
            if has("pager") { return "PAGER" }
            if has("home") { return "HOME" }
            if has("work", "business", "main", "company") { return "WORK" }
        case .email, .web:
            if has("home", "personal", "blog") { return "HOME" }
            if has("work", "business", "homepage", "profile") { return "WORK" }
        case .im, .link:
            break
        }
        return "OTHER"
    }
}

extension Lead {
    /// Appends an entry unless the lead has the same value of that kind already (Outlook repeats
    /// the business phone as "Primary Phone").
    mutating func appendOnce(_ kind: MultiFieldKind, _ entry: MultiFieldValue) {
        guard !entries(kind).contains(where: { $0.value == entry.value }) else { return }
        append(kind, entry)
    }

    /// NAME, SECOND_NAME and LAST_NAME from a whole name, by vCard's FN rule: the last word is the
    /// family name, the words before it the given names ("Anna Maria Schmidt").
    ///
    /// Russian names are written both ways, so the patronymic (-вич, -вна, -ична, -оглы, -кызы)
    /// tells the order: "Иванов Иван Иванович" is family name first (as ФИО is always written),
    /// "Иван Иванович Петров" given name first, "Иван Иванович" has no family name. Three
    /// Cyrillic words without a patronymic are read family name first, the ФИО order of Russian
    /// lists. "Smith, Anna" is family name first. Under a ФИО header (`order: .familyFirst`)
    /// the words are always Фамилия Имя Отчество, and one word is the family name.
    mutating func setPersonName(_ fullName: String, order: CSVTarget.NameOrder = .givenFirst) {
        let commaParts = fullName.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
        if order == .givenFirst, commaParts.count == 2, !commaParts[0].isEmpty, !commaParts[1].isEmpty, !commaParts[0].contains(" ") {
            self["LAST_NAME"] = commaParts[0]
            self["NAME"] = commaParts[1]
            return
        }
        let words = fullName.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return }
        func patronymic(_ word: String) -> Bool {
            let lower = word.lowercased()
            return word.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) }
                && ["вич", "вна", "ична", "оглы", "кызы", "улы", "уулу"].contains { lower.hasSuffix($0) } && lower.count > 4
        }
        let cyrillic = fullName.unicodeScalars.contains { (0x400...0x4FF).contains($0.value) }
        if order == .familyFirst {
            self["LAST_NAME"] = words[0]
            if words.count > 1 { self["NAME"] = words[1] }
            if words.count > 2 { self["SECOND_NAME"] = words[2...].joined(separator: " ") }
            return
        }
        switch words.count {
        case 1:
            self["NAME"] = words[0]
        case 2 where patronymic(words[1]):
            self["NAME"] = words[0]
            self["SECOND_NAME"] = words[1]
        case 3 where patronymic(words[1]):
            self["NAME"] = words[0]
            self["SECOND_NAME"] = words[1]
            self["LAST_NAME"] = words[2]
        case 3 where cyrillic:
            self["LAST_NAME"] = words[0]
            self["NAME"] = words[1]
            self["SECOND_NAME"] = words[2]
        default:
            self["NAME"] = words.dropLast().joined(separator: " ")
            self["LAST_NAME"] = words.last
        }
    }

}

/// Birthdays as contact programs write them.
enum BirthdayText {
    /// `YYYY-MM-DD` for an ISO date (a time after it is dropped), `M/D/YYYY` (Outlook English;
    /// read as `D/M/YYYY` when the first number cannot be a month) or `D.M.YYYY` (German, Russian).
    static func isoDate(_ text: String) -> String? {
        let text = text.trimmingSpaces
        if text.count >= 10, ISODate(String(text.prefix(10))) != nil,
            text.count == 10 || "T ".contains(text[text.index(text.startIndex, offsetBy: 10)])
        {
            return String(text.prefix(10))
        }
        for separator: Character in ["/", "."] {
            let parts = text.split(separator: separator).compactMap { Int($0.trimmingSpaces) }
            guard parts.count == 3, text.split(separator: separator).last?.trimmingSpaces.count == 4 else { continue }
            var (month, day) = separator == "/" ? (parts[0], parts[1]) : (parts[1], parts[0])
            if separator == "/", month > 12 { swap(&month, &day) }
            if let iso = iso(parts[2], month, day) { return iso }
        }
        return nil
    }

    /// `YYYY-MM-DD` when the three numbers make a real date.
    static func iso(_ year: Int, _ month: Int, _ day: Int) -> String? {
        func padded(_ number: Int, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        guard year > 0, month > 0, day > 0 else { return nil }
        let text = "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
        return ISODate(text) != nil ? text : nil
    }

    /// Outlook's way of writing "no birthday": `0/0/00`, `00.00.0000`.
    static func isEmptyMarker(_ text: String) -> Bool {
        text.allSatisfy { $0 == "0" || $0 == "/" || $0 == "." || $0 == " " }
    }
}

extension String {
    /// The cell without surrounding whitespace; only the ends are looked at, so a megabyte
    /// comment costs one copy.
    fileprivate var trimmedCell: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }

    fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
    }
}
