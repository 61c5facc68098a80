import ArgumentParser
import Foundation
import LeadTUI
import SyncEngine

/// `leadbox` with no arguments: the terminal UI.
struct OpenUI: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ui", abstract: "Open the terminal UI (the default).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Draw with plain ASCII characters (for the Linux console or limited fonts).") var ascii = false

    func run() throws {
        let context = Context(global)
        let store = try context.openStore()
        let options = TerminalUIOptions(
            ascii: ascii, eventDefaults: try context.settings().event.defaults,
            onSyncNow: { SyncNow.trigger(databasePath: store.path, global: global) })
        let code = try TerminalUI.run(store: store, options: options)
        if code != 0 { throw ExitCode(code) }
    }
}

/// The UI's "sync now" key: wakes the daemon when one runs, otherwise starts a background
/// `leadbox sync` that drains the outbox and exits (the UI shows its progress from the database).
enum SyncNow {
    static func trigger(databasePath: String, global: GlobalOptions) {
        if let pid = EngineLock.holder(forDatabase: databasePath) {
            kill(pid, SIGUSR1)
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0].hasPrefix("/")
            ? CommandLine.arguments[0] : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0])
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            process.executableURL = URL(fileURLWithPath: resolved)
        }
        var arguments = ["sync", "--timeout", "600", "--db", databasePath]
        if let config = global.config { arguments += ["--config", config] }
        if let webhook = global.webhook { arguments += ["--webhook", webhook] }
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}
