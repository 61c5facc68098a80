import LeadCore

/// The outbox list: which leads (filter, search), which one is selected, and the window of rows
/// loaded from the store. Only the visible window is ever loaded, so 100,000 leads scroll as
/// fast as 10.
public struct OutboxState: Sendable, Hashable {
    public var filter: LeadState?
    /// Only leads the event's rating question rated so (hot, warm, cold); nil shows all.
    public var rating: String?
    public var search = ""
    /// Non-nil while the person types a search after `/`; the search before it, for Esc.
    public var searchEditor: TextBuffer?
    var searchBefore = ""
    /// How many leads match the filter and search.
    public var total = 0
    public var selected = 0
    /// Index of the first visible row.
    public var top = 0
    /// The loaded rows, starting at `rowsOffset`.
    public var rows: [OutboxRow] = []
    public var rowsOffset = 0

    public init() {}

    /// The filters `f` cycles through, in order.
    static let filters: [LeadState?] = [nil, .pending, .sending, .inDoubt, .failed, .synced, .discarded, .handedOver]

    /// Rows the list can show in a screen of `height` lines (top bar, filter line, column
    /// headers, status and hint lines take five).
    public static func visibleRows(height: Int) -> Int { max(1, height - 5) }

    public var selectedRow: OutboxRow? {
        let index = selected - rowsOffset
        return rows.indices.contains(index) ? rows[index] : nil
    }

    /// The window the view needs, to compare with what is loaded.
    func neededWindow(height: Int) -> Range<Int> {
        top..<min(total, top + OutboxState.visibleRows(height: height))
    }

    mutating func move(by delta: Int, height: Int) {
        guard total > 0 else {
            selected = 0
            top = 0
            return
        }
        selected = min(max(0, selected + delta), total - 1)
        keepSelectionVisible(height: height)
    }

    mutating func keepSelectionVisible(height: Int) {
        let visible = OutboxState.visibleRows(height: height)
        selected = min(selected, max(0, total - 1))
        if selected < top { top = selected }
        if selected >= top + visible { top = selected - visible + 1 }
        top = max(0, min(top, max(0, total - visible)))
    }

    /// The ratings `t` cycles through: all, then hot, warm, cold.
    mutating func cycleRating() {
        let all: [String?] = [nil] + EventQuestion.ratings.map { $0 }
        let index = all.firstIndex(of: rating) ?? 0
        rating = all[(index + 1) % all.count]
        selected = 0
        top = 0
    }

    mutating func cycleFilter() {
        let index = OutboxState.filters.firstIndex(of: filter) ?? 0
        filter = OutboxState.filters[(index + 1) % OutboxState.filters.count]
        selected = 0
        top = 0
    }
}
