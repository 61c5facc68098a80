import ArgumentParser
import Foundation
import LeadTUI

/// `leadbox` with no arguments: the terminal UI.
struct OpenUI: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ui", abstract: "Open the terminal UI (the default).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Draw with plain ASCII characters (for the Linux console or limited fonts).") var ascii = false

    func run() throws {
        let context = Context(global)
        let options = TerminalUIOptions(ascii: ascii, eventDefaults: try context.settings().event.defaults)
        let code = try TerminalUI.run(store: try context.openStore(), options: options)
        if code != 0 { throw ExitCode(code) }
    }
}
