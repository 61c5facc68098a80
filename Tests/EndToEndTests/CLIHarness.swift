import Foundation
import Synchronization
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Runs the real `leadbox` binary in a temp folder of its own, with its own settings file, so a
/// test never touches the user's database or config.
final class CLIHarness: @unchecked Sendable {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let folder: String
    var database: String { folder + "/leads.sqlite" }
    var config: String { folder + "/config.toml" }

    static var binaries: String {
        if let path = ProcessInfo.processInfo.environment["LEADBOX_BIN"] { return (path as NSString).deletingLastPathComponent }
        // The test runner is `.build/<triple>/debug/leadboxPackageTests.xctest`, beside the binaries.
        return (CommandLine.arguments[0] as NSString).deletingLastPathComponent
    }

    static var leadbox: String { binaries + "/leadbox" }
    static var fakePortal: String { binaries + "/leadbox-fake-portal" }

    init() {
        folder = NSTemporaryDirectory() + "leadbox-e2e-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        env["LEADBOX_CONFIG"] = config
        env["LEADBOX_DB"] = database
        env["XDG_DATA_HOME"] = folder + "/data"
        env["XDG_CONFIG_HOME"] = folder + "/xdg-config"
        env["LEADBOX_SETTLE_SECONDS"] = "0.5"
        env["LEADBOX_OFFLINE_PROBE_SECONDS"] = "1"
        env.removeValue(forKey: "LEADBOX_WEBHOOK")
        return env
    }

    /// Runs `leadbox ARGS` to completion (bounded by `timeout`), feeding `input` on stdin.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil, extraEnvironment: [String: String] = [:], timeout: TimeInterval = 60) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIHarness.leadbox)
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        let out = Pipe()
        let err = Pipe()
        let stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let outData = ReadAll(out.fileHandleForReading)
        let errData = ReadAll(err.fileHandleForReading)
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning {
            process.terminate()
            Issue.record("leadbox \(arguments) timed out")
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: outData.text(), stderr: errData.text())
    }

    /// Starts a long-running `leadbox` (daemon, import) and returns the process and its pipes.
    func start(_ arguments: [String], extraEnvironment: [String: String] = [:]) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLIHarness.leadbox)
        process.arguments = arguments
        process.environment = environment.merging(extraEnvironment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    func json(_ arguments: [String]) throws -> Any {
        let result = try run(arguments)
        guard result.status == 0 else { throw HarnessError("leadbox \(arguments) exited \(result.status): \(result.stderr)") }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// Runs one statement with the sqlite3 shell on the test's database (outside leadbox, as a
    /// person inspecting the file would); returns its output, trimmed.
    func sqlite(_ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", database, sql]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func statusCounts() throws -> [String: Any] {
        try json(["status", "--json"]) as! [String: Any]
    }
}

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Drains a pipe on a background thread so a chatty child never blocks on a full pipe.
final class ReadAll: Sendable {
    private let data = Mutex(Data())
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                data.withLock { $0.append(chunk) }
            }
            done.signal()
        }
    }

    func text() -> String {
        done.wait()
        return current()
    }

    func current() -> String { data.withLock { String(decoding: $0, as: UTF8.self) } }
}

/// A fake portal process on loopback.
final class PortalProcess: @unchecked Sendable {
    let process = Process()
    let webhook: String
    let port: Int

    init(_ arguments: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: CLIHarness.fakePortal)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = ReadAll(out.fileHandleForReading)
        let deadline = Date().addingTimeInterval(20)
        while !reader.current().contains("\n") && Date() < deadline { usleep(10_000) }
        webhook = reader.current().split(separator: "\n").first.map(String.init) ?? ""
        port = Int(webhook.split(separator: ":")[2].split(separator: "/")[0]) ?? 0
        guard port > 0 else { throw HarnessError("the fake portal did not print its URL") }
    }

    /// GET or POST one control endpoint; returns the JSON answer.
    func control(_ path: String, body: String? = nil) throws -> Any {
        let url = URL(string: "http://127.0.0.1:\(port)/_control/\(path)")!
        var request = URLRequest(url: url)
        if let body {
            request.httpMethod = "POST"
            request.httpBody = Data(body.utf8)
            // Without it the portal reads the body as a PHP form, not JSON.
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let box = ResultBox()
        URLSession.shared.dataTask(with: request) { data, _, error in box.set(data, error) }.resume()
        let (data, error) = box.wait()
        if let error { throw error }
        return try JSONSerialization.jsonObject(with: data ?? Data("{}".utf8))
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}

final class ResultBox: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private var data: Data?
    private var error: (any Error)?
    func set(_ data: Data?, _ error: (any Error)?) {
        self.data = data
        self.error = error
        semaphore.signal()
    }
    func wait() -> (Data?, (any Error)?) {
        _ = semaphore.wait(timeout: .now() + 30)
        return (data, error)
    }
}

/// Polls `condition` until it holds or `seconds` pass.
func eventually(_ seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(50_000)
    }
    return try condition()
}
