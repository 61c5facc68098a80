import GRDB

extension LeadStore {
    /// The version of the SQLite library loaded at run time (e.g. "3.40.1"), which is the
    /// system's libsqlite3 and not necessarily the one leadbox was built against.
    public static var sqliteVersion: String {
        let number = Int(Database.sqliteLibVersionNumber)  // X*1000000 + Y*1000 + Z
        return "\(number / 1_000_000).\(number / 1000 % 1000).\(number % 1000)"
    }
}
