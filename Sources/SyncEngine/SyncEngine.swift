import Bitrix24
import Foundation
import LeadCore
import LeadStore
import Logging

/// Tunables of the engine; defaults follow the design's sync rules.
public struct EngineConfiguration: Sendable {
    /// Seconds after a send started beyond which the portal can no longer be creating the lead
    /// (its 60 s processing bound plus a margin): an in-doubt lead not found by then is resent.
    public var settle: TimeInterval = 75
    /// While the portal is unreachable, probe at least this often. The design asks for 30 s at
    /// most; 10 s keeps "delivered within 30 s of the network coming back" true with room for
    /// the batch itself, and a refused connection costs next to nothing.
    public var offlineProbeInterval: TimeInterval = 10
    /// How often an idle engine looks for newly captured leads (other processes add them).
    public var idlePoll: TimeInterval = 0.5
    /// How often the settings file is read again (a fixed webhook resumes sync by itself).
    public var settingsReload: TimeInterval = 2
    public var backoffBase: TimeInterval = 1
    public var backoffCap: TimeInterval = 300
    /// Seed for the backoff jitter; nil draws from the system.
    public var seed: UInt64?

    public init() {}
}

/// How a drain (`leadbox sync`) ended; maps to the command's exit code.
public enum DrainResult: Sendable, Equatable {
    /// Nothing is waiting; `failed` leads (if any) need a person.
    case finished(failed: Int)
    /// The portal could not be reached, or the time ran out, with leads left.
    case unreachable(reason: String, left: Int)
    /// No portal configured, or it refuses this configuration.
    case misconfigured(reason: String)
    /// Asked to stop.
    case stopped
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

/// The sync loop: resolves in-doubt leads, then sends due leads in batches of up to 50, paced to
/// the portal's leaky bucket and backed off on portal-wide trouble, recording every outcome.
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

    private var random: SeededRandom
    private var pacer = RequestPacer(rate: 2, burst: 50)
    private var backoff: Backoff
    private var client: Bitrix24Client?
    private var clientIdentity: String?
    private var settings: Settings?
    private var settingsReadAt: Date = .distantPast
    private var pausedUntil: Date?
    private var nextLookupAt: Date = .distantPast
    private var status = PortalStatus(state: .unknown)
    private var stopRequested = false
    private var statusWrittenAt: Date = .distantPast
    private var progress = SyncProgress()
    private var onProgress: (@Sendable (SyncProgress) -> Void)?

    public init(store: LeadStore, settings: @escaping @Sendable () throws -> Settings, configuration: EngineConfiguration = EngineConfiguration(),
                clock: any SyncClock = SystemClock(), logger: Logger = Logger(label: "leadbox.sync")) {
        self.store = store
        self.settingsProvider = settings
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.random = SeededRandom(seed: configuration.seed ?? UInt64.random(in: 1...UInt64.max))
        self.backoff = Backoff(base: configuration.backoffBase, cap: configuration.backoffCap)
    }

    /// Stops after the request in flight (if any) has its outcome recorded.
    public func requestStop() async {
        stopRequested = true
        await waker.wake()
    }

    /// Try now: ends a pause or backoff wait early (the "sync now" key, `leadbox sync`).
    public func tryNow() async {
        pausedUntil = nil
        nextLookupAt = .distantPast
        backoff.reset()
        await waker.wake()
    }

    public func setProgressHandler(_ handler: (@Sendable (SyncProgress) -> Void)?) {
        onProgress = handler
    }

    // MARK: - Running

    /// Syncs until `requestStop()`: the daemon.
    public func runForever() async {
        _ = await run(drain: false, deadline: nil)
    }

    /// Delivers what it can now and returns: `leadbox sync`. Without a deadline an unreachable
    /// portal ends the drain at once; with one, it keeps probing until the deadline.
    public func drain(deadline: Date?) async -> DrainResult {
        await run(drain: true, deadline: deadline)
    }

