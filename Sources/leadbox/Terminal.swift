import Foundation
import LeadCore

/// Writing to the terminal: errors on stderr, and never a raw control character from lead data.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("leadbox: " + message.escapedForTerminal + "\n").utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data(("warning: " + message.escapedForTerminal + "\n").utf8))
    }

    /// A line on stdout, flushed at once (a caller may be waiting for it, e.g. an acknowledgement).
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Whether stdout is an interactive terminal (progress bars only then).
    static var isInteractive: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The terminal's width in columns (80 when it cannot be asked).
    static var columns: Int {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// Human-friendly "3 min ago" for lists and status.
    static func age(of date: Date, now: Date = Date()) -> String {
        let seconds = max(0, Int(now.timeIntervalSince(date)))
        switch seconds {
        case ..<60: return "\(seconds)s ago"
        case ..<3600: return "\(seconds / 60) min ago"
        case ..<86400: return "\(seconds / 3600) h ago"
        default: return "\(seconds / 86400) d ago"
        }
    }

    /// Pads or cuts `text` to `width` characters (for plain tables).
    static func cell(_ text: String, _ width: Int) -> String {
        let clean = text.escapedForTerminal
        if clean.count > width { return String(clean.prefix(max(0, width - 1))) + "…" }
        return clean + String(repeating: " ", count: width - clean.count)
    }
}
