import Foundation
import LeadCore
import LeadStore

/// The capture form: field values, focus, what the person has been told, and the lead it makes.
public struct FormState: Sendable, Equatable {
    public private(set) var fields: [FormField]
    public var texts: [String: TextBuffer] = [:]
    public var choices: [String: String] = [:]
    public var focus = 0
    /// Values the form has no input for (a scan's address, an edited lead's UTM fields); they are
    /// kept and saved with the lead.
    public var base = Lead()
    /// The lead being edited, or nil for a new one.
    public var editing: Int64?
    /// Fields the person has left; their problems show from then on.
    public var touched: Set<String> = []
    /// Set by a save attempt: every problem shows.
    public var showAllProblems = false
    public var duplicates: [DuplicateMatch] = []
    public var scan: ScanCapture?
    /// What the scanner typed for the lead in the form, saved with it (`raw_scan`).
    public var rawScan: String?
    /// Rows a business card filled with a value its reader was unsure of: marked until the
    /// person edits them, so a misread name or number is checked before it is saved.
    public var unsure: Set<String> = []
    /// The card photo the form was filled from, saved with the lead and attached to it in the CRM.
    public var photo: LeadPhoto?
    /// Where a scan that is no contact card is kept: the event profile's `scan_field`.
    public var scanField = "COMMENTS"
    /// An Enter a scanner sends after a card it already finished; swallowed.
    var swallowEnter = false
    /// Bumped on every change, so the draft is saved only when there is something new.
    public var revision = 0
    /// The chosen values of the event's choice questions (question key → values); free-text
    /// answers are in `texts` under their row's key.
    public var answers: [String: [String]] = [:]
    /// The visitor's answer to the consent text: nil until y or n is pressed.
    public var consentAnswer: Bool?
    /// The event profile: defaults, and the questions and consent the form asks.
    let profile: EventProfile
    let schema: PortalSchema?

    var defaults: [String: String] { profile.defaults }

    public init(schema: PortalSchema?, defaults: [String: String]) {
        self.init(schema: schema, profile: EventProfile(defaults: defaults))
    }

    public init(schema: PortalSchema?, profile: EventProfile) {
        self.schema = schema
        self.profile = profile
        fields = FormField.standard(schema: schema, defaultSource: profile.defaults["SOURCE_ID"] ?? "TRADE_SHOW") + FormField.rows(for: profile)
        reset()
    }

    /// Empties every field and puts the defaults back (after a save, or Ctrl-X).
    public mutating func reset() {
        texts = Dictionary(uniqueKeysWithValues: fields.filter(\.isText).map { ($0.key, TextBuffer()) })
        choices = [
            FormField.phoneType: MultiFieldKind.phone.defaultType,
            FormField.emailType: MultiFieldKind.email.defaultType,
            "SOURCE_ID": defaults["SOURCE_ID"] ?? "TRADE_SHOW",
        ]
        focus = 0
        base = Lead()
        editing = nil
        touched = []
        showAllProblems = false
        duplicates = []
        scan = nil
        rawScan = nil
        unsure = []
        photo = nil
        answers = [:]
        consentAnswer = nil
        revision += 1
    }

    public var focusedField: FormField { fields[focus] }

    public func text(_ key: String) -> String { texts[key]?.text ?? "" }

    /// Whether nothing has been typed (defaults do not count).
    public var isBlank: Bool {
        texts.values.allSatisfy { $0.text.trimmingSpaces.isEmpty } && base.isEmpty && answers.isEmpty && consentAnswer == nil
    }

    // MARK: - The lead

    /// The lead the form describes, with the event defaults filled in where nothing was typed.
    public var lead: Lead {
        var lead = base
        for field in fields where field.isText {
            switch field.key {
            case "PHONE", "EMAIL":
                let kind: MultiFieldKind = field.key == "PHONE" ? .phone : .email
                let typed = text(field.key).trimmingSpaces
                let rest = Array(base.entries(kind).dropFirst())
                let type = choices[field.key == "PHONE" ? FormField.phoneType : FormField.emailType] ?? kind.defaultType
                lead.multifields[kind] = (typed.isEmpty ? [] : [MultiFieldValue(value: typed, valueType: type)]) + rest
            default:
                let value = text(field.key)
                lead[field.key] = value.trimmingSpaces.isEmpty ? nil : value
            }
        }
        lead["SOURCE_ID"] = choices["SOURCE_ID"]
        if editing == nil { lead.applyDefaults(defaults) }
        return lead
    }

    /// Problems of the current lead, keyed by the form field they belong to ("" for the lead as
    /// a whole or a field without an input).
    ///
    /// The lead is checked as it would be saved, with the answers written into their fields, so
    /// a portal-required field that a question fills is not reported missing.
    public var problems: [String: [String]] {
        var lead = self.lead
        var byField: [String: [String]] = [:]
        func add(_ key: String, _ message: String) {
            if !(byField[key]?.contains(message) ?? false) { byField[key, default: []].append(message) }
        }
        do {
            // The consent's time changes only the text of its line, never whether the lead is valid.
            profile.apply(try qualification(now: Date(timeIntervalSince1970: 0)), to: &lead)
        } catch {
            add(error.row, error.message)
        }
        for problem in lead.problems(against: schema) {
            add(problem.field.map(row(writing:)) ?? "", problem.message)
        }
        return byField
    }

    /// The problems to show now: those of fields the person left, or all after a save attempt.
    public var visibleProblems: [String: [String]] {
        problems.filter { showAllProblems || touched.contains($0.key) }
    }

    // MARK: - Filling

    /// Shows a lead in the form: a scanned card (new lead) or a stored one being edited.
    /// Values without an input are kept in `base`.
    public mutating func fill(from lead: Lead) {
        var rest = lead
        for field in fields where field.isText {
            switch field.key {
            case "PHONE", "EMAIL":
                let kind: MultiFieldKind = field.key == "PHONE" ? .phone : .email
                guard let first = lead.entries(kind).first else { continue }
                texts[field.key] = TextBuffer(first.value)
                choices[field.key == "PHONE" ? FormField.phoneType : FormField.emailType] = first.valueType
                touched.insert(field.key)
            default:
                guard let value = lead[field.key] else { continue }
                texts[field.key] = TextBuffer(value)
                rest[field.key] = nil
                touched.insert(field.key)
            }
        }
        if let source = lead["SOURCE_ID"] {
            choices["SOURCE_ID"] = source
            rest["SOURCE_ID"] = nil
        }
        base = rest
        revision += 1
    }

    /// The form opened on a stored lead, for Edit.
    /// The answers were given at capture and are part of the lead's fields now, so the edit form
    /// has no question rows.
    public static func editing(_ id: Int64, lead: Lead, schema: PortalSchema?, defaults: [String: String]) -> FormState {
        var form = FormState(schema: schema, defaults: defaults)
        form.editing = id
        form.fill(from: lead)
        return form
    }
}
