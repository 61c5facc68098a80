import ContactInput
import LeadCore

/// Keystrokes collected while a badge scanner types into the form.
///
/// A keyboard-wedge scanner is indistinguishable from fast typing, so the form watches for a
/// field that starts like a card (`BEGIN:VCARD`, `MECARD:`, `BIZCARD:`, au's `MEMORY:`/`NAME1:`)
/// and from then on collects every key here, Enter as a newline, until the payload ends. The
/// scan key (Ctrl-B / F4) starts a capture directly, for badges that hold anything else.
public struct ScanCapture: Sendable, Hashable {
    public var text: String

    init(text: String = "") {
        self.text = text
    }

    /// Whether the collected text holds a whole payload:
    /// * MECARD / BIZCARD: the closing `;;`, or the Enter a scanner sends after the code;
    /// * vCard: `END:VCARD`, or — QR vCards often leave it out — an empty line (the scanner's
    ///   Enter after the last line);
    /// * au cards: an empty line;
    /// * anything else (a registration ID, a URL): the Enter after it.
    ///
    /// "An empty line" is one more Enter than the scanner puts between lines: some scanners type
    /// CR LF as two Enters, and then a single blank line is only a line break.
    public var isComplete: Bool {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return false }
        let upper = trimmed.uppercased()
        let endsWithEnter = text.last == "\n"
        if upper.hasPrefix("MECARD:") || upper.hasPrefix("BIZCARD:") { return upper.hasSuffix(";;") || endsWithEnter }
        if upper.hasPrefix("BEGIN:VCARD") { return upper.hasSuffix("END:VCARD") || endsWithBlankLine }
        if ContactInput.format(of: trimmed) == .au { return endsWithBlankLine }
        return endsWithEnter
    }

    /// The text ends with more newlines than separate its lines, after at least two lines.
    private var endsWithBlankLine: Bool {
        var runs: [Int] = []
        var current = 0
        for ch in text.drop(while: \.isNewline) {
            if ch == "\n" {
                current += 1
            } else if current > 0 {
                runs.append(current)
                current = 0
            }
        }
        guard current > 0, let separator = runs.first else { return false }
        return current > separator
    }
}
