import Foundation

/// What the photo tests share: a JPEG-looking file to attach, its digest by a third party, and
/// the states of the outbox's notes.
extension CLIHarness {
    /// A JPEG-looking file of seeded noise (`count` bytes) in the test's folder, and its digest
    /// by coreutils' `sha256sum` (neither the client's nor the portal's SHA-256).
    func photoFile(_ name: String, count: Int, seed: UInt64) throws -> (path: String, sha256: String) {
        var state = seed
        let bytes: [UInt8] =
            [0xFF, 0xD8, 0xFF, 0xE0]
            + (4..<count).map { _ in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
        let path = folder + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (path, String(text.prefix(64)))
    }

    /// Every note's state, oldest first.
    func noteStates() throws -> [String] {
        try sqlite("SELECT state FROM note ORDER BY id").split(separator: "\n").map(String.init)
    }
}
