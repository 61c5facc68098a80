import Bitrix24
import Foundation
import LeadCore
import LeadStore
import Logging

/// Tunables of the engine; defaults follow the design's sync rules.
public struct EngineConfiguration: Sendable, Equatable {
    /// Seconds after a send started beyond which the portal can no longer be creating the lead
    /// (its 60 s processing bound plus a margin): an in-doubt lead not found by then is resent.
    public var settle: TimeInterval = 75
    /// While the portal is unreachable, probe at least this often. The design asks for 30 s at
    /// most; 10 s keeps "delivered within 30 s of the network coming back" true with room for
    /// the batch itself, and a refused connection costs next to nothing.
    public var offlineProbeInterval: TimeInterval = 10
    /// How often an idle engine looks for leads captured by another process. A lead saved in
    /// the UI that runs this engine wakes it at once (`TerminalUIOptions.onLeadSaved` → `waker`),
    /// and SIGUSR1 ("sync now") does too; the poll is the safety net for every other writer.
    public var idlePoll: TimeInterval = 0.5
    /// How often the settings file is read again (a fixed webhook resumes sync by itself).
    public var settingsReload: TimeInterval = 2
    public var backoffBase: TimeInterval = 1
    public var backoffCap: TimeInterval = 300
    /// Seed for the backoff jitter; nil draws from the system.
    public var seed: UInt64?

    public init() {}
}

/// Progress of a run, for a progress bar or a log line.
public struct SyncProgress: Sendable, Equatable {
    public var sent: Int = 0
    public var failed: Int = 0
    public var waiting: Int = 0
    public var portal: PortalStatus.State = .unknown
    public var reason: String?

    public init(sent: Int = 0, failed: Int = 0, waiting: Int = 0, portal: PortalStatus.State = .unknown, reason: String? = nil) {
        self.sent = sent
        self.failed = failed
        self.waiting = waiting
        self.portal = portal
        self.reason = reason
    }
}

