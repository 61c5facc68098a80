import Foundation
import LeadCore

// The event profile's questions and consent as rows of the capture form. What the rows hold is
// turned into `--answer KEY=VALUE` pairs and a `--consent yes|no` answer and checked by the same
// LeadCore functions `leadbox add` uses, so the form and the command line cannot disagree about
// what an answer means or where it is written.

extension FormField {
    /// The row key of a question; a prefix no lead field has, so it never becomes a lead value.
    static func questionKey(_ question: EventQuestion) -> String { questionPrefix + question.key }
    static let questionPrefix = "question."
    static let consentKey = "consent"

    /// One row per question of the profile, then the consent line when the profile has a text.
    static func rows(for profile: EventProfile) -> [FormField] {
        profile.questions.map { FormField(key: questionKey($0), label: $0.label, kind: .question($0)) }
            + (profile.consent.map { [FormField(key: consentKey, label: "Consent", kind: .consent($0))] } ?? [])
    }
}

/// An answer or the consent the profile refuses, and the form row to show it under.
struct QualificationProblem: Error, Equatable {
    var row: String
    var message: String
}

extension FormState {
    /// The question rows as `--answer` pairs: each chosen value, and typed text.
    var answerPairs: [(key: String, value: String)] {
        profile.questions.flatMap { question -> [(key: String, value: String)] in
            if question.kind == .text {
                let typed = text(FormField.questionKey(question))
                return typed.trimmingSpaces.isEmpty ? [] : [(question.key, typed)]
            }
            return (answers[question.key] ?? []).map { (question.key, $0) }
        }
    }

    /// The answers and the consent, checked as `add --answer … --consent …` checks them.
    func qualification(now: Date) throws(QualificationProblem) -> Qualification {
        let checked: [String: [String]]
        do { checked = try profile.answers(answerPairs) } catch { throw QualificationProblem(row: "", message: error.description) }
        do {
            return Qualification(answers: checked, consent: try profile.consent(consentAnswer.map { $0 ? "yes" : "no" }, now: now))
        } catch {
            throw QualificationProblem(row: FormField.consentKey, message: error.description)
        }
    }

    /// The lead to save as every front door saves it (`CaptureRequest`: defaults, a title, then
    /// the answers and consent written into their fields); a stored lead being edited keeps what
    /// it has and gets no defaults.
    func captureRequest(now: Date) throws(QualificationProblem) -> CaptureRequest {
        CaptureRequest(
            lead: lead, profile: profile, qualification: try qualification(now: now), rawScan: rawScan,
            applyingDefaults: editing == nil, photo: photo)
    }

    /// The form row a problem with lead field `name` belongs to: the field's own input, else the
    /// question or consent writing to it, else the form as a whole ("").
    func row(writing name: String) -> String {
        if fields.contains(where: { $0.key == name }) { return name }
        if let question = profile.questions.first(where: { $0.field == name }) { return FormField.questionKey(question) }
        if profile.consent?.field == name { return FormField.consentKey }
        return ""
    }

    /// Whether a row must be filled before the lead can be saved: a field the portal's admin made
    /// required (from the cached schema), a question writing to one, or a required consent.
    func isRequired(_ field: FormField) -> Bool {
        let required = schema?.requiredFields ?? [:]
        switch field.kind {
        case .question(let question): return required[question.field] != nil
        case .consent(let policy): return policy.required || required[policy.field] != nil
        default: return required[field.key] != nil
        }
    }
}

// MARK: - Keys on a question row

extension AppState {
    /// Keys on a choice question or the consent line; nil for every other row (free-text
    /// questions are typed like any field). A single choice or rating takes one key and moves on,
    /// a multiple choice toggles, Backspace or Delete clears the answer.
    mutating func handleAnswer(_ key: KeyEvent) -> [Command]? {
        let field = form.focusedField
        switch field.kind {
        case .question(let question) where question.kind != .text:
            switch key {
            case .backspace, .delete:
                form.answers[question.key] = nil
            case .character(let typed):
                guard let choice = question.choices.first(where: { String($0.shortcut) == typed.lowercased() }) else {
                    banner = Banner(
                        .info, "\(question.label): press " + question.choices.map { "\($0.shortcut) for \($0.label)" }.joined(separator: ", ") + ".")
                    return []
                }
                if question.kind == .multiple {
                    var chosen = form.answers[question.key] ?? []
                    if let at = chosen.firstIndex(of: choice.value) { chosen.remove(at: at) } else { chosen.append(choice.value) }
                    form.answers[question.key] = chosen.isEmpty ? nil : chosen
                } else {
                    form.answers[question.key] = [choice.value]
                    form.revision += 1
                    return advance()
                }
            default:
                explainUnused(key)
                return []
            }
        case .consent:
            switch key {
            case .backspace, .delete: form.consentAnswer = nil
            case .character("y"), .character("Y"), .character("n"), .character("N"):
                form.consentAnswer = key == .character("y") || key == .character("Y")
                form.touched.insert(FormField.consentKey)
                form.revision += 1
                return advance()
            case .character:
                banner = Banner(.info, "Consent: press y if the visitor agreed, n if not.")
                return []
            default:
                explainUnused(key)
                return []
            }
        default:
            return nil
        }
        form.revision += 1
        return []
    }

    /// To the next row after an answer, staying on the last one rather than going round.
    private mutating func advance() -> [Command] {
        form.focus < form.fields.count - 1 ? moveFocus(+1) : []
    }
}
