import Foundation
import LeadStore

/// What `leadbox --version` prints: the release, the commit it was built from, and the SQLite
/// library it actually runs on (the system's, which a booth laptop may have in another version).
enum BuildInfo {
    /// The name of a C string that `scripts/package` links into the binary, holding the commit.
    ///
    /// WHY at link time: a `-D` flag would recompile every module on each commit, and a generated
    /// source file would have to live (untracked) in the source tree; an extra object file only
    /// relinks. A plain `swift build` links no such object, so the commit reads "unknown".
    static let commitSymbol = "leadbox_build_commit"

    /// The commit baked in by `scripts/package`, or "unknown".
    static var commit: String {
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), commitSymbol) else { return "unknown" }
        return String(cString: symbol.assumingMemoryBound(to: CChar.self))
    }

    /// One line, e.g. `leadbox 0.1.0 (commit 47b775d1a2b3, SQLite 3.40.1)`.
    static var versionLine: String {
        "leadbox \(Leadbox.version) (commit \(commit), SQLite \(LeadStore.sqliteVersion))"
    }
}
