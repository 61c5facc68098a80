/// One terminal cell: the characters drawn there and how they look.
///
/// A wide character (CJK, most emoji) occupies its own cell plus a continuation cell whose
/// `text` is empty, so a row always has exactly `width` cells.
public struct Cell: Sendable, Hashable {
    public var text: String
    public var style: Style

    public static let blank = Cell(text: " ", style: .normal)
    static let continuation = Cell(text: "", style: .normal)
}

/// A screen position, row first as in curses.
public struct Position: Sendable, Hashable {
    public var row: Int
    public var column: Int
    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }
}

/// The whole screen as values: what every view draws into and what the terminal backend shows.
/// Rendering it to plain text is what the snapshot tests compare.
public struct Grid: Sendable, Hashable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        cells[row * width + column]
    }

    /// Writes `text` at a position, clipped to `limit` columns (default: to the right edge).
    ///
    /// The text is escaped first (`escapedForTerminal`), so control characters and escape
    /// sequences from lead data or portal messages can never reach the terminal. A wide
    /// character that would be cut in half becomes a space. With `ellipsis`, text that does not
    /// fit ends in it instead of being cut silently.
    /// - returns: the number of columns written.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: Style = .normal, limit: Int? = nil, ellipsis: String? = nil) -> Int {
        guard row >= 0, row < height, column >= 0, column < width else { return 0 }
        let available = min(limit ?? width - column, width - column)
        guard available > 0 else { return 0 }
        var cells = DisplayWidth.cells(text.escapedForTerminal)
        let total = cells.reduce(0) { $0 + $1.width }
        if total > available, let ellipsis, DisplayWidth.of(ellipsis) <= available {
            let room = available - DisplayWidth.of(ellipsis)
            var used = 0
            cells = Array(
                cells.prefix {
                    used += $0.width
                    return used <= room
                })
            cells += DisplayWidth.cells(ellipsis)
        }
        var x = column
        for cell in cells {
            if x - column + cell.width > available {
                while x - column < available {
                    set(row, x, Cell(text: " ", style: style))
                    x += 1
                }
                break
            }
            set(row, x, Cell(text: cell.text, style: style))
            for extra in 1..<max(1, cell.width) { set(row, x + extra, .continuation) }
            x += cell.width
        }
        return x - column
    }

    /// Paints `count` columns from a position with a style (for bars and selected rows),
    /// keeping the text that is there.
    public mutating func paint(row: Int, column: Int = 0, count: Int? = nil, style: Style) {
        guard row >= 0, row < height else { return }
        let end = min(width, column + (count ?? width))
        for x in max(0, column)..<max(max(0, column), end) { cells[row * width + x].style = style }
    }

    /// Copies rows of another grid (a taller virtual page) into this one, for scrolling views.
    public mutating func blit(_ other: Grid, fromRow: Int, toRow: Int, rows: Int) {
        for r in 0..<max(0, rows) {
            let source = fromRow + r
            let target = toRow + r
            guard source >= 0, source < other.height, target >= 0, target < height else { continue }
            for x in 0..<min(width, other.width) { cells[target * width + x] = other[source, x] }
        }
    }

    /// Plain text, one line per row without trailing spaces: the form snapshots are stored in.
    public var text: String {
        (0..<height).map { row in
            var line = ""
            for x in 0..<width { line += cells[row * width + x].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }

    private mutating func set(_ row: Int, _ column: Int, _ cell: Cell) {
        guard column < width else { return }
        // Overwriting half of a wide character blanks the other half, as a terminal would.
        let index = row * width + column
        if cells[index].text.isEmpty, column > 0, cell.text != "" { cells[index - 1] = Cell(text: " ", style: cells[index - 1].style) }
        if column + 1 < width, cells[index + 1].text.isEmpty, DisplayWidth.of(cells[index].text) == 2, !cell.text.isEmpty,
            DisplayWidth.of(cell.text) < 2
        {
            cells[index + 1] = Cell(text: " ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }
}

/// What one frame shows: the grid and where the text cursor blinks (nil hides it).
public struct Frame: Sendable, Hashable {
    public var grid: Grid
    public var cursor: Position?
}
