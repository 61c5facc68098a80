import LeadCore

/// One lead: its state and what the portal said, every field, and the attempt history.
enum DetailView {
    static func draw(_ state: AppState, into grid: inout Grid, top: Int, height: Int) {
        guard let detail = state.detail else { return }
        let theme = state.theme
        if let banner = state.banner { BannerView.draw(banner, theme: theme, into: &grid, row: top) }
        var lines: [(String, Style, Int)] = []  // text, style, indent
        let width = grid.width - 4
        func add(_ text: String, _ style: Style = .normal, indent: Int = 2) {
            for line in TextLayout.wrap(text, width: width - indent) { lines.append((line, style, indent)) }
        }
        lines.append((theme.glyph(detail.state) + " " + detail.state.word + " (\(detail.state.rawValue))", .state(detail.state), 2))
        if let remote = detail.remoteID { add("In the CRM as lead ID \(remote).", .success) }
        if detail.state == .failed || detail.lastErrorMessage != nil {
            let code = detail.lastErrorCode.map { "\($0): " } ?? ""
            if !(code.isEmpty && detail.lastErrorMessage == nil) { add("Portal said: " + code + (detail.lastErrorMessage ?? ""), .error) }
        }
        if detail.state == .failed { add("Fix it with e (edit), then r (retry); or d (discard).", .dim) }
        add(
            "Captured " + TextLayout.timestamp(detail.createdAt, timeZone: state.timeZone)
                + (detail.syncedAt.map { ", sent " + TextLayout.timestamp($0, timeZone: state.timeZone) } ?? "")
                + (detail.nextAttemptAt.map { ", next try " + TextLayout.timestamp($0, timeZone: state.timeZone) } ?? ""), .dim)
        add("ORIGIN_ID " + detail.uuid, .dim)
        // What the visitor answered at the booth, as stored (the fields below carry it to the CRM).
        let answers = detail.qualification.answers.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.joined(separator: ", "))" }
        if !answers.isEmpty { add("Answers: " + answers.joined(separator: "; ") + (detail.rating.map { " (rated \($0))" } ?? "")) }
        if let consent = detail.qualification.consent { add("Consent: " + consent.sentence, consent.given ? .success : .warning) }
        lines.append(("", .normal, 0))
        lines.append(("Fields", .title, 2))
        for (label, value) in fieldLines(detail.lead) {
            let valueLines = value.split(separator: "\n", omittingEmptySubsequences: false)
            for (i, part) in valueLines.enumerated() {
                lines.append((TextLayout.pad(i == 0 ? label : "", 18) + String(part), i == 0 ? .normal : .normal, 4))
            }
        }
        lines.append(("", .normal, 0))
        lines.append(("Attempts (\(detail.attempts.count))", .title, 2))
        if detail.attempts.isEmpty { add("None yet.", .dim, indent: 4) }
        for attempt in detail.attempts {
            var parts = [TextLayout.timestamp(attempt.at, timeZone: state.timeZone), attempt.outcome]
            if let http = attempt.httpStatus { parts.append("HTTP \(http)") }
            if let code = attempt.errorCode { parts.append(code) }
            if let message = attempt.message { parts.append(message) }
            add(parts.joined(separator: "  "), attempt.outcome == "created" || attempt.outcome == "found" ? .normal : .dim, indent: 4)
        }
        NoteInputView.addNoteLines(detail.notes, to: &lines, width: width)
        let bodyTop = top + 1
        let rows = height - 1
        let scroll = min(state.detailScroll, max(0, lines.count - rows))
        for (offset, line) in lines.dropFirst(scroll).prefix(rows).enumerated() {
            grid.put(line.0, row: bodyTop + offset, column: line.2, style: line.1, limit: grid.width - line.2 - 1, ellipsis: theme.ellipsis)
        }
    }

    /// Label and value for every field that has one, standard fields in the portal's order.
    static func fieldLines(_ lead: Lead) -> [(String, String)] {
        var out: [(String, String)] = []
        for field in LeadField.all {
            if case .multi(let kind) = field.kind {
                for entry in lead.entries(kind) { out.append((label(field.name), "\(entry.value) (\(entry.valueType))")) }
            } else if field.name == "CONTACT_IDS", !lead.contactIDs.isEmpty {
                out.append((label(field.name), lead.contactIDs.joined(separator: ", ")))
            } else if let value = lead[field.name] {
                out.append((label(field.name), value))
            }
        }
        for (name, value) in lead.values.sorted(by: { $0.key < $1.key }) where LeadField.isCustomFieldName(name) {
            out.append((name, value))
        }
        return out
    }

    static func label(_ name: String) -> String {
        let labels = [
            "TITLE": "Title", "NAME": "Name", "SECOND_NAME": "Middle name", "LAST_NAME": "Last name", "POST": "Position",
            "COMPANY_TITLE": "Company", "PHONE": "Phone", "EMAIL": "E-mail", "WEB": "Website", "IM": "Messenger",
            "COMMENTS": "Comments", "SOURCE_ID": "Source", "SOURCE_DESCRIPTION": "Source details", "ADDRESS": "Address",
            "ADDRESS_CITY": "City", "ADDRESS_COUNTRY": "Country", "STATUS_ID": "Status", "BIRTHDATE": "Birthday",
            "ASSIGNED_BY_ID": "Responsible", "OPPORTUNITY": "Amount", "CURRENCY_ID": "Currency",
        ]
        return labels[name] ?? name
    }
}
