import Foundation
import LeadCore
import LeadStore
import Testing

@testable import LeadTUI

/// Nothing typed into the capture form is lost: seeded random key sequences (Latin, Cyrillic, CJK
/// and emoji text, Tab/Shift-Tab, arrows, Home/End, Backspace/Delete, Enter, Ctrl-T, keys with no
/// use, Ctrl-S) go through a real session on a real outbox file, and after every key each field
/// holds what a plain model of the form says it should; every save stores exactly those values.
@Suite struct TypingPropertyTests {
    let temporary = TemporaryStore()

    /// The form as a person at the keyboard expects it, written without the UI's code: each text
    /// field a list of characters and a cursor, one focused row, the types and the source.
    struct Model {
        let fields: [FormField]
        var texts: [String: [Character]] = [:]
        var cursors: [String: Int] = [:]
        var focus = 0
        var choices: [String: String] = [:]

        init(fields: [FormField]) {
            self.fields = fields
            reset()
        }

        mutating func reset() {
            texts = [:]
            cursors = [:]
            focus = 0
            choices = ["PHONE_TYPE": "WORK", "EMAIL_TYPE": "WORK", "SOURCE_ID": "TRADE_SHOW"]
        }

        var field: FormField { fields[focus] }

        func takesText(_ field: FormField) -> Bool {
            switch field.kind {
            case .text, .multiline: return true
            default: return false
            }
        }

        var isMultiline: Bool {
            if case .multiline = field.kind { return true }
            return false
        }

        mutating func move(_ delta: Int) { focus = (focus + delta + fields.count) % fields.count }

        mutating func insert(_ character: Character) {
            let key = field.key
            var text = texts[key] ?? []
            let at = cursors[key] ?? 0
            text.insert(character, at: at)
            texts[key] = text
            cursors[key] = at + 1
        }

        /// The start of the line holding `position`, and where that line ends.
        func line(around position: Int, in text: [Character]) -> (start: Int, end: Int) {
            var start = position
            while start > 0, text[start - 1] != "\n" { start -= 1 }
            var end = position
            while end < text.count, text[end] != "\n" { end += 1 }
            return (start, end)
        }

        /// Up/Down inside Comments: false at its first or last line (the focus moves instead).
        mutating func moveLine(_ delta: Int) -> Bool {
            let key = field.key
            let text = texts[key] ?? []
            let cursor = cursors[key] ?? 0
            let here = line(around: cursor, in: text)
            let offset = cursor - here.start
            if delta < 0 {
                guard here.start > 0 else { return false }
                let above = line(around: here.start - 1, in: text)
                cursors[key] = above.start + min(offset, above.end - above.start)
            } else {
                guard here.end < text.count else { return false }
                let below = line(around: here.end + 1, in: text)
                cursors[key] = below.start + min(offset, below.end - below.start)
            }
            return true
        }

        mutating func apply(_ key: KeyEvent) {
            let name = field.key
            let text = texts[name] ?? []
            let cursor = cursors[name] ?? 0
            switch key {
            case .tab: move(+1)
            case .backTab: move(-1)
            case .down: if !(isMultiline && moveLine(+1)) { move(+1) }
            case .up: if !(isMultiline && moveLine(-1)) { move(-1) }
            case .enter: if isMultiline { insert("\n") } else { move(+1) }
            case .character(let c):
                // A row that takes no text hands it on to the next one that does.
                while !takesText(field) { move(+1) }
                insert(c)
            case .control("t"):
                guard let types = field.valueTypes else { return }
                let list = types.choices.map(\.id)
                choices[types.key] = list[((list.firstIndex(of: choices[types.key] ?? "") ?? -1) + 1) % list.count]
            case .left, .right:
                if takesText(field) {
                    cursors[name] = key == .left ? max(0, cursor - 1) : min(text.count, cursor + 1)
                } else {
                    let list = field.choices.map(\.id)
                    let at = list.firstIndex(of: choices[name] ?? "") ?? 0
                    choices[name] = list[(at + (key == .left ? -1 : 1) + list.count) % list.count]
                }
            case .home: if takesText(field) { cursors[name] = line(around: cursor, in: text).start }
            case .end: if takesText(field) { cursors[name] = line(around: cursor, in: text).end }
            case .backspace:
                guard takesText(field), cursor > 0 else { return }
                texts[name]!.remove(at: cursor - 1)
                cursors[name] = cursor - 1
            case .delete:
                guard takesText(field), cursor < text.count else { return }
                texts[name]!.remove(at: cursor)
            default: break
            }
        }

