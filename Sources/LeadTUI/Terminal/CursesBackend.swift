import CNcursesw
import Glibc
import LeadCore

/// Why the terminal UI could not start.
public struct TerminalUIError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }

    static let notATerminal = TerminalUIError("The terminal UI needs an interactive terminal; use `leadbox add` or `leadbox list` in scripts.")
    static func unknownTerminal(_ term: String) -> TerminalUIError {
        TerminalUIError("The terminal type \"\(term.escapedForTerminal)\" is unknown here; set TERM to xterm-256color or linux and try again.")
    }
}

/// The thin layer over ncursesw: draws a `Frame` and turns terminal input into `KeyEvent`s.
///
/// ncurses is not thread-safe, so an instance must be created, used and ended on one thread.
/// Raw mode lets Ctrl-S, Ctrl-Q, Ctrl-C and Ctrl-Z reach the UI as keys (flow control and
/// signals would otherwise eat them); ncurses' own handlers keep SIGWINCH (KEY_RESIZE) and an
/// external SIGTSTP/SIGCONT working. The alternate screen is entered and left by ncurses
/// (smcup/rmcup), so the shell's screen comes back on exit.
final class CursesBackend {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let color: Bool
    private var ended = false

    init(theme: Theme) throws(TerminalUIError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        guard let screen = cn_newterm() else {
            throw .unknownTerminal(String(cString: getenv("TERM") ?? strdup("(unset)")))
        }
        self.screen = screen
        set_term(screen)
        guard cn_can_address_cursor() != 0 else {
            endwin()
            delscreen(screen)
            throw TerminalUIError(
                "The terminal type \"\(String(cString: getenv("TERM") ?? strdup("(unset)")).escapedForTerminal)\" cannot move the cursor, which the form needs; set TERM to xterm-256color or linux, or use `leadbox add` and `leadbox list`."
            )
        }
        window = cn_stdscr()!
        raw()
        noecho()
        nonl()
        keypad(window, true)
        set_escdelay(25)
        wtimeout(window, 100)
        color = theme.color && has_colors()
        if color {
            start_color()
            use_default_colors()
            for (pair, fg) in [(1, COLOR_RED), (2, COLOR_YELLOW), (3, COLOR_GREEN), (4, COLOR_CYAN)] {
                init_pair(Int16(pair), Int16(fg), -1)
            }
        }
    }

    /// Leaves curses mode: the terminal's modes and the shell's screen come back. Idempotent,
    /// so every exit path can call it.
    func end() {
        guard !ended else { return }
        ended = true
        curs_set(1)
        endwin()
        delscreen(screen)
    }

    var size: (width: Int, height: Int) { (Int(getmaxx(window)), Int(getmaxy(window))) }

    func draw(_ frame: Frame) {
        let grid = frame.grid
        let (width, height) = size
        for row in 0..<min(grid.height, height) {
            for column in 0..<min(grid.width, width) {
                let cell = grid[row, column]
                if cell.text.isEmpty { continue }  // the right half of a wide character
                let scalars = cell.text.unicodeScalars.map(\.value)
                let (attrs, pair) = look(cell.style)
                _ = scalars.withUnsafeBufferPointer {
                    cn_put_cell(window, Int32(row), Int32(column), $0.baseAddress, Int32($0.count), attrs, pair)
                }
            }
        }
        if let cursor = frame.cursor {
            curs_set(1)
            wmove(window, Int32(cursor.row), Int32(cursor.column))
        } else {
            curs_set(0)
        }
        wrefresh(window)
    }

    /// Forces a full repaint (after a suspend, when the terminal content is unknown).
    func invalidate() {
        clearok(window, true)
    }

    /// Whether the terminal went away (its window closed, the ssh link or the tmux server gone):
    /// input then reads end of file at once, forever, which curses reports as "no key" — the UI
    /// would spin on it at full CPU. Checked when no key came.
    private(set) var isHungUp = false

