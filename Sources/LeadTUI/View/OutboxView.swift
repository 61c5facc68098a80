import LeadCore

/// The outbox: newest lead first, one row each, state shown as glyph and word.
enum OutboxView {
    static func draw(_ state: AppState, into grid: inout Grid, top: Int, height: Int) {
        let outbox = state.outbox
        let theme = state.theme
        if let banner = state.banner {
            BannerView.draw(banner, theme: theme, into: &grid, row: top)
        } else {
            var x = 1
            let filter = outbox.filter.map { theme.glyph($0) + " " + $0.word } ?? "all"
            x += grid.put("Showing: ", row: top, column: x, style: .label)
            x += grid.put(filter, row: top, column: x, style: .field)
            x += grid.put(" (f)", row: top, column: x, style: .dim)
            if let rating = outbox.rating {
                x += grid.put("  rated ", row: top, column: x, style: .label)
                x += grid.put(rating, row: top, column: x, style: .field)
                x += grid.put(" (t)", row: top, column: x, style: .dim)
            }
            if let editor = outbox.searchEditor {
                x += grid.put("   Search: ", row: top, column: x, style: .label)
                x += grid.put(editor.text, row: top, column: x, style: .focused, limit: 30)
            } else if !outbox.search.isEmpty {
                x += grid.put("   Search: ", row: top, column: x, style: .label)
                x += grid.put(outbox.search, row: top, column: x, style: .field, limit: 30, ellipsis: theme.ellipsis)
            } else {
                x += grid.put("   / to search", row: top, column: x, style: .dim)
            }
            let range = outbox.total == 0 ? "no leads" : "\(outbox.top + 1)–\(min(outbox.total, outbox.top + height - 2)) of \(grouped(outbox.total))"
            let rangeText = theme.ascii ? range.replacingOccurrences(of: "–", with: "-") : range
            grid.put(rangeText, row: top, column: max(x + 2, grid.width - 1 - DisplayWidth.of(rangeText)), style: .dim)
        }
        let columns = layout(width: grid.width)
        var headers = Array(repeating: "", count: 7)
        for column in columns { headers[column.value] = column.header }
        drawRow(headers, columns, row: top + 1, style: .label, into: &grid)
        if outbox.total == 0 {
            let message =
                outbox.filter == nil && outbox.search.isEmpty
                ? "No leads yet. Press Ctrl-N to capture one."
                : "No leads match. Press f to change the filter or / to change the search."
            grid.put(message, row: top + 3, column: 2, style: .dim)
            return
        }
        for r in 0..<(height - 2) {
            let index = outbox.top + r - outbox.rowsOffset
            guard outbox.rows.indices.contains(index) else { continue }
            let lead = outbox.rows[index]
            let row = top + 2 + r
            let portal = lead.remoteID.map { "ID \($0)" } ?? lead.lastError ?? ""
            let values = [
                "#\(lead.id)", theme.glyph(lead.state) + " " + lead.state.word, (lead.rating.map { "[\($0)] " } ?? "") + lead.title, lead.name,
                lead.company,
                TextLayout.age(lead.createdAt, now: state.now), portal,
            ]
            let selected = outbox.top + r == outbox.selected
            drawRow(
                values, columns, row: row, style: selected ? .selected : .normal, into: &grid, stateColumn: selected ? nil : lead.state,
                ellipsis: theme.ellipsis)
            if selected { grid.paint(row: row, style: .selected) }
        }
    }

    struct Column {
        let header: String
        /// Index into the row's values.
        let value: Int
        let width: Int
    }

    /// Columns for a width: name gets its own column only on wide screens (the title usually
    /// holds it); title and the portal column share what is left.
    static func layout(width: Int) -> [Column] {
        let wide = width >= 110
        var fixed: [Column] = [Column(header: "#", value: 0, width: 8), Column(header: "STATE", value: 1, width: 12)]
        let named = wide ? [Column(header: "NAME", value: 3, width: 18)] : []
        let company = Column(header: "COMPANY", value: 4, width: wide ? 20 : 14)
        let age = Column(header: "AGE", value: 5, width: 8)
        let used = fixed.reduce(0) { $0 + $1.width } + named.reduce(0) { $0 + $1.width } + company.width + age.width + 1
        let flexible = max(10, width - used)
        let title = Column(header: "TITLE", value: 2, width: flexible * 11 / 20)
        let portal = Column(header: "PORTAL", value: 6, width: flexible - title.width)
        fixed.append(title)
        return fixed + named + [company, age, portal]
    }

    private static func drawRow(
        _ values: [String], _ columns: [Column], row: Int, style: Style, into grid: inout Grid, stateColumn: LeadState? = nil, ellipsis: String = "…"
    ) {
        var x = 1
        for column in columns {
            let value = values.indices.contains(column.value) ? values[column.value] : ""
            let cellStyle: Style =
                column.value == 1 && stateColumn != nil ? .state(stateColumn!) : column.value == 5 && style == .normal ? .dim : style
            grid.put(value, row: row, column: x, style: cellStyle, limit: column.width - 1, ellipsis: ellipsis)
            x += column.width
        }
    }

    /// 100000 → "100,000".
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }
}

/// A one-line message under the top bar.
enum BannerView {
    static func draw(_ banner: Banner, theme: Theme, into grid: inout Grid, row: Int) {
        let style: Style
        switch banner.kind {
        case .info: style = .normal
        case .success: style = .success
        case .warning: style = .warning
        case .error: style = .error
        }
        grid.put(banner.text, row: row, column: 1, style: style, limit: grid.width - 2, ellipsis: theme.ellipsis)
    }
}
