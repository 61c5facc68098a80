import ArgumentParser

/// `leadbox` with no arguments: the terminal UI.
struct OpenUI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ui", abstract: "Open the terminal UI (the default).")

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        // Until the terminal UI lands, the default shows the outbox's status.
        var status = Status()
        status.global = global
        try await status.run()
    }
}
