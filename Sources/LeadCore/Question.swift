/// One qualification question of an event profile: what the booth asks every visitor, and
/// where in the lead the answer goes so the sales team sees it in the CRM.
///
/// ```toml
/// [[event.question]]
/// key = "interest"
/// label = "Interest"
/// kind = "rating"              # single, multiple, rating or text
/// field = "UF_CRM_INTEREST"    # a lead field; COMMENTS (the default) adds a "Label: answer" line
/// choices = [{ value = "hot", label = "Hot", key = "h" }, "warm", "cold"]
/// ```
public struct EventQuestion: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case single, multiple, rating, text
    }

    /// The name `--answer KEY=VALUE` uses: lower-case letters, digits and `_`.
    public var key: String
    public var label: String
    public var kind: Kind
    /// Empty for text questions; hot, warm, cold for a rating unless relabelled.
    public var choices: [QuestionChoice]
    /// The lead field the answer is written to; COMMENTS means a labelled line there.
    public var field: String

    public init(key: String, label: String, kind: Kind, choices: [QuestionChoice], field: String) {
        self.key = key
        self.label = label
        self.kind = kind
        self.choices = choices
        self.field = field
    }

    /// The three ratings every rating question has, in this order (`list --rating` filters by them).
    public static let ratings = ["hot", "warm", "cold"]

    /// Whether the answer becomes a "Label: answer" line in COMMENTS rather than a field's value.
    public var writesCommentLine: Bool { field == "COMMENTS" }

    /// The choice a typed answer names: its value, its label or its one-key shortcut, in any case.
    public func choice(named text: String) -> QuestionChoice? {
        let wanted = text.trimmingSpaces.lowercased()
        return choices.first { $0.value.lowercased() == wanted || $0.label.lowercased() == wanted || String($0.shortcut) == wanted }
    }
}

/// One answer a choice question offers.
public struct QuestionChoice: Sendable, Hashable {
    /// What is stored with the lead and typed after `--answer KEY=`.
    public var value: String
    /// What the form shows.
    public var label: String
    /// The one key that picks it in the form.
    public var shortcut: Character
    /// What is written into the question's field (a status code, a list item's ID); the value by default.
    public var sent: String

    public init(value: String, label: String, shortcut: Character, sent: String) {
        self.value = value
        self.label = label
        self.shortcut = shortcut
        self.sent = sent
    }
}

// MARK: - Reading and writing the profile's tree

extension EventQuestion {
    /// Reads one `[[event.question]]` entry (or one object of JSON's `"questions"`), checking it
    /// offline: a known key, a lead field that can hold text, choices with distinct shortcuts.
    init(tree: [String: JSONValue], position: Int) throws(ConfigError) {
        let place = "Question \(position)"
        guard let key = tree["key"]?.stringValue?.trimmingSpaces, !key.isEmpty,
            key.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
        else {
            throw ConfigError("\(place) of the event profile needs a key of lower-case letters, digits or _, such as key = \"interest\".")
        }
        let hasChoices = tree["choices"] != nil
        let kindText = tree["kind"]?.stringValue ?? (hasChoices ? "single" : "text")
        guard let kind = Kind(rawValue: kindText.lowercased()) else {
            throw ConfigError("Question \"\(key)\" has kind \"\(kindText.escapedForTerminal)\"; use single, multiple, rating or text.")
        }
        let field = (tree["field"]?.stringValue ?? "COMMENTS").trimmingSpaces.uppercased()
        try EventQuestion.checkTarget(field, question: key)
        var choices: [QuestionChoice] = []
        var taken = Set<Character>()
        let entries = tree["choices"]?.arrayValue ?? (kind == .rating ? EventQuestion.ratings.map { .string($0) } : [])
        for entry in entries {
            let value = (entry.stringValue ?? entry["value"]?.stringValue ?? "").trimmingSpaces
            guard !value.isEmpty else {
                throw ConfigError(
                    "Question \"\(key)\" has a choice without a value; write choices = [\"yes\", \"no\"] or { value = \"yes\", key = \"y\" }.")
            }
            let label = entry["label"]?.stringValue ?? value
            let shortcut: Character
            if let typed = entry["key"]?.stringValue {
                guard typed.count == 1, let ch = typed.lowercased().first, !taken.contains(ch) else {
                    throw ConfigError(
                        "Question \"\(key)\": the shortcut of choice \"\(value.escapedForTerminal)\" must be one key not used by another choice.")
                }
                shortcut = ch
            } else {
                guard
                    let free = (label.lowercased() + value.lowercased() + "123456789").first(where: {
                        $0.isLetter || $0.isNumber ? !taken.contains($0) : false
                    })
                else {
                    throw ConfigError("Question \"\(key)\" has more choices than free shortcut keys; give each choice a key.")
                }
                shortcut = free
            }
            taken.insert(shortcut)
            guard !choices.contains(where: { $0.value.lowercased() == value.lowercased() }) else {
                throw ConfigError("Question \"\(key)\" lists the choice \"\(value.escapedForTerminal)\" twice.")
            }
            choices.append(QuestionChoice(value: value, label: label, shortcut: shortcut, sent: entry["send"]?.stringValue ?? value))
        }
        switch kind {
        case .text where !choices.isEmpty:
            throw ConfigError("Question \"\(key)\" is free text but lists choices; remove them or use kind = \"single\".")
        case .single, .multiple:
            if choices.count < 2 { throw ConfigError("Question \"\(key)\" needs at least two choices.") }
        case .rating:
            guard Set(choices.map { $0.value.lowercased() }) == Set(EventQuestion.ratings), choices.count == 3 else {
                throw ConfigError("Question \"\(key)\" is a rating; its choices must be hot, warm and cold (labels and keys may change).")
            }
            for index in choices.indices { choices[index].value = choices[index].value.lowercased() }
        case .text: break
        }
        self.init(key: key, label: (tree["label"]?.stringValue ?? key).trimmingSpaces, kind: kind, choices: choices, field: field)
    }

    /// A question must write to a field a lead can carry as text: a standard field, a status such
    /// as STATUS_ID, or a `UF_CRM_*` field (checked against the portal once it is cached).
    static func checkTarget(_ field: String, question: String) throws(ConfigError) {
        guard let known = LeadField.named(field) else {
            throw ConfigError(
                "Question \"\(question)\" writes to \(field.escapedForTerminal), which is not a lead field; use a UF_CRM_ field, a field such as STATUS_ID, or COMMENTS."
            )
        }
        switch known.kind {
        case .multi, .idList:
            throw ConfigError(
                "Question \"\(question)\" writes to \(field), which holds a list of contacts, not an answer; use a UF_CRM_ field or COMMENTS.")
        default: break
        }
    }

    var tree: JSONValue {
        var object: [String: JSONValue] = ["key": .string(key), "label": .string(label), "kind": .string(kind.rawValue), "field": .string(field)]
        if !choices.isEmpty {
            object["choices"] = .array(
                choices.map { choice in
                    var entry: [String: JSONValue] = [
                        "value": .string(choice.value), "label": .string(choice.label), "key": .string(String(choice.shortcut)),
                    ]
                    if choice.sent != choice.value { entry["send"] = .string(choice.sent) }
                    return .object(entry)
                })
        }
        return .object(object)
    }
}
