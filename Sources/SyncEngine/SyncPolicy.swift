import Bitrix24
import Foundation
import LeadCore
import LeadStore

/// What reading the settings gave.
public enum SettingsReading: Sendable, Equatable {
    /// A usable portal: `identity` changes when the webhook or OAuth app does.
    case ready(identity: String, rate: Double, burst: Int)
    case notConfigured
    /// Unreadable file or unusable portal settings, in words for the person who fixes them.
    case unusable(reason: String)
}

/// Everything that can happen to the engine. Time passing is not an event: every decision takes `now`.
public enum SyncEvent: Sendable, Equatable {
    case settingsRead(SettingsReading)
    /// A batch was answered (or failed as a whole); `unknown` leads went in doubt.
    case batchAnswered(PortalVerdict, unknown: Int)
    /// In-doubt leads were looked up; the ones still settling can be looked up again at the
    /// steady moment `settlingUntil`.
    case lookupAnswered(PortalVerdict, settlingUntil: Date?)
    /// The client now calls the address a 302 named.
    case followed
    /// A database call failed (disk full, locked too long): try again shortly.
    case storeFailed
    /// "Sync now" (the UI's key, SIGUSR1 from `leadbox sync`): end any wait, read the settings again.
    case tryNow
    /// The network came back or changed (a seam for a netlink watcher): probe at once.
    case networkChanged
    case stopAsked
}

/// What the engine should do next.
public enum SyncStep: Sendable, Equatable {
    case readSettings
    /// Switch the client to the portal's new address before any other request.
    case follow(PortalEndpoint)
    /// Look up in-doubt leads (≤ 50) by ORIGIN_ID.
    case lookUp
    /// Claim and send one batch of due leads.
    case send
    /// One step of the note lane (send one note, or look up in-doubt ones), after the leads'.
    case deliverNotes
    /// Nothing to do before this steady moment (or before a wake: new lead, try now, stop).
    case wait(until: Date)
    case end(DrainEnd)
}

/// A change of the portal status, for the engine to log and (when `write`) store.
public struct StatusReport: Sendable, Equatable {
    public var status: PortalStatus
    /// State or reason differ from before: worth a log line.
    public var changed: Bool
    /// Worth a durable write (see `SyncPolicy.shouldWrite`).
    public var write: Bool
    /// Settings changed after a configuration pause: sync tries again.
    public var resumed: Bool = false
}

/// The engine's whole decision logic as a value: portal health, pauses and backoff, pacing, when
/// to look up, send, read the settings or wait, when a drain ends, and when the portal status is
/// worth writing. It takes events and `now` and returns decisions; the `SyncEngine` actor around
/// it only does I/O, so every transition is tested with a manual clock and no network.
///
/// Every deadline it keeps lies on the steady timeline (see `SyncInstant`); the wall clock only
/// dates what people read (the status) and is compared only with stored wall-clock dates and a
/// drain's `--timeout`. The `now: Date` forms are for a clock that never jumps.
public struct SyncPolicy: Sendable {
    public enum Mode: Sendable, Equatable {
        /// Run until stopped (the daemon, the UI's engine).
        case daemon
        /// Deliver what can be delivered now (`leadbox sync`).
        case drain(DrainRule)
    }

    public let mode: Mode
    public let configuration: EngineConfiguration
    public private(set) var status: PortalStatus

    private var random: SeededRandom
    private var pacer = RequestPacer(rate: 2, burst: 50)
    private var backoff: Backoff
    private var identity: String?
    private var configured = false
    // Steady moments, all of them.
    private var settingsDueAt: Date = .distantPast
    /// No request before this (a limit, a backoff, an offline probe interval).
    private var pausedUntil: Date?
    private var nextLookupAt: Date = .distantPast
    /// A pacer slot booked for the next request.
    private var slot: Date?
    private var moved: PortalEndpoint?
    private var storeRetryAt: Date?
    private var stopAsked = false
    private var statusWrittenAt: Date = .distantPast

