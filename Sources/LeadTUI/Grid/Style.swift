import LeadCore

/// What a piece of screen text means; the terminal backend decides how that looks (bold,
/// reverse, a colour), so the model stays free of terminal attributes and NO_COLOR is one switch.
public enum Style: Sendable, Hashable {
    case normal
    /// The top bar and section titles.
    case title
    case label
    /// An input field's text.
    case field
    /// The input field that has the keyboard.
    case focused
    case error
    case warning
    case success
    /// Secondary text: ages, hints, placeholders.
    case dim
    /// The highlighted row of a list.
    case selected
    /// The status line.
    case status
    /// A key name in the hint line.
    case key
    /// A lead state's glyph and word.
    case state(LeadState)
}
