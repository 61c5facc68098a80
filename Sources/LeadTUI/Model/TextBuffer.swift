/// The text of one input field and where its cursor is.
///
/// The cursor counts grapheme clusters (what a person sees as one character), so Left over
/// "é" written as e + U+0301 moves past both scalars, and a combining mark typed after a letter
/// joins it instead of becoming a position of its own.
public struct TextBuffer: Sendable, Hashable, Codable {
    public private(set) var text: String
    /// Characters before the cursor.
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        self.text = text
        cursor = text.count
    }

    public mutating func insert(_ string: String) {
        let before = String(text.prefix(cursor)) + string
        text = before + text.dropFirst(cursor)
        // Re-counted on the joined text: a combining mark merges with the character before it.
        cursor = min(before.count, text.count)
    }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        let index = text.index(text.startIndex, offsetBy: cursor - 1)
        text.remove(at: index)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < text.count else { return }
        text.remove(at: text.index(text.startIndex, offsetBy: cursor))
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(text.count, cursor + 1) }

    /// Start of the current line (the whole text for one-line fields).
    public mutating func moveHome() { cursor = lineStart(of: cursor) }

    public mutating func moveEnd() {
        let chars = Array(text)
        var i = cursor
        while i < chars.count, chars[i] != "\n" { i += 1 }
        cursor = i
    }

    /// The line the cursor is on (0-based) and its offset within that line.
    public var cursorLine: (line: Int, offset: Int) {
        let before = text.prefix(cursor)
        let line = before.filter { $0 == "\n" }.count
        return (line, cursor - lineStart(of: cursor))
    }

    /// Moves to the previous (-1) or next (+1) line, keeping the offset where it can.
    /// - returns: false when there is no such line, so the caller can move to another field.
    public mutating func moveLine(_ delta: Int) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let (line, offset) = cursorLine
        let target = line + delta
        guard target >= 0, target < lines.count else { return false }
        let start = lines.prefix(target).reduce(0) { $0 + $1.count + 1 }
        cursor = start + min(offset, lines[target].count)
        return true
    }

    private func lineStart(of position: Int) -> Int {
        let chars = Array(text.prefix(position))
        var i = chars.count
        while i > 0, chars[i - 1] != "\n" { i -= 1 }
        return i
    }
}
