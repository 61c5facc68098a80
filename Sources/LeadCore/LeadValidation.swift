/// Something wrong with one field of a lead, worded for the person at the booth.
public struct FieldProblem: Sendable, Hashable {
    /// The portal's field name (`EMAIL`, `BIRTHDATE`, …), or nil for a problem with the whole lead.
    public let field: String?
    public let message: String

    public init(field: String?, message: String) {
        self.field = field
        self.message = message
    }
}

/// The reasons a lead cannot be saved. `description` is the first problem, one plain sentence.
public struct LeadValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let problems: [FieldProblem]

    public init(_ problems: [FieldProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.message).joined(separator: " ")
    }
}

/// The largest value stored for one field: long enough for any real comment, small enough that a
/// runaway paste cannot bloat the outbox.
public let maximumFieldBytes = 64 * 1024

extension Lead {
    /// Every problem that would stop this lead from being saved; empty when it is fine.
    public func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        let identifying =
            ["TITLE", "NAME", "LAST_NAME", "COMPANY_TITLE"].contains { !(values[$0] ?? "").isBlank }
            || !entries(.phone).isEmpty || !entries(.email).isEmpty
        if !identifying {
            problems.append(
                FieldProblem(
                    field: nil,
                    message: "A lead needs at least one of title, name, last name, company, phone or e-mail."))
        }
        for (name, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let field = LeadField.named(name) else {
                problems.append(FieldProblem(field: name, message: LeadField.unknownFieldMessage(name)))
                continue
            }
            if let problem = Lead.problem(with: value, for: field) { problems.append(problem) }
        }
        for kind in MultiFieldKind.allCases {
            for entry in entries(kind) {
                if let problem = Lead.problem(with: entry, of: kind) { problems.append(problem) }
            }
        }
        for id in contactIDs where !id.isPositiveInteger {
            problems.append(
                FieldProblem(field: "CONTACT_IDS", message: "CONTACT_IDS must be contact numbers such as 17; \"\(id.escapedForTerminal)\" is not."))
        }
        return problems
    }

    /// Values saved as typed that are still worth a look: the portal stores phones as text, so
    /// an extension, letters or pause characters are a warning, never a refusal.
    public func warnings() -> [FieldProblem] {
        entries(.phone).compactMap { entry in
            PhoneNumber.oddity(entry.value).map {
                FieldProblem(field: "PHONE", message: "The phone \"\(entry.value.escapedForTerminal)\" \($0); it is saved as typed.")
            }
        }
    }

    /// Throws the problems of `problems()` when there are any.
    public func validate() throws(LeadValidationError) {
        try validate(against: nil)
    }

    /// The one validation path (UI form, `add`, `edit`, `import`, `LeadStore.add`): the lead's own
    /// rules, then, once `portal refresh` cached the portal's schema, what that portal would
    /// drop or refuse (unknown fields and codes, fields its admin made required).
    public func validate(against schema: PortalSchema?) throws(LeadValidationError) {
        let found = problems(against: schema)
        if !found.isEmpty { throw LeadValidationError(found) }
    }

    /// The problems `validate(against:)` throws: the lead's own first, so the first sentence is
    /// about what was typed, then the portal's.
    public func problems(against schema: PortalSchema?) -> [FieldProblem] {
        problems() + (schema?.problems(with: self) ?? [])
    }

    /// Whether a field (or multifield, or CONTACT_IDS) holds something.
    public func hasValue(for name: String) -> Bool {
        if let kind = MultiFieldKind(rawValue: name) { return !entries(kind).isEmpty }
        if name == "CONTACT_IDS" { return !contactIDs.isEmpty }
        return !(values[name] ?? "").isBlank
    }

    static func problem(with value: String, for field: LeadField) -> FieldProblem? {
        let name = field.name
        if value.utf8.count > maximumFieldBytes {
            return FieldProblem(field: name, message: "\(name) is longer than 64 KiB; shorten it.")
        }
        // Escaped only for a message: the scan of every character was most of a capture's validation.
        var shown: String { value.escapedForTerminal }
        switch field.kind {
        case .text, .multi, .idList:
            return nil
        case .yesNo:
            return value == "Y" || value == "N"
                ? nil : FieldProblem(field: name, message: "\(name) must be Y or N, not \"\(shown)\".")
        case .date:
            return ISODate(value) != nil
                ? nil : FieldProblem(field: name, message: "\(name) must be a real date written YYYY-MM-DD, such as 1985-04-23; \"\(shown)\" is not.")
        case .money:
            guard let amount = Double(value), amount.isFinite, amount >= 0,
                value.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") })
            else {
                return FieldProblem(field: name, message: "\(name) must be a non-negative number such as 12500 or 99.90; \"\(shown)\" is not.")
            }
            return nil
        case .currency:
            return value.count == 3 && value.allSatisfy({ $0.isASCII && $0.isUppercase })
                ? nil : FieldProblem(field: name, message: "\(name) must be a three-letter currency code such as EUR or RUB; \"\(shown)\" is not.")
        case .id:
            return value.isPositiveInteger
                ? nil : FieldProblem(field: name, message: "\(name) must be a number such as 17; \"\(shown)\" is not.")
        case .status:
            return value.isEmpty || value.contains(where: { $0.isWhitespace || $0.isNewline })
                ? FieldProblem(field: name, message: "\(name) must be a code such as TRADE_SHOW, without spaces; \"\(shown)\" is not.")
                : nil
        }
    }

    static func problem(with entry: MultiFieldValue, of kind: MultiFieldKind) -> FieldProblem? {
        let name = kind.rawValue
        var shown: String { entry.value.escapedForTerminal }
        if !kind.allowedTypes.contains(entry.valueType) {
            return FieldProblem(
                field: name,
                message: "\(name) type must be one of \(kind.allowedTypes.joined(separator: ", ")); \"\(entry.valueType.escapedForTerminal)\" is not."
            )
        }
        if entry.value.utf8.count > maximumFieldBytes {
            return FieldProblem(field: name, message: "\(name) is longer than 64 KiB; shorten it.")
        }
        if entry.value.isBlank {
            return FieldProblem(field: name, message: "\(name) is empty; type a value or leave the field out.")
        }
        switch kind {
        case .email where !EmailAddress.looksValid(entry.value):
            return FieldProblem(field: name, message: "\"\(shown)\" is not an e-mail address; it should look like name@example.com.")
        case .phone where !PhoneNumber.isAcceptable(entry.value):
            let why = entry.value.contains(where: \.isNumber) ? "it holds control characters" : "it has no digits"
            return FieldProblem(field: name, message: "\"\(shown)\" is not a phone number: \(why).")
        default:
            return nil
        }
    }
}