        func value(_ key: String) -> String { String(texts[key] ?? []) }

        /// The first difference between the model and the form, or nil.
        func difference(from form: FormState) -> String? {
            for field in fields where takesText(field) {
                if form.text(field.key) != value(field.key) {
                    return "\(field.key) holds \(form.text(field.key).debugDescription), expected \(value(field.key).debugDescription)"
                }
                if (form.texts[field.key]?.cursor ?? 0) != (cursors[field.key] ?? 0) {
                    return "\(field.key)'s cursor is at \(form.texts[field.key]?.cursor ?? 0), expected \(cursors[field.key] ?? 0)"
                }
            }
            if form.focus != focus { return "the focus is on \(form.focusedField.key), expected \(field.key)" }
            for (key, id) in choices where form.choices[key] != id {
                return "\(key) is \(form.choices[key] ?? "nil"), expected \(id)"
            }
            return nil
        }

        /// The first difference between a stored lead and the model, or nil.
        func difference(fromSaved lead: Lead) -> String? {
            for field in fields where takesText(field) {
                let typed = value(field.key)
                switch field.key {
                case "PHONE", "EMAIL":
                    let kind = MultiFieldKind(rawValue: field.key)!
                    let type = choices[field.key + "_TYPE"]!
                    let expected = typed.trimmingSpaces.isEmpty ? [] : [MultiFieldValue(value: typed.trimmingSpaces, valueType: type)]
                    if lead.entries(kind) != expected { return "\(field.key) was saved as \(lead.entries(kind)), expected \(expected)" }
                case "TITLE" where typed.trimmingSpaces.isEmpty:
                    continue  // a title is made from the name when none was typed
                default:
                    let expected = typed.trimmingSpaces.isEmpty ? nil : typed
                    if lead[field.key] != expected {
                        return "\(field.key) was saved as \(lead[field.key].debugDescription), expected \(expected.debugDescription)"
                    }
                }
            }
            if lead["SOURCE_ID"] != choices["SOURCE_ID"] { return "SOURCE_ID was saved as \(lead["SOURCE_ID"] ?? "nil")" }
            return nil
        }
    }

    /// Short runs of text, from scripts a booth sees; no ':' (so nothing starts like a scanned card)
    /// and no lone combining marks (which join the character before them, a separate test's job).
    static let alphabet: [Character] = Array("abcxyzABQ019 .,;-+@()'!?ёжЩЮыйЁ日本語東京商事のテスト한국🙂é")
    static let digits: [Character] = Array("+0123456789 -()")
    static let addresses = ["anna@example.ru", "yamada@example.jp", "a.b+c@mail.example.com", "gleb@пример.рф"]

