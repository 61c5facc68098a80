import ArgumentParser
import Foundation
import LeadCore
import LeadTUI

/// The `leadbox` command: with no subcommand it opens the terminal UI.
struct Leadbox: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "leadbox",
        abstract: "Capture sales leads offline and deliver each one to Bitrix24 exactly once.",
        version: version,
        subcommands: [
            OpenUI.self, Add.self, List.self, Show.self, Status.self, Edit.self, Discard.self, Retry.self,
            Export.self, Import.self, ConfigCommand.self, Sync.self, Daemon.self, Portal.self,
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

    static func exit(with error: any Error) -> Never {
        if let failure = error as? CommandFailure {
            Terminal.error(failure.message)
            Foundation.exit(failure.code)
        }
        if let message = userFacingMessage(error) {
            Terminal.error(message)
            Foundation.exit(ExitCode.validationFailure.rawValue)
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

    /// Errors that mean "the input was wrong", worded for people.
    static func userFacingMessage(_ error: any Error) -> String? {
        switch error {
        case let e as LeadValidationError: e.description
        case let e as LeadInputError: e.description
        case let e as ContactInputError: e.description
        case let e as CSVError: e.description
        case let e as ConfigError: e.description
        case let e as UsageError: e.message
        case let e as TerminalUIError: e.description
        default: storeMessage(error)
        }
    }
}

/// A mistake in how leadbox was called: exit 64 with this sentence.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// A command that ran but must report a non-usage failure with a specific exit code.
struct CommandFailure: Error {
    let message: String
    let code: Int32
}
