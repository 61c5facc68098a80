import LeadCore

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
    /// A key the terminal sent that has no name here (an escape sequence the terminal description
    /// lacks, Ctrl-Space, a shifted arrow): never typed as text, but answered, not dropped unseen.
    case unknown
}

extension KeyEvent {
    /// Events for typing `text` character by character, as a keyboard-wedge scanner does
    /// (newlines arrive as Enter).
    public static func typing(_ text: String) -> [KeyEvent] {
        text.map { $0 == "\n" || $0 == "\r\n" ? .enter : $0 == "\t" ? .tab : .character($0) }
    }

    /// The key as the help screen and messages name it.
    var name: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return "\"\(String(c).escapedForTerminal)\""
        case .control(let c): return "Ctrl-" + c.uppercased()
        case .function(let n): return "F\(n)"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Delete"
        case .escape: return "Esc"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .resize: return "a resize"
        case .unknown: return "That key"
        }
    }
}
