import ArgumentParser
import ContactInput
import Foundation
import LeadCore
import LeadStore

/// The field options `add` and `edit` share.
struct LeadFieldOptions: ParsableArguments {
    @Option(help: "TITLE; built from name and company when left out.") var title: String?
    @Option(help: "NAME (first name).") var name: String?
    @Option(name: .customLong("second-name"), help: "SECOND_NAME (middle name).") var secondName: String?
    @Option(name: .customLong("last-name"), help: "LAST_NAME.") var lastName: String?
    @Option(help: "COMPANY_TITLE.") var company: String?
    @Option(help: "POST (job title).") var position: String?
    @Option(help: ArgumentHelp("PHONE, repeatable: VALUE or VALUE:TYPE (WORK, MOBILE, FAX, HOME, PAGER, MAILING, OTHER).", valueName: "phone"))
    var phone: [String] = []
    @Option(help: ArgumentHelp("EMAIL, repeatable: VALUE or VALUE:TYPE (WORK, HOME, MAILING, OTHER).", valueName: "email"))
    var email: [String] = []
    @Option(help: "COMMENTS.") var comments: String?
    @Option(help: "SOURCE_ID, e.g. TRADE_SHOW.") var source: String?
    @Option(name: .customLong("field"), help: ArgumentHelp("Any crm.lead.add field or UF_CRM_* custom field, repeatable.", valueName: "KEY=VALUE"))
    var fields: [String] = []

    /// The (field, value) pairs the user typed, in order.
    func assignments() throws -> [(String, String)] {
        var pairs: [(String, String)] = []
        let named: [(String, String?)] = [
            ("TITLE", title), ("NAME", name), ("SECOND_NAME", secondName), ("LAST_NAME", lastName),
            ("COMPANY_TITLE", company), ("POST", position), ("COMMENTS", comments), ("SOURCE_ID", source),
        ]
        for case (let field, let value?) in named { pairs.append((field, value)) }
        pairs += phone.map { ("PHONE", $0) }
        pairs += email.map { ("EMAIL", $0) }
        for assignment in fields {
            guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else {
                throw UsageError("--field takes KEY=VALUE, such as --field UTM_SOURCE=expo; \"\(assignment)\" has no '='.")
            }
            pairs.append((String(assignment[..<eq]), String(assignment[assignment.index(after: eq)...])))
        }
        return pairs
    }

    /// Applies the typed values to `lead`. With `replacing`, a multifield given on the command
    /// line replaces the lead's entries of that kind, and `--field KEY=` removes a field.
    func apply(to lead: inout Lead, replacing: Bool) throws {
        var replaced = Set<MultiFieldKind>()
        for (field, value) in try assignments() {
            let upper = field.trimmingSpaces.uppercased()
            if replacing, let kind = MultiFieldKind(rawValue: upper), !replaced.contains(kind) {
                lead.multifields[kind] = []
                replaced.insert(kind)
            }
            if replacing, value.isEmpty, LeadField.named(upper) != nil {
                if upper == "CONTACT_IDS" { lead.contactIDs = [] } else { lead.values[upper] = nil }
                continue
            }
            try lead.set(field: field, to: value)
        }
    }
}

/// `--answer KEY=VALUE` and `--consent yes|no`: the event profile's questions and consent.
struct QualificationOptions: ParsableArguments {
    @Option(
        name: .customLong("answer"),
        help: ArgumentHelp(
            "Answer an event question, repeatable: a choice's value, label or key; several choices comma-separated.", valueName: "KEY=VALUE"))
    var answers: [String] = []
    @Option(help: ArgumentHelp("The visitor's answer to the event's consent text.", valueName: "yes|no")) var consent: String?

    /// The answers and consent checked against `profile`, offline.
    func qualification(for profile: EventProfile, now: Date = Date()) throws -> Qualification {
        var pairs: [(key: String, value: String)] = []
        for assignment in answers {
            guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else {
                throw UsageError("--answer takes KEY=VALUE, such as --answer interest=hot; \"\(assignment)\" has no '='.")
            }
            pairs.append((String(assignment[..<eq]), String(assignment[assignment.index(after: eq)...])))
        }
        return Qualification(answers: try profile.answers(pairs), consent: try profile.consent(consent, now: now))
    }
}

/// Reads an input file (`add --vcard FILE`, `import FILE`) or `-` (standard input); the bytes
/// become text only through `TextDecoding`, so every input is decoded the same way.
enum InputFile {
    static func bytes(_ path: String, what: String) throws -> [UInt8] {
        if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw UsageError("The \(what) file \(path.escapedForTerminal) does not exist; check the path.")
        }
        guard !isDirectory.boolValue else {
            throw UsageError("\(path.escapedForTerminal) is a folder; give the \(what) file inside it.")
        }
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw UsageError("The \(what) file \(path.escapedForTerminal) cannot be read; check its permissions.")
        }
        return Array(contents)
    }

    /// How sentences name the input: "The file cards.vcf" or "Standard input".
    static func source(_ path: String) -> String {
        path == "-" ? "Standard input" : "The file \(path.escapedForTerminal)"
    }

    /// The file's text, decoded by `TextDecoding` (or in `encoding`, when given).
    static func text(_ path: String, what: String, encoding: String? = nil) throws -> String {
        try TextDecoding.decode(bytes(path, what: what), encoding: encoding, source: source(path)).text
    }
}
