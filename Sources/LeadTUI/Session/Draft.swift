import Foundation
import LeadCore

/// The form as saved in the outbox's draft slot (opaque JSON to the store), so typing in
/// progress survives a crash, a closed terminal or a power cut.
struct Draft: Codable, Equatable {
    var texts: [String: String]
    var choices: [String: String]
    var focus: Int
    /// Values from a scan that have no input of their own (address, website…).
    var base: [String: JSONValue]
    /// The scanner's text for the lead in the form, so a crash before Ctrl-S keeps it too.
    var rawScan: String?
    /// The chosen answers of the event's choice questions and the consent (drafts written before
    /// the form asked questions have neither).
    var answers: [String: [String]]?
    var consent: Bool?
    /// A card's photo (F7), base64, so a crash before Ctrl-S does not lose the only copy of
    /// what was photographed; and the rows still marked unsure. Older drafts have neither.
    var photo: DraftPhoto?
    var unsure: [String]?

    /// The card photo as the draft keeps it.
    struct DraftPhoto: Codable, Equatable {
        var fileName: String
        var jpeg: Data
    }

    init(_ form: FormState) {
        texts = form.texts.mapValues(\.text).filter { !$0.value.isEmpty }
        choices = form.choices
        focus = form.focus
        base = form.base.fieldsJSON
        rawScan = form.rawScan
        answers = form.answers.isEmpty ? nil : form.answers
        consent = form.consentAnswer
        photo = form.photo.map { DraftPhoto(fileName: $0.fileName, jpeg: Data($0.jpeg)) }
        unsure = form.unsure.isEmpty ? nil : form.unsure.sorted()
    }

    /// Reads a stored draft. What the form typed is the part that matters: a photo or marks
    /// that cannot be read (a row cut short, bad base64) are left out rather than losing the
    /// typed text with them.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        texts = try container.decode([String: String].self, forKey: .texts)
        choices = try container.decode([String: String].self, forKey: .choices)
        focus = try container.decode(Int.self, forKey: .focus)
        base = try container.decode([String: JSONValue].self, forKey: .base)
        rawScan = try container.decodeIfPresent(String.self, forKey: .rawScan)
        answers = try container.decodeIfPresent([String: [String]].self, forKey: .answers)
        consent = try container.decodeIfPresent(Bool.self, forKey: .consent)
        photo = (try? container.decodeIfPresent(DraftPhoto.self, forKey: .photo)) ?? nil
        unsure = (try? container.decodeIfPresent([String].self, forKey: .unsure)) ?? nil
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func decode(_ json: String) -> Draft? {
        try? JSONDecoder().decode(Draft.self, from: Data(json.utf8))
    }

    /// Puts the draft back into a fresh form. Unknown field keys (a custom field the portal
    /// removed since) are kept in the lead's base values rather than dropped; answers to
    /// questions the profile no longer asks are dropped (they have no field to go to).
    func restore(into form: inout FormState) {
        form.rawScan = rawScan
        var base = Lead(fieldsJSON: self.base)
        for (key, text) in texts {
            if form.fields.contains(where: { $0.key == key }) {
                form.texts[key] = TextBuffer(text)
            } else if !key.hasPrefix(FormField.questionPrefix) {
                base[key] = text
            }
        }
        let asked = Set(form.profile.questions.filter { $0.kind != .text }.map(\.key))
        form.answers = (answers ?? [:]).filter { asked.contains($0.key) }
        form.consentAnswer = form.profile.consent == nil ? nil : consent
        for (key, id) in choices { form.choices[key] = id }
        form.base = base
        form.focus = min(max(0, focus), form.fields.count - 1)
        form.touched = Set(texts.keys)
        // A photo that no longer passes LeadPhoto's checks cannot have been written by this
        // form; it is left out rather than failing the whole draft.
        form.photo = photo.flatMap { try? LeadPhoto(fileName: $0.fileName, jpeg: [UInt8]($0.jpeg)) }
        let rows = Set(form.fields.map(\.key))
        form.unsure = Set((unsure ?? []).filter(rows.contains))
    }
}
