import ContactInput
import LeadCore

/// A business card read from the camera's still (F7): the form is filled from it as from a
/// scanned vCard, every value the reader was unsure of is marked "?" until the person edits it,
/// and the photo goes with the lead when it is saved (issue 21).
extension AppState {
    /// The card reader's answer for the still taken with F7.
    mutating func cardRead(_ reading: BusinessCardReading, photo: LeadPhoto?) -> [Command] {
        // An edit of a stored lead was opened while Tesseract read: the card is a new lead, and
        // an edit saves fields only, so filling it would overwrite the stored lead and lose the photo.
        guard form.editing == nil else {
            banner = Banner(
                .warning,
                "The card was read while a stored lead is being edited, so it was not put in; save or cancel (Esc) the edit, then press F6 and F7 again."
            )
            return []
        }
        guard reading.fields.contains(where: { !$0.isUnsure }) else {
            banner = Banner(
                .warning, "No card text could be read from the photo; hold the card flat and still, filling the picture, and press F6 then F7 again.")
            return []
        }
        screen = .form
        form.fill(from: reading.lead)
        // The recognised text goes with the lead as its raw text, as `add --photo` keeps it:
        // what no rule placed is still there to read on the lead's detail.
        form.rawScan = reading.text
        form.photo = photo
        let rows = Set(form.fields.map(\.key))
        form.unsure = Set(reading.fields.filter(\.isUnsure).map(\.name).filter(rows.contains))
        let read = reading.fields.count
        let check = form.unsure.isEmpty ? "check it" : "check the \(form.unsure.count) marked ? (unsure)"
        let notes = (reading.warnings + (photo == nil ? ["The photo could not be kept with the lead."] : [])).joined(separator: " ")
        banner = Banner(
            form.unsure.isEmpty && notes.isEmpty ? .success : .warning,
            "Filled \(read) field\(read == 1 ? "" : "s") from the card photo; \(check)\(notes.isEmpty ? "" : ". " + notes) and press Ctrl-S to save.")
        let current = form.lead
        return current.entries(.email).isEmpty && current.entries(.phone).isEmpty ? [] : [.checkDuplicates(current, excluding: form.editing)]
    }

    /// The card reader could not run (Tesseract missing, the still unreadable): one sentence, the
    /// form untouched.
    mutating func cardReadFailed(_ sentence: String) {
        banner = Banner(.error, sentence)
    }
}