/// The sync loop's I/O shell: asks `SyncPolicy` what to do, does it (settings, portal calls,
/// outbox writes, sleeping), and tells the policy what happened.
///
/// Exactly-once rests on three rules: leads are marked `sending` in a committed transaction
/// before the request leaves; an answer that may or may not have run makes them `in_doubt`; and
/// an in-doubt lead is resent only after a lookup by ORIGIN_ID finds nothing once the portal can
/// no longer be working on it. One engine per database (see `EngineLock`).
public actor SyncEngine {
    private let store: LeadStore
    private let settingsProvider: @Sendable () throws -> Settings
    private let configuration: EngineConfiguration
    private let clock: any SyncClock
    private let logger: Logger
    public nonisolated let waker = Waker()

    private var policy: SyncPolicy
    private var client: Bitrix24Client?
    private var clientIdentity: String?
    private var stopRequested = false
    /// A steady moment.
    private var nextPurgeCheck: Date = .distantPast
    /// When this engine's sends that ended in doubt left (the in-doubt bound).
    private var sendAges: SendAges
    /// The same for timeline notes (their IDs are another table's).
    private var noteSendAges: SendAges
    private var progress = SyncProgress()
    /// The outbox as the last outcome left it, read in that outcome's own transaction
    /// (`LeadStore.record`): the next step decides on it instead of reading again, and the
    /// progress line counts from it. Used once, then read afresh.
    private var knownWork: OutboxWork?
    private var onProgress: (@Sendable (SyncProgress) -> Void)?
    /// The settings' `event.photo_field` as last read: where the note lane writes photos.
    private var photoField: String?

    public init(
        store: LeadStore, settings: @escaping @Sendable () throws -> Settings, configuration: EngineConfiguration = EngineConfiguration(),
        clock: any SyncClock = SystemClock(), logger: Logger = Logger(label: "leadbox.sync")
    ) {
        self.store = store
        self.settingsProvider = settings
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.policy = SyncPolicy(mode: .daemon, configuration: configuration)
        self.sendAges = SendAges(engineStart: clock.steadyNow())
        self.noteSendAges = SendAges(engineStart: clock.steadyNow())
    }

    /// Stops after the request in flight (if any) has its outcome recorded.
    public func requestStop() async {
        stopRequested = true
        policy.handle(.stopAsked, at: clock.instant())
        await waker.wake()
    }

    /// Try now: ends a pause or backoff wait early and reads the settings again (the "sync now"
    /// key, SIGUSR1 from `leadbox sync` or a capturing process).
    public func tryNow() async {
        policy.handle(.tryNow, at: clock.instant())
        await waker.wake()
    }

    /// The network changed (came back, other Wi-Fi): an offline engine probes at once.
    public func networkChanged() async {
        policy.handle(.networkChanged, at: clock.instant())
        await waker.wake()
    }

    public func setProgressHandler(_ handler: (@Sendable (SyncProgress) -> Void)?) {
        onProgress = handler
    }

    // MARK: - Running

    /// Syncs until `requestStop()`: the daemon.
    public func runForever() async {
        _ = await run(.daemon)
    }

    /// Delivers what it can now and returns: `leadbox sync`. Without a deadline an unreachable
    /// portal ends the drain at once; with one, it keeps probing until the deadline.
    public func drain(deadline: Date?) async -> DrainResult {
        await run(.drain(DrainRule(deadline: deadline)))
    }

    private func run(_ mode: SyncPolicy.Mode) async -> DrainResult {
        policy = SyncPolicy(mode: mode, configuration: configuration)
        if stopRequested { policy.handle(.stopAsked, at: clock.instant()) }
        // Sends this engine did not time left before now, not before the engine was made.
        let startedAt = clock.steadyNow()
        sendAges.started(at: startedAt)
        noteSendAges.started(at: startedAt)
        do {
            let now = clock.now()
            let recovered = try await store.awaiting { try $0.markAbandonedSendsInDoubt(now: now) }
            if recovered > 0 {
                logger.notice("\(recovered) lead(s) were being sent when the last engine stopped; they will be looked up before any resend")
            }
        } catch {
            logger.error("\(error)")
        }
        while true {
            do {
                let work = try await nextWork()
                let now = clock.instant()
                switch policy.next(work, at: now) {
                case .end(let end):
                    return await finish(end)
                case .readSettings:
                    await readSettings(now: now)
                case .follow(let target):
                    await client?.follow(target)
                    policy.handle(.followed, at: now)
                case .lookUp:
                    try await lookUp()
                case .send:
                    try await sendBatch()
                case .deliverNotes:
                    try await deliverNotes()
                case .wait(let until):
                    if !stopRequested { await clock.sleep(until: until, waker: waker) }
                }
            } catch {
                // The database itself failed (disk full, locked too long): say so and try again.
                logger.error("\(error)")
                policy.handle(.storeFailed, at: clock.instant())
                if stopRequested { return await finish(.stopped) }
                await clock.sleep(until: clock.steadyNow().addingTimeInterval(1), waker: waker)
            }
        }
    }

    private func nextWork() async throws -> OutboxWork {
        if let work = knownWork {
            knownWork = nil
            return work
        }
        let now = clock.now()
        return try await store.awaiting { try $0.outboxWork(now: now) }
    }

    /// Whatever way the run ends, the last word on the portal reaches the outbox.
    private func finish(_ end: DrainEnd) async -> DrainResult {
        let status = policy.status
        if status.state != .unknown {
            do { try await store.awaiting { try $0.setPortalStatus(status) } } catch { logger.error("\(error)") }
        }
        switch end {
        case .finished: return .finished(failed: (try? await store.awaiting { try $0.deliveryCounts().failed }) ?? 0)
        case .unreachable(let reason): return .unreachable(reason: reason, left: await waitingCount())
        case .misconfigured(let reason): return .misconfigured(reason: reason)
        case .stopped: return .stopped
        }
    }

    private func waitingCount() async -> Int {
        (try? await store.awaiting { try $0.deliveryCounts().waiting }) ?? 0
    }

    // MARK: - Steps

    /// Reads the settings and rebuilds the client when the portal they name changed (a fixed
    /// configuration resumes a paused sync by itself).
    private func readSettings(now: SyncInstant) async {
        let reading: SettingsReading
        do {
            let settings = try settingsProvider()
            photoField = settings.event.photoField
            if policy.mode == .daemon { await purgeIfDue(retentionDays: settings.retentionDays, now: now) }
            if let identity = PortalConnection.identity(of: settings) {
                reading = await connect(settings, identity: identity)
            } else {
                client = nil
                clientIdentity = nil
                reading = .notConfigured
            }
        } catch {
            reading = .unusable(reason: "The settings file cannot be read: \(error)")
        }
        await report(policy.handle(.settingsRead(reading), at: now))
    }

    /// The daemon's daily purge of delivered leads' personal data (`retention_days`), asked of
    /// `RetentionPolicy` at most every ten minutes (each ask reads the outbox once).
    private func purgeIfDue(retentionDays: Int?, now instant: SyncInstant) async {
        guard instant.steady >= nextPurgeCheck else { return }
        nextPurgeCheck = instant.steady.addingTimeInterval(600)
        let now = instant.wall
        let retention = RetentionPolicy(retentionDays: retentionDays)
        guard let cutoff = retention.cutoff(now: now) else { return }
        do {
            let result = try await store.awaiting { store -> PurgeResult? in
                guard retention.isDue(lastPurge: try store.lastPurge(), now: now) else { return nil }
                return try store.purgeDelivered(before: cutoff, now: now)
            }
            if let result {
                logger.notice("retention: removed the personal data of \(result.purged) lead(s) delivered more than \(retentionDays ?? 0) days ago")
            }
        } catch {
            logger.error("retention purge failed: \(error)")
        }
    }

    private func connect(_ settings: Settings, identity: String) async -> SettingsReading {
        if identity != clientIdentity || client == nil {
            let logger = self.logger
            do {
                client = try await store.awaiting { try PortalConnection.client(for: settings, store: $0, logger: logger) }
                clientIdentity = identity
            } catch {
                client = nil
                clientIdentity = nil
                return .unusable(reason: "\(error) Fix it with `leadbox config set`.")
            }
        }
        return .ready(identity: identity, rate: settings.rate, burst: settings.burst)
    }

    /// Looks up in-doubt leads (≤ 50 per call) by ORIGIN_ID.
    private func lookUp() async throws {
        guard let client else { return }
        let inDoubt = try await store.awaiting { try $0.inDoubtLeads(limit: Bitrix24Client.lookupLimit) }
        guard !inDoubt.isEmpty else { return }
        let found: [String: Int]
        do {
            found = try await client.findLeads(originIDs: inDoubt.map(\.uuid))
        } catch {
            // A lookup the portal refused as a bad request says nothing about single leads.
            let verdict = DeliveryPlanner.verdict(for: error)
            await report(
                policy.handle(
                    .lookupAnswered(verdict == .healthy ? .troubled(reason: error.message) : verdict, settlingUntil: nil), at: clock.instant()))
            return
        }
        let lookedUp = clock.instant()
        let lookedUpAt = lookedUp.wall
        let ages = sendAges
        let transitions = DeliveryPlanner.resolve(
            inDoubt: inDoubt, found: found, age: { ages.age(of: $0.id, now: lookedUp.steady) }, settle: configuration.settle)
        knownWork = try await store.awaiting { try $0.record(transitions, now: lookedUpAt) }
        let resolved = Set(transitions.map(\.leadID))
        sendAges.forget(resolved)
        let waiting = inDoubt.filter { !resolved.contains($0.id) }
        let settlingUntil = waiting.map { ages.age(of: $0.id, now: lookedUp.steady) }.max()
            .map { lookedUp.steady.addingTimeInterval(configuration.settle - $0) }
        let foundCount = transitions.filter { $0.to == .synced }.count
        progress.sent += foundCount
        logger.info(
            "looked up \(inDoubt.count) in-doubt lead(s): \(foundCount) found in the CRM, \(transitions.count - foundCount) to resend, \(waiting.count) still settling"
        )
        await report(policy.handle(.lookupAnswered(.healthy, settlingUntil: settlingUntil), at: clock.instant()))
    }

    /// Claims one batch of due leads and sends it. The claim (`sending`) is committed before the
    /// request leaves; the outcome and the outbox as it then stands are one transaction
    /// (`LeadStore.record`), which the next step decides on.
    private func sendBatch() async throws {
        guard let client else { return }
        let claim = clock.instant()
        let claimedAt = claim.wall
        let claimed = try await store.awaiting { try $0.claimBatch(limit: Bitrix24Client.batchLimit, now: claimedAt) }
        guard !claimed.isEmpty else { return }
        sendAges.sent(claimed.map(\.id), at: claim.steady)
        let submissions = claimed.map {
            LeadSubmission(localID: $0.id, originID: $0.uuid, fieldsText: $0.fieldsText, optionsText: $0.optionsText)
        }
        let result = await client.addLeads(submissions)
        let (transitions, verdict) = DeliveryPlanner.plan(claimed: claimed.map(\.id), result: result)
        let answered = clock.instant()
        let answeredAt = answered.wall
        knownWork = try await store.awaiting { try $0.record(transitions, now: answeredAt) }
        let created = transitions.filter { $0.to == .synced }.count
        let failed = transitions.filter { $0.to == .failed }
        let unknown = transitions.filter { $0.to == .inDoubt }.count
        sendAges.forget(transitions.filter { $0.to != .inDoubt }.map(\.leadID))
        progress.sent += created
        progress.failed += failed.count
        var line = "batch of \(claimed.count): \(created) created"
        if !failed.isEmpty { line += ", \(failed.count) rejected (\(failed.first?.message ?? ""))" }
        if unknown > 0 { line += ", \(unknown) unknown (will be looked up)" }
        let deferred = transitions.count - created - failed.count - unknown
        if deferred > 0 { line += ", \(deferred) deferred" }
        logger.info("\(line)")
        await report(policy.handle(.batchAnswered(verdict, unknown: unknown), at: answered))
    }

    /// One step of the note lane; the policy has already booked its request slot.
    private func deliverNotes() async throws {
        guard let client else { return }
        let (store, clock, settle, photoField, logger) = (self.store, self.clock, configuration.settle, self.photoField, self.logger)
        var ages = noteSendAges
        // Kept even when the step throws after its claim (the file's bytes or the answer could not
        // be read or written): the note is then in doubt, and its age must count from that claim,
        // not from the engine's start, or it would be sent again before the portal settled.
        defer { noteSendAges = ages }
        let verdict = try await deliverDueNotes(
            store: store, client: client, clock: clock, settle: settle, ages: &ages, photoField: photoField, logger: logger)
        if let verdict { await report(policy.handle(.batchAnswered(verdict, unknown: 0), at: clock.instant())) }
    }

    // MARK: - Portal status

    /// Logs a change, writes the status when the policy says it is worth it, and shows progress.
    private func report(_ report: StatusReport?) async {
        guard let report else { return }
        let status = report.status
        if report.resumed {
            logger.notice("settings changed; trying the portal again")
        } else if report.changed {
            var line = "portal \(status.state.rawValue)"
            if let reason = status.reason { line += ": \(reason)" }
            if let next = status.nextAttemptAt { line += " (next attempt in \(Int(next.timeIntervalSince(status.updatedAt).rounded(.up)))s)" }
            logger.notice("\(line)")
        }
        if report.write {
            do { try await store.awaiting { try $0.setPortalStatus(status) } } catch { logger.error("\(error)") }
        }
        progress.portal = status.state
        progress.reason = status.reason
        if let onProgress {  // only when someone shows progress
            if let knownWork { progress.waiting = knownWork.waiting } else { progress.waiting = await waitingCount() }
            onProgress(progress)
        }
    }
}