    private func run(drain: Bool, deadline: Date?) async -> DrainResult {
        do {
            let recovered = try store.markAbandonedSendsInDoubt(now: clock.now())
            if recovered > 0 { logger.notice("\(recovered) lead(s) were being sent when the last engine stopped; they will be looked up before any resend") }
        } catch {
            logger.error("\(error)")
        }
        // Whatever way the run ends, the last word on the portal reaches the outbox.
        defer { if status.state != .unknown { try? store.setPortalStatus(status) } }
        while !stopRequested {
            let now = clock.now()
            if let deadline, now >= deadline {
                return .unreachable(reason: status.reason ?? "The time given with --timeout ran out.", left: waitingCount())
            }
            do {
                guard let client = try currentClient(now: now) else {
                    if drain { return .misconfigured(reason: status.reason ?? "No portal is configured.") }
                    await sleep(until: now.addingTimeInterval(configuration.settingsReload))
                    continue
                }
                if let pausedUntil, pausedUntil > now {
                    if drain {
                        if case .paused = status.state, status.reason != nil, isConfigurationPause { return .misconfigured(reason: status.reason!) }
                        if status.state == .offline, deadline == nil { return .unreachable(reason: status.reason ?? "The portal cannot be reached.", left: waitingCount()) }
                        // A long pause (an operating-time block lasts minutes) is not worth
                        // holding a one-off sync for: report it; the daemon or a later sync goes on.
                        if deadline == nil, pausedUntil.timeIntervalSince(now) > 60 {
                            return .unreachable(reason: status.reason ?? "The portal asked leadbox to wait.", left: waitingCount())
                        }
                    }
                    await sleep(until: min(pausedUntil, deadline ?? .distantFuture, now.addingTimeInterval(configuration.settingsReload)))
                    continue
                }
                if try await resolveInDoubt(client: client, now: now) { continue }
                if try await sendDueBatch(client: client) { continue }
                // Idle: nothing due now.
                let inDoubt = try store.inDoubtLeads(limit: 1)
                if drain && inDoubt.isEmpty {
                    let counts = try store.counts()
                    if counts.waiting == 0 { return .finished(failed: counts[.failed]) }
                }
                let wakeAt = inDoubt.isEmpty ? now.addingTimeInterval(configuration.idlePoll) : min(nextLookupAt, now.addingTimeInterval(configuration.idlePoll))
                await sleep(until: min(wakeAt, deadline ?? .distantFuture))
            } catch {
                // The database itself failed (disk full, locked too long): say so and try again.
                logger.error("\(error)")
                await sleep(until: clock.now().addingTimeInterval(1))
            }
        }
        return .stopped
    }

    private var isConfigurationPause = false

    private func sleep(until deadline: Date) async {
        guard !stopRequested else { return }
        await clock.sleep(until: deadline, waker: waker)
    }

    private func waitingCount() -> Int {
        (try? store.counts().waiting) ?? 0
    }

    // MARK: - Settings and client

    /// The client for the current settings, rebuilt when the webhook changes (a fixed
    /// configuration resumes a paused sync by itself).
    private func currentClient(now: Date) throws -> Bitrix24Client? {
        if now.timeIntervalSince(settingsReadAt) >= configuration.settingsReload || settings == nil {
            settingsReadAt = now
            do {
                settings = try settingsProvider()
            } catch {
                setStatus(.paused, reason: "The settings file cannot be read: \(error)", now: now)
                isConfigurationPause = true
                return nil
            }
        }
        guard let settings, let identity = PortalConnection.identity(of: settings) else {
            client = nil
            clientIdentity = nil
            setStatus(.notConfigured, reason: "No portal is configured: run `leadbox config set webhook URL`.", now: now)
            isConfigurationPause = true
            return nil
        }
        if identity != clientIdentity || client == nil {
            clientIdentity = identity
            do {
                client = try PortalConnection.client(for: settings, store: store, logger: logger)
            } catch {
                client = nil
                setStatus(.paused, reason: "\(error) Fix it with `leadbox config set`.", now: now)
                isConfigurationPause = true
                return nil
            }
            pacer = RequestPacer(rate: settings.rate, burst: settings.burst)
            if isConfigurationPause || status.state == .notConfigured {
                logger.notice("settings changed; trying the portal again at \(PortalConnection.displayAddress(of: settings) ?? "?")")
                pausedUntil = nil
                backoff.reset()
                isConfigurationPause = false
            }
        }
        return client
    }

    // MARK: - Steps

    /// Looks up in-doubt leads (≤ 50 per call). Returns true when it did something.
    private func resolveInDoubt(client: Bitrix24Client, now: Date) async throws -> Bool {
        guard now >= nextLookupAt else { return false }
        let inDoubt = try store.inDoubtLeads(limit: Bitrix24Client.lookupLimit)
        guard !inDoubt.isEmpty else { return false }
        await pace()
        guard !stopRequested else { return true }
        let found: [String: Int]
        do {
            found = try await client.findLeads(originIDs: inDoubt.map(\.uuid))
        } catch {
            // A lookup the portal refused as a bad request says nothing about single leads.
            let verdict = DeliveryPlanner.verdict(for: error)
            record(verdict: verdict == .healthy ? .troubled(reason: error.message) : verdict)
            return true
        }
        let lookedUpAt = clock.now()
        let transitions = DeliveryPlanner.resolve(inDoubt: inDoubt, found: found, now: lookedUpAt, settle: configuration.settle)
        try store.apply(transitions, now: lookedUpAt)
        let resolved = Set(transitions.map(\.leadID))
        let waiting = inDoubt.filter { !resolved.contains($0.id) }
        if let earliest = waiting.compactMap(\.sendStartedAt).min() {
            nextLookupAt = earliest.addingTimeInterval(configuration.settle)
        }
        let foundCount = transitions.filter { $0.to == .synced }.count
        progress.sent += foundCount
        logger.info("looked up \(inDoubt.count) in-doubt lead(s): \(foundCount) found in the CRM, \(transitions.count - foundCount) to resend, \(waiting.count) still settling")
        record(verdict: .healthy)
        return true
    }

