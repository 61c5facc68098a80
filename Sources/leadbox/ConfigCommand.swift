import ArgumentParser
import Foundation
import LeadCore

/// `leadbox config`: show or change the settings file.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show or change settings (the webhook is always shown redacted).",
        subcommands: [ShowConfig.self, SetConfig.self],
        defaultSubcommand: ShowConfig.self)

    struct ShowConfig: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the settings with the webhook secret hidden.")
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let context = Context(global)
            Terminal.line("# \(context.configPath)")
            FileHandle.standardOutput.write(Data(try context.settings().redacted.toml.utf8))
        }
    }

    struct SetConfig: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change one setting: webhook, app_id, rate, burst, timeout, oauth_* (an OAuth app instead of a webhook), or event.FIELD (e.g. event.SOURCE_DESCRIPTION).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The setting's name.") var key: String
        @Argument(help: "Its new value (empty to clear the webhook).") var value: String

        func run() async throws {
            let context = Context(global)
            var settings = try SettingsFile.load(context.configPath)
            if key.lowercased() == "webhook", !value.isEmpty { try WebhookAddress.check(value) }
            try settings.set(key, value)
            try SettingsFile.save(settings, to: context.configPath)
            let shown = key.lowercased() == "webhook" ? Redaction.url(value) : Settings.secretKeys.contains(key.lowercased()) ? "***" : value
            Terminal.line("Set \(key) = \(shown.escapedForTerminal) in \(context.configPath)")
        }
    }
}

/// Checks a webhook URL's shape before it is saved: https (http only for this machine), and the
/// `/rest/USER/CODE/` path.
enum WebhookAddress {
    static func check(_ text: String) throws {
        guard let url = URLComponents(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw UsageError("The webhook must be a URL such as https://portal.bitrix24.ru/rest/1/CODE/.")
        }
        let loopback = host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
        guard scheme == "https" || (scheme == "http" && loopback) else {
            throw UsageError("The webhook must use https:// (plain http:// is accepted only for this machine's own test portal).")
        }
        let segments = url.path.split(separator: "/")
        guard segments.count >= 3, segments[0] == "rest", Int(segments[1]) != nil else {
            throw UsageError("The webhook path must be /rest/USER/CODE/, as Bitrix24 shows it under Developer resources → Incoming webhook.")
        }
    }
}