    /// The next key, or nil when none arrives within `timeout` milliseconds (0: do not wait) or
    /// the terminal hung up (`isHungUp`).
    func readKey(timeout: Int32) -> KeyEvent? {
        wtimeout(window, timeout)
        var ch: wint_t = 0
        let kind = wget_wch(window, &ch)
        if kind == KEY_CODE_YES { return functionKey(Int32(ch)) }
        guard kind == OK else {
            isHungUp = isHungUp || CursesBackend.inputHungUp()
            return nil
        }
        switch ch {
        case 10, 13: return .enter
        case 9: return .tab
        case 8, 127: return .backspace
        case 27: return swallowUnknownSequence() ? .unknown : .escape
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(ch) + 96)))
        case 0..<32: return .unknown  // Ctrl-Space, Ctrl-\ and the like: keys with no use here, said so
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return .unknown }
            return .character(Character(scalar))
        }
    }

    /// Whether standard input (the terminal curses reads) reports a hang-up or an error.
    private static func inputHungUp() -> Bool {
        var input = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&input, 1, 0) > 0 else { return false }
        return input.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
    }

    /// After an Esc: a key the terminal description does not know (say TERM names another
    /// terminal) arrives as Esc followed at once by `[`… or `O`…; ncurses has already decoded every
    /// key it knows. Such a sequence is read to its end and becomes `.unknown`, so it is never typed
    /// into a field as text. Returns false for a lone Esc (the next key, if any, is left for later).
    private func swallowUnknownSequence() -> Bool {
        wtimeout(window, 0)
        var next: wint_t = 0
        guard wget_wch(window, &next) == OK else { return false }
        guard next == 0x5B || next == 0x4F else {  // "[" or "O"
            unget_wch(wchar_t(bitPattern: next))
            return false
        }
        let introducer = next
        for _ in 0..<16 {
            guard wget_wch(window, &next) == OK else { break }
            // SS3 sequences are one character; CSI ends with a byte from @ to ~.
            if introducer == 0x4F || (0x40...0x7E).contains(next) { break }
        }
        return true
    }

    private func functionKey(_ code: Int32) -> KeyEvent? {
        switch code {
        case KEY_RESIZE:
            let (width, height) = size
            return .resize(width: width, height: height)
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case cn_key_f(1)...cn_key_f(12): return .function(Int(code - cn_key_f(0)))
        default: return .unknown  // a key the description names that leadbox has no use for (Shift-Left, F13…)
        }
    }

    /// Ctrl-Z: give the terminal back, stop like any job, and redraw everything on `fg`.
    func suspend() {
        endwin()
        let previous = signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        signal(SIGTSTP, previous)
        invalidate()
    }

    /// Attributes and colour pair for a style; without colour, attributes alone carry meaning.
    private func look(_ style: Style) -> (attr_t, Int16) {
        func colored(_ pair: Int16, _ fallback: attr_t) -> (attr_t, Int16) {
            color ? (fallback == CN_A_DIM ? CN_A_NORMAL : fallback, pair) : (fallback, 0)
        }
        switch style {
        case .normal, .label, .field: return (CN_A_NORMAL, 0)
        case .title, .status, .selected: return (CN_A_REVERSE, 0)
        case .focused: return color ? (CN_A_BOLD, 4) : (CN_A_BOLD | CN_A_UNDERLINE, 0)
        case .key: return (CN_A_BOLD, 0)
        case .dim: return (CN_A_DIM, 0)
        case .error: return colored(1, CN_A_BOLD)
        case .warning: return colored(2, CN_A_BOLD)
        case .success: return colored(3, CN_A_NORMAL)
        case .state(let state):
            switch state {
            case .failed: return colored(1, CN_A_BOLD)
            case .synced: return colored(3, CN_A_NORMAL)
            case .sending, .inDoubt: return colored(2, CN_A_NORMAL)
            case .discarded, .handedOver: return (CN_A_DIM, 0)
            case .pending: return (CN_A_NORMAL, 0)
            }
        }
    }
}

extension TerminalUIError: UserFacingError {
    /// The terminal in use cannot run the UI: a setting of the environment to change (TERM).
    public var exitStatus: ExitStatus { .configuration }
}
