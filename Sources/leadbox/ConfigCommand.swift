import ArgumentParser
import Bitrix24
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
            abstract:
                "Change one setting: webhook, app_id, rate, burst, timeout, retention_days, oauth_* (an OAuth app instead of a webhook), event.FIELD (e.g. event.SOURCE_DESCRIPTION), event.scan_field or event.photo_field (a file field for the card photo, empty for a timeline comment)."
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The setting's name.") var key: String
        @Argument(help: "Its new value (empty to clear the webhook).") var value: String

        func run() async throws {
            let context = Context(global)
            var settings = try SettingsFile.load(context.configPath)
            if key.lowercased() == "webhook", !value.isEmpty { try WebhookAddress.check(value) }
            try settings.set(key, value)
            if var consent = settings.event.consent, consent.version.isEmpty, key.lowercased() == "event.consent_text" {
                // A stored answer must name the wording agreed to; today's date versions a first text.
                consent.version = Date().formatted(.iso8601.year().month().day())
                settings.event.consent = consent
                Terminal.line(
                    "The consent text has no version yet; set event.consent_version = \(consent.version) (change it whenever the wording changes).")
            }
            // The whole file must still read back: e.g. consent_required without a consent text.
            do { _ = try Settings(tree: settings.tree) } catch { throw UsageError("\(error.description)") }
            try SettingsFile.save(settings, to: context.configPath)
            let shown =
                ["webhook", "proxy"].contains(key.lowercased())
                ? Redaction.url(value) : Settings.secretKeys.contains(key.lowercased()) ? "***" : value
            Terminal.line(
                value.isEmpty ? "Cleared \(key) in \(context.configPath)" : "Set \(key) = \(shown.escapedForTerminal) in \(context.configPath)")
        }
    }
}

/// Checks a webhook URL before it is saved, with the same rules the sync engine applies when it
/// connects (`PortalEndpoint.webhook`): a webhook `config set` accepts never pauses sync as
/// misconfigured. A bad value typed on the command line is a usage error (exit 64).
enum WebhookAddress {
    static func check(_ text: String) throws {
        do { _ = try PortalEndpoint.webhook(text) } catch { throw UsageError(error.description) }
    }
}
