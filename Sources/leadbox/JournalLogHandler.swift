import Foundation
import Logging

/// Log lines for the systemd journal: no timestamp (the journal stamps every line itself) and a
/// `<N>` syslog priority prefix, which journald turns into the entry's priority, so
/// `journalctl -p warning` finds warnings.
struct JournalLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        all.merge(metadataProvider?.get() ?? [:]) { $1 }
        all.merge(event.metadata ?? [:]) { $1 }
        if let error = event.error { all["error.message"] = "\(error)" }
        let fields = all.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined()
        // One write(2) per line, so concurrent lines never interleave in the journal.
        let line = "<\(Self.priority(event.level))>\(label): \(event.message)\(fields)\n"
        _ = line.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
    }

    /// syslog(3) priorities: 7 debug … 2 critical.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}

/// Where log lines go: the journal's format when stderr is the journal, the usual timestamped
/// lines otherwise.
enum LogOutput {
    /// systemd sets JOURNAL_STREAM to stderr's `device:inode` when stderr is connected to the
    /// journal. A child whose stderr was redirected inherits the variable, so it only counts
    /// when it still names our stderr.
    static let stderrIsJournal: Bool = {
        guard let value = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":").compactMap { UInt64($0) }
        var info = stat()
        guard parts.count == 2, fstat(STDERR_FILENO, &info) == 0 else { return false }
        return UInt64(info.st_dev) == parts[0] && UInt64(info.st_ino) == parts[1]
    }()

    static func handler(label: String) -> any LogHandler {
        stderrIsJournal ? JournalLogHandler(label: label) : StreamLogHandler.standardError(label: label)
    }
}
