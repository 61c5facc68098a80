import LeadCore
import LeadStore

/// The outbox window the screen needs: which leads (filter, search) and where the person is in
/// the list. Run off the input thread by `BackgroundQuery`.
struct OutboxQuery: Sendable {
    var filter: LeadState?
    var search: String
    var rating: String?
    var selected: Int
    var top: Int
    var height: Int
    /// The count from the last answer for the same filter and search, reused while only the
    /// selection moves; nil counts again.
    var knownTotal: Int?

    init(_ outbox: OutboxState, height: Int, knownTotal: Int?) {
        filter = outbox.filter
        search = outbox.search
        rating = outbox.rating
        selected = outbox.selected
        top = outbox.top
        self.height = height
        self.knownTotal = knownTotal
    }

    /// Filter, rating and search, the part that decides which leads match.
    var key: String { "\(filter?.rawValue ?? "all")|\(rating ?? "any")|\(search)" }

    /// Whether `other` asks for the same rows (a different known count asks nothing new).
    func asksSame(as other: OutboxQuery?) -> Bool {
        guard let other else { return false }
        return key == other.key && selected == other.selected && top == other.top && height == other.height
    }

    /// Counts the matches (unless known), places the window as the screen will, loads its rows.
    func run(_ store: LeadStore, _ cancellation: QueryCancellation) throws -> OutboxAnswer {
        let search = self.search.trimmingSpaces.isEmpty ? nil : self.search
        var outbox = OutboxState()
        outbox.selected = selected
        outbox.top = top
        outbox.total = try knownTotal ?? store.count(state: filter, search: search, rating: rating, cancellation: cancellation)
        outbox.keepSelectionVisible(height: height)
        let range = outbox.neededWindow(height: height)
        let rows = try store.list(
            state: filter, search: search, rating: rating, limit: max(1, range.count), offset: range.lowerBound,
            cancellation: cancellation
        ).map(OutboxRow.init)
        return OutboxAnswer(key: key, total: outbox.total, rows: rows, offset: range.lowerBound)
    }
}

/// What `OutboxQuery.run` found.
struct OutboxAnswer: Sendable {
    var key: String
    var total: Int
    var rows: [OutboxRow]
    var offset: Int
}
