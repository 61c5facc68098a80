import ArgumentParser
import Foundation
import LeadStore

/// `leadbox purge --older-than DAYS | --before DATE`: remove the personal data of delivered leads.
struct Purge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove the personal data of leads delivered before a date, and compact the file.",
        discussion: """
            Only delivered (synced) leads are purged. Each keeps its state, portal ID and times, so counts stay \
            right, and its e-mail and phone as one-way hashes, so capturing the same person again still warns of \
            a duplicate. The daemon does this daily when `retention_days` is set.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Purge leads delivered more than this many days ago.", valueName: "days")) var olderThan: Int?
    @Option(help: ArgumentHelp("Purge leads delivered before this day (YYYY-MM-DD, local time).", valueName: "date")) var before: String?

    func validate() throws {
        if (olderThan == nil) == (before == nil) { throw ValidationError("Give either --older-than DAYS or --before YYYY-MM-DD.") }
        if let olderThan, olderThan < 0 { throw ValidationError("--older-than takes a number of days, 0 or more.") }
        if let before, Self.day(before) == nil { throw ValidationError("--before takes a day as YYYY-MM-DD, such as 2026-03-01.") }
    }

    func run() async throws {
        let cutoff = olderThan.map { Date().addingTimeInterval(-Double($0) * 24 * 3600) } ?? Self.day(before ?? "")!
        let result = try Context(global).openStore().purgeDelivered(before: cutoff)
        Terminal.line(
            result.purged == 0
                ? "No delivered lead older than that still had personal data; the file was compacted anyway."
                : "Removed the personal data of \(result.purged) delivered lead\(result.purged == 1 ? "" : "s") and compacted the database.")
        if !result.logCleared {
            Terminal.line("Another leadbox process kept the write-ahead log busy; its old pages are overwritten at the next checkpoint.")
        }
    }

    /// Local midnight at the start of `text` (YYYY-MM-DD).
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10 else { return nil }
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard components.isValidDate(in: Calendar.current) else { return nil }
        return Calendar.current.date(from: components)
    }
}
