/// One thing the person did at the keyboard, already decoded from terminal bytes by the backend
/// (or spelled out directly in tests).
public enum KeyEvent: Sendable, Hashable {
    /// A typed character; combining marks arrive as their own events and join the previous one.
    case character(Character)
    /// Ctrl plus a letter, lower-case (`.control("s")` is Ctrl-S).
    case control(Character)
    case function(Int)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right, home, end, pageUp, pageDown
    /// The terminal changed size.
    case resize(width: Int, height: Int)
}

extension KeyEvent {
    /// Events for typing `text` character by character, as a keyboard-wedge scanner does
    /// (newlines arrive as Enter).
    public static func typing(_ text: String) -> [KeyEvent] {
        text.map { $0 == "\n" || $0 == "\r\n" ? .enter : $0 == "\t" ? .tab : .character($0) }
    }
}