    static func key(for model: Model, using random: inout SeededRandom) -> [KeyEvent] {
        let roll = Int.random(in: 0..<100, using: &random)
        let contact = model.field.valueTypes != nil
        if contact, !model.value(model.field.key).isEmpty, roll < 10 {
            // The typist clears a phone or e-mail that went wrong (Backspace from its end).
            return [.end] + Array(repeating: .backspace, count: model.value(model.field.key).count)
        }
        switch roll {
        case 0..<40:
            // Text, shaped by the field so that some leads are valid and saved.
            if model.field.key == "EMAIL", model.value("EMAIL").isEmpty, Int.random(in: 0..<4, using: &random) > 0 {
                return KeyEvent.typing(addresses.randomElement(using: &random)!)
            }
            let source = model.field.key == "PHONE" ? digits : alphabet
            return (0..<Int.random(in: 1...6, using: &random)).map { _ in .character(source.randomElement(using: &random)!) }
        case 40..<52: return [.tab]
        case 52..<57: return [.backTab]
        case 57..<61: return [.up]
        case 61..<66: return [.down]
        case 66..<71: return [.left]
        case 71..<74: return [.right]
        case 74..<76: return [.home]
        case 76..<78: return [.end]
        case 78..<84: return [.backspace]
        case 84..<86: return [.delete]
        case 86..<89: return [.enter]
        case 89..<92: return [.control("t")]
        case 92..<94: return [[.pageDown, .function(8), .unknown, .control("a")].randomElement(using: &random)!]
        default: return [.control("s")]
        }
    }

    @Test(arguments: 1...20 as ClosedRange<UInt64>)
    func nothingTypedIsLost(seed: UInt64) throws {
        _ = utf8Locale
        let store = try LeadStore(path: temporary.path)
        // A portal schema with a custom field after the source, so text typed on the source has a
        // text field to go on to before the form goes round.
        try store.setCache(PortalSchema.cacheKey, json: String(decoding: try JSONEncoder().encode(SnapshotTests.schema), as: UTF8.self))
        let ui = Session(
            store: store, options: TerminalUIOptions(noColor: true), width: 80, height: 24, now: fixedNow, timeZone: utc,
            queriesInBackground: false)
        var model = Model(fields: ui.state.form.fields)
        #expect(
            model.fields.map(\.key) == [
                "TITLE", "NAME", "LAST_NAME", "COMPANY_TITLE", "POST", "PHONE", "EMAIL", "COMMENTS", "SOURCE_ID", "UF_CRM_BOOTH",
            ])
        var random = SeededRandom(seed: seed)
        var saved = 0
        var refused = 0
        for step in 0..<500 {
            let keys = TypingPropertyTests.key(for: model, using: &random)
            if keys == [.control("s")] {
                let before = try store.counts().total
                ui.handle(.control("s"), now: fixedNow)
                if try store.counts().total > before {
                    let stored = try #require(try store.list(limit: 1).first)
                    if let wrong = model.difference(fromSaved: stored.lead) {
                        Issue.record("seed \(seed), step \(step): \(wrong)")
                        return
                    }
                    saved += 1
                    model.reset()
                } else {
                    // Refused: nothing typed changes; the focus goes to the first field with a problem.
                    refused += 1
                    #expect(ui.state.banner?.kind == .error, "seed \(seed), step \(step): a refused save says so")
                    let problems = ui.state.form.visibleProblems
                    #expect(ui.state.form.focus == model.focus || problems[ui.state.form.focusedField.key] != nil)
                    model.focus = ui.state.form.focus
                }
            } else {
                for key in keys {
                    ui.handle(key, now: fixedNow)
                    model.apply(key)
                    if [.pageDown, .function(8), .unknown, .control("a")].contains(key) || (key == .control("t") && model.field.valueTypes == nil) {
                        let said = ui.state.banner?.text ?? ""
                        #expect(
                            said.contains("does nothing") || said.contains("means nothing"),
                            "seed \(seed), step \(step): \(key.name) went by without a word")
                    }
                }
            }
            if let wrong = model.difference(from: ui.state.form) {
                Issue.record("seed \(seed), step \(step) after \(keys.map(\.name).joined(separator: " ")): \(wrong)")
                return
            }
        }
        // The run must have tested saves both ways, or it proved less than it says.
        #expect(saved >= 1 && refused >= 1, "seed \(seed): \(saved) saved, \(refused) refused")
    }
}
