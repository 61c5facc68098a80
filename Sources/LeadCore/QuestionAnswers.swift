import Foundation

/// What a lead's visitor answered at the booth: the qualification answers and the consent,
/// stored with the lead (its own columns) and also written into the lead's fields at capture.
public struct Qualification: Sendable, Equatable, Codable {
    /// Question key → the chosen values (one for single choice, rating and text; any for multiple).
    public var answers: [String: [String]]
    public var consent: ConsentRecord?

    public init(answers: [String: [String]] = [:], consent: ConsentRecord? = nil) {
        self.answers = answers
        self.consent = consent
    }

    public static let none = Qualification()

    public var isEmpty: Bool { answers.isEmpty && consent == nil }
}

extension EventProfile {
    /// Reads `--answer KEY=VALUE` pairs against the profile's questions, offline: an unknown key
    /// or a choice not in the list is refused with the list to choose from. A repeated key adds
    /// to a multiple-choice answer and replaces any other.
    public func answers(_ pairs: [(key: String, value: String)]) throws(LeadInputError) -> [String: [String]] {
        var answers: [String: [String]] = [:]
        for (rawKey, value) in pairs {
            let key = rawKey.trimmingSpaces.lowercased()
            guard let question = questions.first(where: { $0.key == key }) else {
                let keys = questions.map(\.key)
                throw LeadInputError(
                    keys.isEmpty
                        ? "The event profile has no questions, so --answer \(rawKey.escapedForTerminal) cannot be stored; add [[event.question]] to the config."
                        : "There is no question \"\(rawKey.escapedForTerminal)\"; the questions are \(keys.joined(separator: ", ")).")
            }
            switch question.kind {
            case .text:
                let text = value.trimmingSpaces
                answers[key] = text.isEmpty ? nil : [text]
            case .single, .rating:
                answers[key] = [try chosen(value, of: question)]
            case .multiple:
                let picked = try value.split(separator: ",").map { part throws(LeadInputError) in try chosen(String(part), of: question) }
                answers[key] = (answers[key] ?? []) + picked.filter { !(answers[key] ?? []).contains($0) }
            }
        }
        return answers
    }

    private func chosen(_ text: String, of question: EventQuestion) throws(LeadInputError) -> String {
        guard let choice = question.choice(named: text) else {
            throw LeadInputError(
                "\"\(text.trimmingSpaces.escapedForTerminal)\" is not a choice of \"\(question.key)\"; choose one of \(question.choices.map(\.value).joined(separator: ", "))."
            )
        }
        return choice.value
    }

    /// Reads `--consent`: refused when the profile has no consent text, and a lead without
    /// consent is refused when the profile requires it.
    public func consent(_ answer: String?, now: Date) throws(LeadInputError) -> ConsentRecord? {
        guard let policy = consent else {
            if answer != nil {
                throw LeadInputError(
                    "The event profile has no consent text, so --consent cannot be recorded; set event.consent_text and event.consent_version first.")
            }
            return nil
        }
        guard let answer else {
            if policy.required {
                throw LeadInputError(
                    "This event requires the visitor's consent (text version \(policy.version)); ask and add --consent yes, or --consent no to record a refusal."
                )
            }
            return nil
        }
        guard let given = ConsentRecord.answer(answer) else {
            throw LeadInputError("--consent takes yes or no, not \"\(answer.escapedForTerminal)\".")
        }
        if policy.required && !given {
            throw LeadInputError("This event requires consent, and the visitor said no; the lead cannot be kept.")
        }
        return ConsentRecord(given: given, version: policy.version, at: now)
    }

    /// The rating a lead got (hot, warm, cold), from the profile's first rating question.
    public func rating(of qualification: Qualification) -> String? {
        questions.first { $0.kind == .rating }.flatMap { qualification.answers[$0.key]?.first }
    }

    /// Writes the answers and the consent into the lead's fields so the portal receives them:
    /// a field's value is the chosen choices' `send` values (comma-separated), a COMMENTS target
    /// adds a "Label: answer" line. An answer replaces what was typed in its field.
    public func apply(_ qualification: Qualification, to lead: inout Lead) {
        var lines: [String] = []
        for question in questions {
            guard let values = qualification.answers[question.key], !values.isEmpty else { continue }
            let picked = values.map { value in question.choice(named: value) }
            if question.writesCommentLine {
                let shown = question.kind == .text ? values : picked.enumerated().map { $0.element?.label ?? values[$0.offset] }
                lines.append("\(question.label): \(shown.joined(separator: ", "))")
            } else {
                let sent = question.kind == .text ? values : picked.enumerated().map { $0.element?.sent ?? values[$0.offset] }
                lead.values[question.field] = sent.joined(separator: ", ")
            }
        }
        if let record = qualification.consent, let policy = consent {
            if policy.field == "COMMENTS" { lines.append("Consent: \(record.sentence)") } else { lead.values[policy.field] = record.sentence }
        }
        guard !lines.isEmpty else { return }
        let existing = lead.values["COMMENTS"].flatMap { $0.isBlank ? nil : $0 }
        lead.values["COMMENTS"] = ([existing].compactMap { $0 } + lines).joined(separator: "\n")
    }
}
