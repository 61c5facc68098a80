import ArgumentParser
import BadgeImage
import Foundation
import LeadCore
import LeadTUI

/// The `leadbox` command: with no subcommand it opens the terminal UI.
struct Leadbox: AsyncParsableCommand {
    static let version = "0.1.0"

    /// Every command here names itself (`commandName:`): left out, ArgumentParser derives the name
    /// with `String(describing:)` for each command in the tree, and the protocol-conformance scans
    /// behind that were a quarter of every invocation's start (perf of `leadbox --version`).
    static let configuration = CommandConfiguration(
        commandName: "leadbox",
        abstract: "Capture sales leads offline and deliver each one to Bitrix24 exactly once.",
        version: BuildInfo.versionLine,
        subcommands: [
            OpenUI.self, Add.self, List.self, Show.self, Status.self, Edit.self, Discard.self, Retry.self,
            Export.self, Import.self, ConfigCommand.self, Sync.self, Daemon.self, Portal.self,
            Handover.self, Purge.self,
            Note.self, Scan.self,
        ],
        defaultSubcommand: OpenUI.self
    )
}

/// `--db`, `--config` and `--webhook`, shared by every command.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The outbox database file (env LEADBOX_DB).", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("The settings file, TOML or JSON (env LEADBOX_CONFIG).", valueName: "path"))
    var config: String?

    @Option(help: ArgumentHelp("The portal's incoming-webhook URL (env LEADBOX_WEBHOOK); overrides the settings file.", valueName: "url"))
    var webhook: String?
}

/// The entry point: runs the command and turns every error into one sentence and an exit code.
@main
enum Main {
    static func main() async {
        PhotoReading.prepareProcess()
        do {
            var command = try Leadbox.parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(with: error)
        }
    }

    /// Every error ends as one sentence on stderr and the exit status its type carries
    /// (`UserFacingError`); ArgumentParser's own errors keep its codes (64 for usage).
    static func exit(with error: any Error) -> Never {
        if let failure = error as? any UserFacingError {
            Terminal.error(failure.description)
            Foundation.exit(failure.exitStatus.rawValue)
        }
        let code = Leadbox.exitCode(for: error)
        if code == .success {
            print(Leadbox.fullMessage(for: error))
            Foundation.exit(0)
        }
        if code == .validationFailure {
            // ArgumentParser's own usage errors: the sentence, then where to read more.
            let message = Leadbox.message(for: error).split(separator: "\n").first.map(String.init) ?? "Invalid arguments."
            Terminal.error("\(message.replacingOccurrences(of: "Error: ", with: "")) See `leadbox help`.")
            Foundation.exit(code.rawValue)
        }
        // A bare ExitCode (the UI ending on a signal, say) has nothing to add.
        let message = Leadbox.message(for: error)
        if !message.isEmpty { Terminal.error(message) }
        Foundation.exit(code.rawValue == 0 ? 1 : code.rawValue)
    }
}

/// A mistake in how leadbox was called: exit 64 with this sentence.
struct UsageError: UserFacingError {
    let description: String
    init(_ message: String) { self.description = message }
    var exitStatus: ExitStatus { .usage }
}

/// A command that ran but must report a failure with a specific exit status.
struct CommandFailure: UserFacingError {
    let description: String
    let exitStatus: ExitStatus

    init(_ message: String, _ status: ExitStatus) {
        self.description = message
        self.exitStatus = status
    }
}