    /// Sends one batch of due leads. Returns true when it sent something.
    private func sendDueBatch(client: Bitrix24Client) async throws -> Bool {
        guard let due = try store.nextDueDate(), due <= clock.now() else { return false }
        await pace()
        guard !stopRequested else { return true }
        let claimed = try store.claimDueLeads(limit: Bitrix24Client.batchLimit, now: clock.now())
        guard !claimed.isEmpty else { return false }
        let submissions = claimed.map {
            LeadSubmission(localID: $0.id, originID: $0.uuid, fieldsText: $0.fieldsText, optionsText: $0.optionsText)
        }
        let result = await client.addLeads(submissions)
        let (transitions, verdict) = DeliveryPlanner.plan(claimed: claimed, result: result)
        try store.apply(transitions, now: clock.now())
        let created = transitions.filter { $0.to == .synced }.count
        let failed = transitions.filter { $0.to == .failed }
        let unknown = transitions.filter { $0.to == .inDoubt }.count
        progress.sent += created
        progress.failed += failed.count
        if unknown > 0 { nextLookupAt = min(nextLookupAt, clock.now()) }
        var line = "batch of \(claimed.count): \(created) created"
        if !failed.isEmpty { line += ", \(failed.count) rejected (\(failed.first?.message ?? ""))" }
        if unknown > 0 { line += ", \(unknown) unknown (will be looked up)" }
        let deferred = transitions.count - created - failed.count - unknown
        if deferred > 0 { line += ", \(deferred) deferred" }
        logger.info("\(line)")
        record(verdict: verdict)
        return true
    }

    /// Waits for a slot in the client-side leaky bucket.
    private func pace() async {
        let sendAt = pacer.reserve(at: clock.now())
        while !stopRequested, clock.now() < sendAt {
            await clock.sleep(until: sendAt, waker: waker)
        }
    }

    // MARK: - Portal state

    private func record(verdict: PortalVerdict) {
        let now = clock.now()
        switch verdict {
        case .healthy:
            pacer.accepted()
            backoff.reset()
            pausedUntil = nil
            isConfigurationPause = false
            setStatus(.online, reason: nil, now: now, success: true)
        case .limited(let until?, let reason):
            // An operating-time block (429) names the moment it lifts; the request rate is fine.
            pausedUntil = max(until, now)
            setStatus(.paused, reason: reason, now: now, next: pausedUntil)
        case .limited(nil, let reason):
            // A rate refusal (503) is the shared bucket talking, not trouble: slow down (see
            // RequestPacer) rather than back off exponentially.
            let resume = pacer.refused(at: now).addingTimeInterval(Double.random(in: 0...(1 / pacer.currentRate), using: &random))
            pausedUntil = resume
            setStatus(.paused, reason: reason, now: now, next: resume)
        case .troubled(let reason):
            let resume = now.addingTimeInterval(backoff.nextDelay(using: &random))
            pausedUntil = resume
            setStatus(.paused, reason: reason, now: now, next: resume)
        case .unreachable(let reason):
            let resume = now.addingTimeInterval(min(configuration.offlineProbeInterval, backoff.nextDelay(using: &random)))
            pausedUntil = resume
            setStatus(.offline, reason: reason, now: now, next: resume)
        case .unusable(let failure):
            if let moved = failure.movedTo, let client {
                // The portal moved: follow once for this run and tell the user to update the webhook.
                Task { await client.follow(moved) }
                setStatus(.online, reason: "\(failure.message)", now: now)
                pausedUntil = nil
                return
            }
            let resume = now.addingTimeInterval(backoff.nextDelay(using: &random))
            pausedUntil = resume
            isConfigurationPause = true
            setStatus(.paused, reason: failure.message, now: now, next: resume)
        }
    }

    private func setStatus(_ state: PortalStatus.State, reason: String?, now: Date, next: Date? = nil, success: Bool = false) {
        let changed = state != status.state || reason != status.reason
        status.state = state
        status.reason = reason
        status.nextAttemptAt = next
        if success { status.lastSuccessAt = now }
        status.updatedAt = now
        status.enginePID = getpid()
        if changed {
            var line = "portal \(state.rawValue)"
            if let reason { line += ": \(reason)" }
            if let next { line += " (next attempt in \(Int(next.timeIntervalSince(now).rounded(.up)))s)" }
            logger.notice("\(line)")
        }
        // Rewriting an unchanged status would only wake every screen that watches the outbox.
        // A success updates "last sent" at most once a second: a fast drain would otherwise add a
        // durable write (and an fsync) to every batch.
        let sinceWritten = now.timeIntervalSince(statusWrittenAt)
        if changed || next != nil || (success && sinceWritten >= 1) || sinceWritten > 30 {
            do {
                try store.setPortalStatus(status)
                statusWrittenAt = now
            } catch { logger.error("\(error)") }
        }
        progress.portal = state
        progress.reason = reason
        if let onProgress {  // counting the outbox costs a scan: only when someone shows progress
            progress.waiting = waitingCount()
            onProgress(progress)
        }
    }
}

/// SplitMix64, so a seed reproduces the same backoff jitter.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
