import LeadCore

/// Keystrokes collected while a badge scanner types a vCard or MECARD into the form.
///
/// A keyboard-wedge scanner is indistinguishable from fast typing, so the form watches for a
/// field that starts like a card (`BEGIN:VCARD`, `MECARD:`) and from then on collects every key
/// here, Enter as a newline, until the card ends: `END:VCARD` or MECARD's closing `;;`.
public struct ScanCapture: Sendable, Hashable {
    public var text: String

    init(text: String = "") {
        self.text = text
    }

    /// Whether the collected text holds a whole card.
    public var isComplete: Bool {
        let trimmed = text.trimmingSpaces.uppercased()
        if trimmed.hasPrefix("MECARD:") { return trimmed.hasSuffix(";;") }
        if trimmed.hasPrefix("BEGIN:VCARD") { return trimmed.hasSuffix("END:VCARD") }
        return false
    }
}
