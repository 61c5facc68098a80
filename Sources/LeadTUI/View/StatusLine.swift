import LeadStore

/// The two bottom lines of every screen: what the portal and outbox are doing, and the keys.
enum StatusLine {
    static func draw(_ state: AppState, into grid: inout Grid) {
        let row = grid.height - 2
        grid.paint(row: row, style: .status)
        let theme = state.theme
        let status = state.status
        var counts = ["waiting \(status.waiting)", "failed \(status.failed)", "sent today \(status.sentToday)"]
        if status.refusedNotes > 0 { counts.insert("notes failed \(status.refusedNotes)", at: 2) }
        if let last = status.portal.lastSuccessAt {
            counts.append("last sent " + TextLayout.clock(last, now: state.now, timeZone: state.timeZone))
        }
        if let next = status.portal.nextAttemptAt, status.portal.state != .online || status.waiting > 0 {
            counts.append("next try " + TextLayout.clock(next, now: state.now, timeZone: state.timeZone))
        }
        // While the camera is on, the line asks for the badge in place of the portal's state.
        let portal = state.camera != nil ? CameraState.prompt(ascii: theme.ascii) : portalPhrase(status.portal)
        // Counts are dropped from the end until the portal phrase keeps at least 24 columns.
        while counts.count > 2, DisplayWidth.of(theme.separator + counts.joined(separator: theme.separator)) > grid.width - 25 {
            counts.removeLast()
        }
        let tail = theme.separator + counts.joined(separator: theme.separator)
        let portalWidth = grid.width - 1 - DisplayWidth.of(tail)
        var x = 1
        x += grid.put(portal, row: row, column: x, style: .status, limit: portalWidth, ellipsis: theme.ellipsis)
        grid.put(tail, row: row, column: x, style: .status)

        let hintsRow = grid.height - 1
        x = 1
        let hints = KeyBindings.hints(for: state)
        for (index, hint) in hints.enumerated() {
            let text = hint.key + " " + hint.label
            let isLast = index == hints.count - 1
            // Stop early rather than cut a hint in half.
            guard x + DisplayWidth.of(text) <= grid.width - (isLast ? 0 : 1) else { break }
            x += grid.put(hint.key, row: hintsRow, column: x, style: .key)
            x += grid.put(" " + hint.label, row: hintsRow, column: x, style: .dim)
            x += 2
        }
    }

    static func portalPhrase(_ portal: PortalStatus) -> String {
        switch portal.state {
        case .online: return "Portal online"
        case .offline: return "Portal offline" + (portal.reason.map { ": " + $0 } ?? "")
        case .paused: return "Portal paused: " + (portal.reason ?? "waiting for a person")
        case .notConfigured: return "Portal not configured: leadbox config set webhook URL"
        case .unknown: return "Portal: not contacted yet (Ctrl-R syncs now)"
        }
    }
}
