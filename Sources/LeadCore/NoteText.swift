import Foundation

/// How a quick note is written down: as a line in a waiting lead's COMMENTS, or as a timeline
/// comment on a lead already in the CRM.
///
/// A timeline comment has no ORIGIN_ID, so the only way to recognise our own comment after a
/// lost answer is text inside it. The marker is its own last line, `leadbox-note: <uuid>`: the
/// sales team reads the note first, the marker says plainly where the comment came from (nobody
/// wonders what the number is), and it survives the portal's rendering (plain ASCII, no markup
/// the timeline could strip). A shorter hash would save a few characters but could collide.
public enum NoteText {
    public static let markerPrefix = "leadbox-note: "

    /// The text with line breaks and surrounding spaces folded away (a note is one line, like
    /// the input it is typed into); nil when nothing is left.
    public static func cleaned(_ text: String) -> String? {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
        return line.isEmpty ? nil : line
    }

    /// "2026-12-01 14:05 text": the booth's local time, minutes only, as a person would write it.
    public static func stamped(_ text: String, at date: Date, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let stamp = String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
        return "\(stamp) \(text)"
    }

    /// COMMENTS with the stamped line appended on a line of its own.
    public static func appending(_ line: String, to comments: String?) -> String {
        guard let comments, !comments.isEmpty else { return line }
        return comments.hasSuffix("\n") ? comments + line : comments + "\n" + line
    }

    /// The timeline comment for a note: its stamped line, then the marker line.
    public static func comment(_ stampedLine: String, uuid: String) -> String {
        "\(stampedLine)\n\(markerPrefix)\(uuid)"
    }

    /// The note UUID a comment carries in its last line, or nil for anyone else's comment.
    public static func marker(in comment: String) -> String? {
        guard let last = comment.split(whereSeparator: \.isNewline).last.map({ $0.trimmingCharacters(in: .whitespaces) }),
            last.hasPrefix(markerPrefix)
        else { return nil }
        let uuid = String(last.dropFirst(markerPrefix.count))
        return uuid.isEmpty ? nil : uuid
    }
}
