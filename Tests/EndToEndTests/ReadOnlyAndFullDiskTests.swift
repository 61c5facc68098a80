import Foundation
import Testing

/// Looking at the outbox must keep working when writing cannot: on a full disk (a booth laptop
/// that filled up with photos) and on a read-only database. Writing fails with EX_IOERR (74) or
/// EX_CANTCREAT (73) and one sentence, and nothing already saved is touched.
@Suite struct ReadOnlyAndFullDiskTests {
    let cli = CLIHarness()

    /// A private mount namespace with a small tmpfs needs root and `unshare` (CI runs as root).
    static let canMountTmpfs: Bool = {
        guard getuid() == 0 else { return false }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["unshare", "-m", "true"]
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return false }
        probe.waitUntilExit()
        return probe.terminationStatus == 0
    }()

    @Test(.enabled(if: canMountTmpfs, "needs root and unshare -m for a private tmpfs"), .timeLimit(.minutes(2)))
    func readingWorksOnAFullDiskAndWritingSaysSo() throws {
        let disk = cli.folder + "/disk"
        let results = cli.folder + "/results"
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: results, withIntermediateDirectories: true)
        let leadbox = CLIHarness.leadbox
        // Every command's stdout, stderr and status go to files outside the full tmpfs.
        let script = """
            set -u
            mount -t tmpfs -o size=2m tmpfs '\(disk)' || exit 90
            export LEADBOX_DB='\(disk)/leads.sqlite'
            run() { name=$1; shift; '\(leadbox)' "$@" >'\(results)'/$name.out 2>'\(results)'/$name.err; echo $? >'\(results)'/$name.rc; }
            run add1 add --name 'Анна' --last-name Иванова --company 'ООО Ромашка' --email anna@example.ru
            run add2 add --name Pierre --company 'Café Crème' --phone '+33 1 42 68 53 00'
            dd if=/dev/zero of='\(disk)/filler' bs=4k 2>/dev/null
            run status status --json
            run list list --json
            run search list --search Ромашка --json
            run show show 1
            run export export --format csv
            run add3 add --name 'Too late'
            run after status --json
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["unshare", "-m", "bash", "-c", script]
        process.environment = cli.environment
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)

        func result(_ name: String) -> (status: Int32, out: String, err: String) {
            let read = { (suffix: String) in (try? String(contentsOfFile: "\(results)/\(name).\(suffix)", encoding: .utf8)) ?? "" }
            return (Int32(read("rc").trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1, read("out"), read("err"))
        }
        #expect(result("add1").status == 0)
        #expect(result("add2").status == 0)
        for name in ["status", "list", "search", "show", "export"] {
            #expect(result(name).status == 0, "\(name) on a full disk: \(result(name).err)")
        }
        #expect(result("status").out.contains("\"pending\" : 2") || result("status").out.contains("\"pending\":2"), "\(result("status").out)")
        #expect(result("search").out.contains("Ромашка"))
        #expect(result("show").out.contains("Иванова"))
        #expect(result("export").out.contains("Café Crème"))
        let refused = result("add3")
        #expect(refused.status == 74, "\(refused.err)")  // EX_IOERR
        #expect(refused.err.contains("full"), "\(refused.err)")
        #expect(refused.err.split(separator: "\n").count == 1)
        #expect(result("after").out == result("status").out)
    }

    @Test func aReadOnlyDatabaseCanBeReadButNotWritten() throws {
        #expect(try cli.run(["add", "--name", "Kept", "--company", "Read Only Ltd"]).status == 0)
        let folder = (cli.database as NSString).deletingLastPathComponent
        try? FileManager.default.removeItem(atPath: cli.database + "-wal")
        try? FileManager.default.removeItem(atPath: cli.database + "-shm")
        chmod(cli.database, 0o444)
        chmod(folder, 0o555)
        defer {
            chmod(folder, 0o755)
            chmod(cli.database, 0o600)
        }
        // Root writes through permissions; run as nobody when we are root.
        func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
            var command = [CLIHarness.leadbox] + arguments
            if getuid() == 0 {
                let copy = cli.folder + "/leadbox-copy"
                if !FileManager.default.fileExists(atPath: copy) {
                    try FileManager.default.copyItem(atPath: CLIHarness.leadbox, toPath: copy)
                    chmod(copy, 0o755)
                }
                chmod(cli.folder, 0o755)
                chmod(cli.database, 0o444)
                command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", copy] + arguments
            }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = command
            process.environment = cli.environment
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let output = out.fileHandleForReading.readDataToEndOfFile()
            let errors = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
        }
        let list = try run(["list"])
        #expect(list.status == 0, "\(list.err)")
        #expect(list.out.contains("Read Only Ltd"))
        #expect(try run(["status"]).status == 0)
        let add = try run(["add", "--name", "x"])
        #expect(add.status == 73, "\(add.err)")
        #expect(add.err.contains("read-only"), "\(add.err)")
    }
}
