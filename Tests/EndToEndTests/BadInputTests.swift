import Foundation
import Testing

/// Every user error: one plain sentence on stderr, its sysexits status (64 for a wrong call), and
/// the database exactly as before.
@Suite struct BadInputTests {
    let cli = CLIHarness()

    struct Case: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let says: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["add", "--field", "SOURCEID=WEB"], says: "did you mean SOURCE_ID"),
        Case(arguments: ["add", "--name", "x", "--email", "gleb@"], says: "is not an e-mail address"),
        Case(arguments: ["add", "--name", "x", "--phone", "n/a"], says: "is not a phone number"),
        Case(arguments: ["add", "--name", "x", "--field", "BIRTHDATE=1985-02-30"], says: "real date"),
        Case(arguments: ["add", "--name", "x", "--field", "OPPORTUNITY=-1"], says: "non-negative number"),
        Case(arguments: ["add", "--name", "x", "--field", "OPPORTUNITY=12,5"], says: "non-negative number"),
        Case(arguments: ["add", "--name", "x", "--field", "CURRENCY_ID=RUBL"], says: "three-letter"),
        Case(arguments: ["add", "--name", "x", "--field", "OPENED=yes"], says: "Y or N"),
        Case(arguments: ["add", "--name", "x", "--field", "ORIGIN_ID=abc"], says: "set by leadbox"),
        Case(arguments: ["add", "--name", "x", "--field", "ORIGINATOR_ID=abc"], says: "set by leadbox"),
        Case(arguments: ["add", "--name", "x", "--phone", "+7 999 1234567:CELLULAR"], says: "PHONE type must be one of"),
        Case(arguments: ["add", "--name", "x", "--field", "nonsense"], says: "KEY=VALUE"),
        Case(arguments: ["add", "--comments", "only a comment"], says: "at least one of"),
        Case(arguments: ["add"], says: "Nothing to save"),
        Case(arguments: ["add", "--bogus"], says: "Unknown option"),
        Case(arguments: ["list", "--state", "sent"], says: "sent"),
        Case(arguments: ["show", "999"], says: "There is no lead #999"),
        Case(arguments: ["edit", "999", "--name", "x"], says: "There is no lead #999"),
        Case(arguments: ["config", "set", "rate", "fast"], says: "rate must be"),
        Case(arguments: ["config", "set", "webhook", "http://portal.example.com/rest/1/abc/"], says: "https://"),
        Case(arguments: ["config", "set", "colour", "red"], says: "There is no setting"),
    ]

    /// The outbox as a user sees it, to compare before and after.
    func snapshot() throws -> String {
        try cli.run(["export", "--format", "json"]).stdout
    }

    @Test(arguments: cases)
    func badInputIsRefusedWithOneSentenceAndChangesNothing(_ badCase: Case) throws {
        #expect(try cli.run(["add", "--name", "Existing", "--email", "existing@example.com"]).status == 0)
        let before = try snapshot()
        let configBefore = FileManager.default.contents(atPath: cli.config)
        let result = try cli.run(badCase.arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(badCase.says), "stderr was: \(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1, "one line, no stack trace: \(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try snapshot() == before)
        #expect(FileManager.default.contents(atPath: cli.config) == configBefore)
    }

    // Malformed import files: see ImportTests (rows are exit 65, whole-file refusals 64).

    @Test func unusableDatabasePathsAreRefusedAndNeverOverwritten() throws {
        let missing = try cli.run(["add", "--name", "x", "--db", cli.folder + "/no/such/folder/leads.sqlite"])
        #expect(missing.status == 73)  // EX_CANTCREAT
        #expect(missing.stderr.contains("does not exist"))
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/no"))

        let notes = cli.folder + "/notes.txt"
        let content = Data("these are my notes, not a database\n".utf8)
        FileManager.default.createFile(atPath: notes, contents: content)
        let foreign = try cli.run(["add", "--name", "x", "--db", notes])
        #expect(foreign.status == 65)  // EX_DATAERR: the file is not ours
        #expect(foreign.stderr.contains("not a leadbox database"))
        #expect(FileManager.default.contents(atPath: notes) == content)

        _ = try cli.run(["add", "--name", "x"])
        var bytes = try #require(FileManager.default.contents(atPath: cli.database))
        for i in 0..<min(bytes.count, 8192) where i >= 100 { bytes[i] = 0x5A }
        try bytes.write(to: URL(fileURLWithPath: cli.database))
        try? FileManager.default.removeItem(atPath: cli.database + "-wal")
        try? FileManager.default.removeItem(atPath: cli.database + "-shm")
        let corrupt = try cli.run(["list"])
        #expect(corrupt.status == 65)
        #expect(corrupt.stderr.contains(cli.database))
        #expect(FileManager.default.contents(atPath: cli.database) == bytes)
    }

    @Test func aReadOnlyFolderIsReported() throws {
        let readOnly = cli.folder + "/ro"
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o500])
        defer { chmod(readOnly, 0o700) }
        // Root writes through permissions; drop to nobody with setpriv when we are root.
        var arguments = [CLIHarness.leadbox, "add", "--name", "x", "--db", readOnly + "/leads.sqlite"]
        if getuid() == 0 {
            // nobody may not reach the build folder (a clone under /root): run a copy from /tmp.
            let copy = cli.folder + "/leadbox"
            try FileManager.default.copyItem(atPath: CLIHarness.leadbox, toPath: copy)
            chmod(copy, 0o755)
            chmod(cli.folder, 0o755)
            arguments[0] = copy
            arguments = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + arguments
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = cli.environment
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 73, "\(message)")  // EX_CANTCREAT
        #expect(message.contains("read-only") || message.contains("cannot"), "\(message)")
    }

    @Test func aConfigFileWithASyntaxErrorNamesTheLine() throws {
        try "webhook = \"https://portal.example/rest/1/abc/\"\nrate = two\n".write(toFile: cli.config, atomically: true, encoding: .utf8)
        let result = try cli.run(["status"])
        #expect(result.status == 78)  // EX_CONFIG: the file is what to fix
        #expect(result.stderr.contains("Line 2"))
        #expect(!result.stderr.contains("abc"))
    }

    @Test func filesAreCreatedOwnerOnly() throws {
        #expect(try cli.run(["config", "set", "webhook", "https://portal.example/rest/1/secretcode123/"]).status == 0)
        #expect(try cli.run(["add", "--name", "x"]).status == 0)
        for path in [cli.config, cli.database] {
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(path)")
        }
        // The default database folder is created 0700.
        #expect(try cli.run(["status"], extraEnvironment: ["LEADBOX_DB": ""]).status == 0)
        let folderMode = try FileManager.default.attributesOfItem(atPath: cli.folder + "/data/leadbox")[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
    }
}