    public init(mode: Mode, configuration: EngineConfiguration = EngineConfiguration(), pid: Int32 = getpid()) {
        self.mode = mode
        self.configuration = configuration
        self.status = PortalStatus(state: .unknown, updatedAt: .distantPast, enginePID: pid)
        self.random = SeededRandom(seed: configuration.seed ?? UInt64.random(in: 1...UInt64.max))
        self.backoff = Backoff(base: configuration.backoffBase, cap: configuration.backoffCap)
    }

    /// The current pace, for tests and logs.
    public var currentRate: Double { pacer.currentRate }

    // MARK: - Deciding

    public mutating func next(_ work: OutboxWork, now: Date) -> SyncStep {
        next(work, at: SyncInstant(now))
    }

    public mutating func next(_ work: OutboxWork, at instant: SyncInstant) -> SyncStep {
        let now = instant.steady
        if stopAsked { return .end(.stopped) }
        if let moved { return .follow(moved) }
        if now >= settingsDueAt { return .readSettings }
        var wakeAt = settingsDueAt
        if case .drain(let rule) = mode {
            if let end = rule.end(status: status, nothingWaiting: work.isEmpty, now: instant.wall) { return .end(end) }
            if let deadline = rule.deadline { wakeAt = min(wakeAt, instant.onSteady(deadline)) }
        }
        if let storeRetryAt, storeRetryAt > now { return .wait(until: min(wakeAt, storeRetryAt)) }
        guard configured else { return .wait(until: wakeAt) }
        if let pausedUntil, pausedUntil > now { return .wait(until: min(wakeAt, pausedUntil)) }
        let lookupDue = work.hasInDoubt && now >= nextLookupAt
        let sendDue = work.nextDue.map { $0 <= instant.wall } ?? false
        guard lookupDue || sendDue || work.notesDue else {
            // Idle. Leads captured by another process are found at the next poll.
            var idleUntil = min(wakeAt, now.addingTimeInterval(configuration.idlePoll))
            if let due = work.nextDue { idleUntil = min(idleUntil, instant.onSteady(due)) }
            if work.hasInDoubt { idleUntil = min(idleUntil, nextLookupAt) }
            return .wait(until: idleUntil)
        }
        let sendAt = slot ?? pacer.reserve(at: now)
        guard sendAt <= now else {
            slot = sendAt
            return .wait(until: min(wakeAt, sendAt))
        }
        slot = nil
        return lookupDue ? .lookUp : sendDue ? .send : .deliverNotes
    }

    // MARK: - Learning

    /// Takes an event at `now`; returns the status change it caused, if any.
    @discardableResult
    public mutating func handle(_ event: SyncEvent, now: Date) -> StatusReport? {
        handle(event, at: SyncInstant(now))
    }

    /// Takes an event at `instant`; returns the status change it caused, if any.
    @discardableResult
    public mutating func handle(_ event: SyncEvent, at instant: SyncInstant) -> StatusReport? {
        let now = instant.steady
        switch event {
        case .settingsRead(let reading):
            settingsDueAt = now.addingTimeInterval(configuration.settingsReload)
            return settingsRead(reading, now: instant)
        case .batchAnswered(let verdict, let unknown):
            storeRetryAt = nil
            if unknown > 0 { nextLookupAt = min(nextLookupAt, now) }
            return record(verdict, now: instant)
        case .lookupAnswered(let verdict, let settlingUntil):
            storeRetryAt = nil
            if let settlingUntil { nextLookupAt = settlingUntil }
            return record(verdict, now: instant)
        case .followed:
            moved = nil
            return nil
        case .storeFailed:
            storeRetryAt = now.addingTimeInterval(1)
            return nil
        case .tryNow:
            pausedUntil = nil
            nextLookupAt = .distantPast
            settingsDueAt = .distantPast
            slot = nil
            backoff.reset()
            return nil
        case .networkChanged:
            // Only an offline wait is cut short: a limit or backoff is about the portal, not the link.
            if status.state == .offline { pausedUntil = nil }
            return nil
        case .stopAsked:
            stopAsked = true
            return nil
        }
    }