extension LeadField {
    /// "There is no lead field X; did you mean Y?" — the sentence for a mistyped field name.
    public static func unknownFieldMessage(_ name: String) -> String {
        if reservedForSync.contains(name.uppercased()) {
            return "\(name.uppercased()) is set by leadbox when it sends the lead and cannot be typed in."
        }
        var message = "There is no lead field \"\(name.escapedForTerminal)\""
        if let guess = closest(to: name) {
            message += "; did you mean \(guess)?"
        } else {
            message += "; use a crm.lead.add field name such as TITLE or a custom UF_CRM_ field."
        }
        return message
    }
}

/// E-mail syntax as a booth worker would understand it: `local@domain.tld`, no spaces.
public enum EmailAddress {
    public static func looksValid(_ text: String) -> Bool {
        // Most addresses are ASCII: the same rules over bytes, without Unicode character tables
        // (the character walk was most of a capture's validation, perf).
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return looksValidASCII(Array(text.utf8)) }
        return looksValidUnicode(text)
    }

    static func looksValidASCII(_ bytes: [UInt8]) -> Bool {
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), bytes.lastIndex(of: UInt8(ascii: "@")) == at else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard !local.isEmpty, local.count <= 64, domain.count <= 253,
            !bytes.contains(where: {
                $0 <= 0x20 || $0 == 0x7F || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
            })
        else { return false }
        let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.first != UInt8(ascii: "-") && $0.last != UInt8(ascii: "-") }),
            let tld = labels.last, tld.count >= 2,
            tld.allSatisfy({
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                    || $0 == UInt8(ascii: "-")
            })
        else { return false }
        let dot = UInt8(ascii: ".")
        return local.first != dot && local.last != dot && !zip(local, local.dropFirst()).contains { $0 == dot && $1 == dot }
    }

    static func looksValidUnicode(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last,
            !local.isEmpty, local.count <= 64, domain.count <= 253,
            !text.contains(where: {
                $0.isWhitespace || $0.isNewline || $0 == "," || $0 == ";" || $0 == "<" || $0 == ">"
                    || $0.asciiValue.map { $0 < 0x20 || $0 == 0x7F } == true
            })
        else { return false }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
            let tld = labels.last, tld.count >= 2, tld.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
        else { return false }
        return !local.hasPrefix(".") && !local.hasSuffix(".") && !local.contains("..")
    }
}

