import Bitrix24
import FakePortal
import Foundation
import LeadCore
import LeadStore
import Logging
import SyncEngine
import Synchronization

/// A fake portal on loopback plus an outbox in a temp folder, wired the way the CLI wires them.
final class TestPortal: Sendable {
    let portal: FakePortal
    let folder: String
    let store: LeadStore
    let webhook: LockedValue<String>

    static func start(_ configure: (inout FakePortalConfiguration) -> Void = { _ in }) async throws -> TestPortal {
        var configuration = FakePortalConfiguration()
        configuration.rate = 0
        configure(&configuration)
        let portal = try await FakePortal.start(configuration)
        return try TestPortal(portal: portal)
    }

    private init(portal: FakePortal) throws {
        self.portal = portal
        folder = NSTemporaryDirectory() + "sync-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        store = try LeadStore(path: folder + "/leads.sqlite")
        webhook = LockedValue(portal.webhookURL)
    }

    func client() -> Bitrix24Client {
        Bitrix24Client(endpoint: try! .webhook(webhook.value), configuration: .init(originatorID: "leadbox"))
    }

    /// An engine with short waits: the fake portal finishes every call before it answers, so an
    /// in-doubt lead it has not stored after a moment will never be stored.
    func engine(
        rate: Double = 1000, burst: Int = 50, settle: TimeInterval = 0.2, seed: UInt64 = 1,
        clock: any SyncClock = SystemClock()
    ) -> SyncEngine {
        var configuration = EngineConfiguration()
        configuration.settle = settle
        configuration.offlineProbeInterval = 0.5
        configuration.backoffBase = 0.05
        configuration.backoffCap = 0.5
        configuration.settingsReload = 0.2
        configuration.idlePoll = 0.05
        configuration.seed = seed
        let webhook = self.webhook
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return SyncEngine(
            store: store,
            settings: {
                var settings = Settings()
                settings.webhook = webhook.value
                settings.rate = rate
                settings.burst = burst
                settings.timeout = 5
                return settings
            }, configuration: configuration, clock: clock, logger: logger)
    }

    func addLeads(_ count: Int, prefix: String = "Лид") throws -> [LeadRecord] {
        try store.addAll((0..<count).map { Lead(values: ["NAME": "\(prefix) \($0)", "TITLE": "\(prefix) \($0)"]) })
    }

    /// Checks the exactly-once invariant: every local lead synced, the portal holding exactly one
    /// lead per ORIGIN_ID, and the local remote ID matching the portal's.
    func exactlyOnceProblems(expected: Int) async throws -> [String] {
        var problems: [String] = []
        let stats = await portal.stats()
        if stats.leads != expected { problems.append("portal holds \(stats.leads) leads, expected \(expected)") }
        if stats.extraCopies != 0 { problems.append("\(stats.extraCopies) duplicate copies") }
        var portalIDs: [String: Int] = [:]
        for lead in await portal.leads() { if let origin = lead.string("ORIGIN_ID") { portalIDs[origin] = lead.id } }
        for record in try store.list(limit: expected + 100) {
            if record.state != .synced { problems.append("lead \(record.id) is \(record.state.rawValue)") }
            if portalIDs[record.uuid] != record.remoteID {
                problems.append(
                    "lead \(record.id) remote \(String(describing: record.remoteID)) vs portal \(String(describing: portalIDs[record.uuid]))")
            }
        }
        return problems
    }

    func stop() async {
        await portal.stop()
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// A value shared between a test and the engine's settings closure.
final class LockedValue<T: Sendable>: Sendable {
    private let stored: Mutex<T>
    init(_ value: T) { stored = Mutex(value) }
    var value: T {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}

/// Polls `condition` until it holds or `seconds` pass (a bounded wait on a condition, not a sleep).
func waitUntil(_ seconds: Double, _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await condition() { return true }
        try? await Task.sleep(nanoseconds: 20_000_000)
    }
    return try await condition()
}

/// The wall clock plus an offset a test moves forward: an hour passes the moment the test says so.
final class JumpingClock: SyncClock, Sendable {
    private let offset = Mutex<TimeInterval>(0)

    func jump(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }

    func now() -> Date { Date().addingTimeInterval(offset.withLock { $0 }) }

    func sleep(until deadline: Date, waker: Waker) async {
        await SystemClock().sleep(until: deadline.addingTimeInterval(-offset.withLock { $0 }), waker: waker)
    }
}

extension TestPortal {
    /// Puts `leads` on the portal with `crm.lead.add` and marks them synced, as the lead lane
    /// leaves them, so a test of the note lane starts from delivered leads.
    func syncLeadsByHand(_ leads: [LeadRecord]) async throws {
        let client = client()
        _ = try store.claimDueLeads(limit: 50)
        var transitions: [LeadTransition] = []
        for lead in leads {
            let remoteID = try await client.addLead(
                LeadSubmission(localID: lead.id, originID: lead.uuid, fields: ["NAME": .string(lead.lead["NAME"]!)]))
            transitions.append(LeadTransition(leadID: lead.id, from: [.sending], to: .synced, outcome: "created", remoteID: remoteID))
        }
        try store.apply(transitions)
    }
}