    private mutating func settingsRead(_ reading: SettingsReading, now: SyncInstant) -> StatusReport? {
        switch reading {
        case .notConfigured:
            configured = false
            identity = nil
            return setStatus(.notConfigured, reason: "No portal is configured: run `leadbox config set webhook URL`.", now: now)
        case .unusable(let reason):
            configured = false
            identity = nil
            return setStatus(.paused, reason: reason, now: now)
        case .ready(let newIdentity, let rate, let burst):
            configured = true
            guard newIdentity != identity else { return nil }
            identity = newIdentity
            pacer = RequestPacer(rate: rate, burst: burst)
            guard status.needsPerson else { return nil }
            // A person fixed the configuration: try at once, and say so until the portal answers.
            pausedUntil = nil
            backoff.reset()
            var report = setStatus(.paused, reason: "The settings changed; trying the portal again.", now: now, next: now.steady)
            report.resumed = true
            return report
        }
    }

    private mutating func record(_ verdict: PortalVerdict, now instant: SyncInstant) -> StatusReport {
        let now = instant.steady
        switch verdict {
        case .healthy:
            pacer.accepted()
            backoff.reset()
            pausedUntil = nil
            return setStatus(.online, reason: nil, now: instant, success: true)
        case .limited(let until?, let reason):
            // An operating-time block (429) names the moment it lifts; the request rate is fine.
            let resume = max(instant.onSteady(until), now)
            pausedUntil = resume
            return setStatus(.paused, reason: reason, now: instant, next: resume)
        case .limited(nil, let reason):
            // A rate refusal (503) is the shared bucket talking, not trouble: slow down (see
            // RequestPacer) rather than back off exponentially.
            let resume = pacer.refused(at: now).addingTimeInterval(Double.random(in: 0...(1 / pacer.currentRate), using: &random))
            pausedUntil = resume
            return setStatus(.paused, reason: reason, now: instant, next: resume)
        case .troubled(let reason):
            let resume = now.addingTimeInterval(backoff.nextDelay(using: &random))
            pausedUntil = resume
            return setStatus(.paused, reason: reason, now: instant, next: resume)
        case .unreachable(let reason):
            let resume = now.addingTimeInterval(min(configuration.offlineProbeInterval, backoff.nextDelay(using: &random)))
            pausedUntil = resume
            return setStatus(.offline, reason: reason, now: instant, next: resume)
        case .unusable(let failure):
            if let target = failure.movedTo {
                // The portal moved: follow before the next request (the leads were not charged and
                // go again) and tell the person to update the webhook.
                moved = target
                pausedUntil = nil
                return setStatus(.online, reason: failure.message, now: instant)
            }
            // Waits for a person (no next attempt shown), yet the engine looks again after a
            // backoff: a blocked portal may be unblocked without anyone touching leadbox.
            pausedUntil = now.addingTimeInterval(backoff.nextDelay(using: &random))
            return setStatus(.paused, reason: failure.message, now: instant)
        }
    }

    /// `next` is a steady moment; the status says it in wall-clock time, for people.
    private mutating func setStatus(_ state: PortalStatus.State, reason: String?, now: SyncInstant, next: Date? = nil, success: Bool = false)
        -> StatusReport
    {
        let changed = state != status.state || reason != status.reason
        status.state = state
        status.reason = reason
        status.nextAttemptAt = next.map(now.onWall)
        if success { status.lastSuccessAt = now.wall }
        status.updatedAt = now.wall
        let write = Self.shouldWrite(
            changed: changed, hasNextAttempt: next != nil, success: success, sinceWritten: now.steady.timeIntervalSince(statusWrittenAt))
        if write { statusWrittenAt = now.steady }
        return StatusReport(status: status, changed: changed, write: write)
    }

    /// Rewriting an unchanged status would only wake every screen that watches the outbox. A
    /// success updates "last sent" at most once a second: a fast drain would otherwise add a
    /// durable write (and an fsync) to every batch. A countdown is always written (it moved).
    static func shouldWrite(changed: Bool, hasNextAttempt: Bool, success: Bool, sinceWritten: TimeInterval) -> Bool {
        changed || hasNextAttempt || (success && sinceWritten >= 1) || sinceWritten > 30
    }
}