/// Phone syntax: 5–20 digits with the separators people type. Stored exactly as typed.
public enum PhoneNumber {
    public static func looksValid(_ text: String) -> Bool {
        var digits = 0
        for (index, ch) in text.enumerated() {
            if ch.isASCII && ch.isNumber {
                digits += 1
                continue
            }
            if ch == "+" && index == 0 { continue }
            if " -().".contains(ch) { continue }
            return false
        }
        return (5...20).contains(digits)
    }

    /// Whether the portal can take it as a phone at all: it has a digit and no control characters.
    public static func isAcceptable(_ text: String) -> Bool {
        if text.utf8.allSatisfy({ $0 < 0x80 }) {  // ASCII: a digit, and no C0 control or DEL
            return text.utf8.contains { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } && !text.utf8.contains { $0 < 0x20 || $0 == 0x7F }
        }
        return isAcceptableUnicode(text)
    }

    static func isAcceptableUnicode(_ text: String) -> Bool {
        text.contains(where: \.isNumber) && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Why an acceptable phone is not a plain number ("has an extension"), or nil when it is one.
    public static func oddity(_ text: String) -> String? {
        guard isAcceptable(text), !looksValid(text) else { return nil }
        let lower = text.lowercased()
        if lower.contains("ext") || lower.contains("доб") || lower.contains("#") || hasDigitXDigit(lower) {
            return "has an extension"
        }
        if text.contains(where: { $0 == "," || $0 == ";" || $0 == "p" || $0 == "w" || $0 == "P" || $0 == "W" })
            && !text.contains(where: { $0.isLetter && !"pwPW".contains($0) })
        {
            return "has pause characters"
        }
        if text.contains(where: \.isLetter) { return "has letters" }
        let digits = text.filter(\.isNumber).count
        if digits < 5 { return "has fewer than 5 digits" }
        if digits > 20 { return "has more than 20 digits" }
        return "has characters other than digits, spaces, dashes, dots and parentheses"
    }

    /// `555-0100 x 12`: an x between digits is how people write an extension.
    private static func hasDigitXDigit(_ lower: String) -> Bool {
        let chars = Array(lower.filter { $0 != " " })
        return chars.indices.contains { i in
            chars[i] == "x" && i > 0 && i + 1 < chars.count && chars[i - 1].isNumber && chars[i + 1].isNumber
        }
    }

    /// Digits only, for duplicate detection ("+7 (495) 123-45-67" and "74951234567" match).
    public static func normalized(_ text: String) -> String {
        String(text.filter { $0.isASCII && $0.isNumber })
    }
}

/// A `YYYY-MM-DD` calendar date that really exists (no 30 February).
public struct ISODate: Sendable, Hashable {
    public let year: Int, month: Int, day: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            (1...12).contains(m), y >= 1
        else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard (1...daysInMonth).contains(d) else { return nil }
        (year, month, day) = (y, m, d)
    }
}

extension String {
    /// Empty, or nothing but spaces and line breaks.
    public var isBlank: Bool { allSatisfy { $0.isWhitespace || $0.isNewline } }

    var isPositiveInteger: Bool {
        !isEmpty && count <= 18 && allSatisfy { $0.isASCII && $0.isNumber } && (Int(self) ?? 0) > 0
    }

    /// The text with control characters and escape sequences made visible (`\u{1B}` → `\e`,
    /// newline → `\n`), so that lead data or a portal message can never drive the terminal.
    public var escapedForTerminal: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x1B: out += "\\e"
            case 0x00..<0x20, 0x7F, 0x80..<0xA0:
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            case 0x202A...0x202E, 0x2066...0x2069:  // bidi overrides that could disguise text
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
