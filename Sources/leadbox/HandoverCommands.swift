import ArgumentParser
import Foundation
import LeadCore
import LeadStore

/// `leadbox handover export|import FILE`: move undelivered leads to another laptop so they are
/// sent from there, exactly once.
struct Handover: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "handover",
        abstract: "Move undelivered leads to another laptop (export here, import there).",
        subcommands: [ExportFile.self, ImportFile.self])

    struct ExportFile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write every undelivered lead to FILE and stop sending them from this laptop.",
            discussion: "Leads whose send may already have reached the portal are marked so, and the other laptop looks them up before sending.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The handover file to create (it must not exist yet).") var file: String

        func run() async throws {
            let store = try Context(global).openStore()
            var lookUps = 0
            var written = false
            let count: Int
            do {
                count = try store.handOver { leads in
                    lookUps = leads.filter(\.mayHaveReachedPortal).count
                    try HandoverFile.writeAtomically(try HandoverFile(leads: leads, now: Date()).encoded(), to: file)
                    written = true
                }
            } catch {
                // The leads were not marked (the transaction rolled back): a file left behind
                // would let two laptops send them.
                if written { unlink(file) }
                throw error
            }
            guard count > 0 else {
                Terminal.line("Nothing to hand over: no lead on this laptop is waiting to be delivered; no file was written.")
                return
            }
            let checked = lookUps == 0 ? "" : " (\(lookUps) may already be on the portal and will be looked up there first)"
            Terminal.line(
                "Handed over \(count) lead\(count == 1 ? "" : "s") to \(file)\(checked). This laptop will not send them; on the other laptop run `leadbox handover import \(file)`."
            )
        }
    }

    struct ImportFile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Add the leads of a handover FILE to this laptop's outbox, keeping their UUIDs.",
            discussion:
                "Importing the same file again adds nothing. A damaged, edited or newer-version file is refused with nothing changed (exit 65).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "A file written by `leadbox handover export`.") var file: String

        func run() async throws {
            let handover = try HandoverFile.read(file)
            let result = try Context(global).openStore().takeOver(handover.leads)
            var line = "Imported \(result.added) lead\(result.added == 1 ? "" : "s") from \(file)"
            if result.toLookUp > 0 { line += " (\(result.toLookUp) will be looked up on the portal by ORIGIN_ID before any send)" }
            if result.alreadyHere > 0 { line += "; \(result.alreadyHere) \(result.alreadyHere == 1 ? "was" : "were") already here and left alone" }
            Terminal.line(line + ".")
            if result.added > 0 { Terminal.line("They are sent by `leadbox sync`, the daemon or the terminal UI.") }
        }
    }
}
