import ArgumentParser
import FakePortal
import Foundation

/// `leadbox-fake-portal`: runs the local Bitrix24 stand-in until SIGTERM/SIGINT. The first line
/// on stdout is the webhook URL, so scripts can start it with port 0 and read where it listens.
@main
struct FakePortalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "leadbox-fake-portal",
        abstract: "A local Bitrix24 portal with rate limits and fault injection.",
        discussion: """
            Fault kinds: 500, html502, html503, reset, drop, slow, truncate, outage.
            Control API (no auth): GET /_control/stats, GET /_control/leads, POST /_control/reset,
            POST /_control/config, POST /_control/outage {"seconds":20}, POST /_control/tokens.
            Also answers crm.settings.mode.get (--crm-mode) and user.current (--owner).
            """
    )

    @Option(help: "Port on 127.0.0.1 (0 = any free port).") var port = 0
    @Option(help: "Leaky-bucket drain rate, requests per second (0 = unlimited).") var rate = 2.0
    @Option(help: "Leaky-bucket capacity.") var burst = 50
    @Option(help: "Seed of the fault generator.") var seed: UInt64 = 1
    @Option(name: .customLong("fault"), help: "KIND=P, repeatable, e.g. --fault drop=0.1")
    var faults: [String] = []
    @Option(help: "Delay of a 'slow' answer in milliseconds.") var slowMs = 1500
    @Option(help: "Start an outage after this many REST requests.") var outageAt: Int?
    @Option(help: "Length of an injected outage in seconds.") var outageSeconds = 20.0
    @Option(help: "Keep leads in this JSON file across restarts.") var store: String?
    @Option(help: "Webhook secret code.") var code = FakePortalConfiguration().webhookCode
    @Option(help: "Webhook user id.") var user = 1
    @Option(help: "Per-method operating-time limit in seconds per 10 minutes (off when absent).")
    var operatingLimit: Double?
    @Option(help: "Operating seconds charged per call.") var operatingCost = 1.0
    @Option(help: "CRM mode crm.settings.mode.get answers: 1 classic, 2 simple (new leads become deals at once).")
    var crmMode = 1
    @Option(name: .customLong("required"), help: "A lead field the admin made required (repeatable), e.g. --required TITLE.")
    var requiredFields: [String] = []
    @Option(help: "The webhook owner's first and last name, as user.current answers.") var owner = "Anna Ivanova"
    @Option(help: "Serve HTTPS with this certificate (PEM, leaf first); needs --tls-key.") var tlsCert: String?
    @Option(help: "The certificate's private key (PEM).") var tlsKey: String?

    func run() async throws {
        var config = FakePortalConfiguration()
        config.port = port
        config.rate = rate
        config.burst = burst
        config.seed = seed
        config.faults = try Self.parseFaults(faults)
        config.slowDelay = .milliseconds(slowMs)
        config.outageAtRequest = outageAt
        config.outageDuration = .milliseconds(Int(outageSeconds * 1000))
        config.storePath = store
        config.webhookCode = code
        config.webhookUser = user
        config.operatingLimit = operatingLimit.map { OperatingLimit(limit: $0, costPerCall: operatingCost) }
        guard let mode = CRMMode(rawValue: crmMode) else { throw ValidationError("Bad --crm-mode \(crmMode): use 1 (classic) or 2 (simple).") }
        config.crmMode = mode
        config.requiredFields = Set(requiredFields.map { $0.uppercased() })
        let names = owner.split(separator: " ", maxSplits: 1).map(String.init)
        config.ownerName = names.first ?? ""
        config.ownerLastName = names.count > 1 ? names[1] : ""
        switch (tlsCert, tlsKey) {
        case (let cert?, let key?): config.tls = FakePortalTLS(certificatePath: cert, keyPath: key)
        case (nil, nil): break
        default: throw ValidationError("--tls-cert and --tls-key go together.")
        }

        let portal = try await FakePortal.start(config)
        // Unbuffered write: a script reading the first line must not wait for a buffer to fill.
        FileHandle.standardOutput.write(Data((portal.webhookURL + "\n").utf8))
        try await portal.serveUntilTerminated()
    }

    static func parseFaults(_ specs: [String]) throws -> [FaultKind: Double] {
        var faults: [FaultKind: Double] = [:]
        for spec in specs {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let kind = FaultKind(rawValue: parts[0]), let probability = Double(parts[1]),
                (0...1).contains(probability)
            else {
                throw ValidationError(
                    "Bad --fault \(spec): use KIND=P with P in 0…1 and KIND one of "
                        + FaultKind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            faults[kind] = probability
        }
        return faults
    }
}
