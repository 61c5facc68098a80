/// The exit status a failed command ends with, in the meaning of sysexits(3), so scripts and
/// service managers can tell a typo from a full disk from a portal that is down.
public enum ExitStatus: Int32, Sendable {
    /// Some leads were refused by the portal and need a person (`sync`).
    case someRefused = 1
    /// The command was called wrongly: a typo, an unknown field, a value that cannot be right.
    case usage = 64
    /// The input data was wrong (rows of a file skipped, a damaged or foreign file).
    case dataError = 65
    /// An input file does not exist or cannot be read.
    case cannotRead = 66
    /// A file or folder that leadbox must create cannot be created.
    case cannotCreate = 73
    /// Reading or writing failed: the disk is full or failing.
    case ioError = 74
    /// Try again later: the portal is unreachable, another process holds a lock, time ran out.
    case temporary = 75
    /// The settings are missing or wrong (no portal, a refused webhook, a malformed config file).
    case configuration = 78
}

/// An error a person reads: one plain sentence (`description`) and the exit status it ends a
/// command with. Every error type that can reach the command line carries its own status, the way
/// Hummingbird's `HTTPResponseError` carries its HTTP status, so no central list has to know them.
public protocol UserFacingError: Error, CustomStringConvertible {
    var exitStatus: ExitStatus { get }
}

extension LeadValidationError: UserFacingError {
    public var exitStatus: ExitStatus { .usage }
}

extension LeadInputError: UserFacingError {
    public var exitStatus: ExitStatus { .usage }
}

extension ConfigError: UserFacingError {
    public var exitStatus: ExitStatus { .usage }
}
