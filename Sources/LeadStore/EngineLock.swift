import Foundation

/// Only one sync engine may work on a database: an exclusive `flock` on `<db>.lock`.
///
/// The kernel drops the lock when its holder dies (even by `kill -9`), so a crashed daemon never
/// blocks the next one. The holder writes its PID into the file, so `leadbox sync` can wake it.
public final class EngineLock: Sendable {
    public let path: String
    private let descriptor: Int32

    /// Takes the lock, or returns nil when another live process holds it.
    public static func acquire(forDatabase databasePath: String) throws -> EngineLock? {
        let path = databasePath + ".lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw EngineLockError(message: "The lock file \(path) cannot be created; check that the database folder is writable.")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
        ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        return EngineLock(path: path, descriptor: fd)
    }

    /// The PID written by the process holding the lock, if any process holds it.
    public static func holder(forDatabase databasePath: String) -> Int32? {
        let path = databasePath + ".lock"
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return nil  // nobody holds it
        }
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

public struct EngineLockError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
