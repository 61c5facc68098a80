import Foundation
import Testing

@testable import Bitrix24
@testable import LeadStore
@testable import SyncEngine

/// Every transition of the engine's policy, with a manual clock: no network, no sleeping.
@Suite struct SyncPolicyTests {
    static let t0 = Date(timeIntervalSince1970: 1_000_000)
    static let due = OutboxWork(nextDue: .distantPast)
    static let moved = try! PortalEndpoint.webhook("https://moved.example/rest/1/secretcode/")

    /// A policy that has read good settings at t0; settings are not read again during a test.
    static func policy(_ mode: SyncPolicy.Mode = .daemon, rate: Double = 1000, burst: Int = 50) -> SyncPolicy {
        var configuration = EngineConfiguration()
        configuration.seed = 3
        configuration.settingsReload = 3600
        var policy = SyncPolicy(mode: mode, configuration: configuration, pid: 42)
        #expect(policy.next(due, now: t0) == .readSettings)
        policy.handle(.settingsRead(.ready(identity: "webhook a", rate: rate, burst: burst)), now: t0)
        return policy
    }

    static func failure(_ kind: CallFailure.Kind, _ code: String, retryAt: Date? = nil, movedTo: PortalEndpoint? = nil) -> CallFailure {
        CallFailure(kind, code: code, message: "\(code) happened", retryAt: retryAt, movedTo: movedTo)
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var verdict: PortalVerdict
        var state: PortalStatus.State
        /// Whether the status shows a time for the next attempt (nil: waits for a person).
        var showsNextAttempt: Bool
        /// The daemon's next step right after the answer.
        var step: @Sendable (SyncStep) -> Bool
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "healthy answer sends on", verdict: .healthy, state: .online, showsNextAttempt: false, step: { $0 == .send }),
        Row(
            name: "429 waits for the portal's reset", verdict: .limited(until: t0.addingTimeInterval(120), reason: "OPERATION_TIME_LIMIT"),
            state: .paused, showsNextAttempt: true, step: { $0 == .wait(until: t0.addingTimeInterval(120)) }),
        Row(
            name: "503 slows down briefly", verdict: .limited(until: nil, reason: "QUERY_LIMIT_EXCEEDED"), state: .paused, showsNextAttempt: true,
            step: { if case .wait(let until) = $0 { until > t0 && until <= t0.addingTimeInterval(2.0 / 500) } else { false } }),
        Row(
            name: "5xx backs off within the first ceiling", verdict: .troubled(reason: "500"), state: .paused, showsNextAttempt: true,
            step: { if case .wait(let until) = $0 { until >= t0 && until <= t0.addingTimeInterval(1) } else { false } }),
        Row(
            name: "offline probes within 10 s", verdict: .unreachable(reason: "refused"), state: .offline, showsNextAttempt: true,
            step: { if case .wait(let until) = $0 { until >= t0 && until <= t0.addingTimeInterval(10) } else { false } }),
        Row(
            name: "refused webhook waits for a person", verdict: .unusable(failure(.portalUnusable, "NO_AUTH_FOUND")), state: .paused,
            showsNextAttempt: false, step: { if case .wait = $0 { true } else { false } }),
        Row(
            name: "302 is followed before anything else", verdict: .unusable(failure(.portalUnusable, "MOVED", movedTo: moved)), state: .online,
            showsNextAttempt: false, step: { $0 == .follow(moved) }),
    ]

    @Test(arguments: rows) func eachAnswerClassSetsHealthAndTheNextStep(_ row: Row) {
        var policy = Self.policy()
        #expect(policy.next(Self.due, now: Self.t0) == .send)
        let report = policy.handle(.batchAnswered(row.verdict, unknown: 0), now: Self.t0)
        #expect(report?.status.state == row.state)
        #expect((report?.status.nextAttemptAt != nil) == row.showsNextAttempt)
        #expect(report?.status.enginePID == 42)
        let step = policy.next(Self.due, now: Self.t0)
        #expect(row.step(step), "got \(step)")
    }

    @Test func a429WithResetEndsItsWaitExactlyAtTheReset() {
        var policy = Self.policy()
        _ = policy.next(Self.due, now: Self.t0)
        let reset = Self.t0.addingTimeInterval(30)
        policy.handle(.batchAnswered(.limited(until: reset, reason: "OPERATION_TIME_LIMIT"), unknown: 0), now: Self.t0)
        #expect(policy.next(Self.due, now: reset.addingTimeInterval(-0.01)) == .wait(until: reset))
        #expect(policy.next(Self.due, now: reset) == .send)
    }

    @Test func a503HalvesThePaceAndTroubleDoublesTheBackoffCeiling() {
        var policy = Self.policy()
        policy.handle(.batchAnswered(.limited(until: nil, reason: "503"), unknown: 0), now: Self.t0)
        #expect(policy.currentRate == 500)
        var waits: [TimeInterval] = []
        for _ in 0..<6 {
            policy.handle(.batchAnswered(.troubled(reason: "500"), unknown: 0), now: Self.t0)
            guard case .wait(let until) = policy.next(Self.due, now: Self.t0) else {
                Issue.record("no wait")
                return
            }
            waits.append(until.timeIntervalSince(Self.t0))
        }
        for (n, wait) in waits.enumerated() { #expect(wait <= pow(2, Double(n))) }
        policy.handle(.batchAnswered(.healthy, unknown: 0), now: Self.t0)
        #expect(policy.next(Self.due, now: Self.t0.addingTimeInterval(1)) == .send, "a success ends the backoff")
    }

    @Test func pacingWaitsForTheBucketAndKeepsTheBookedSlot() {
        var policy = Self.policy(rate: 2, burst: 2)
        #expect(policy.next(Self.due, now: Self.t0) == .send)
        let slot = Self.t0.addingTimeInterval(0.5)
        #expect(policy.next(Self.due, now: Self.t0) == .wait(until: slot))
        #expect(policy.next(Self.due, now: Self.t0.addingTimeInterval(0.2)) == .wait(until: slot))
        #expect(policy.next(Self.due, now: slot) == .send)
    }

    @Test func notesGoAfterLeadsWithinThePaceAndADrainDeliversThem() {
        var policy = Self.policy(rate: 2, burst: 1)
        let everything = OutboxWork(nextDue: .distantPast, notesDue: true)
        #expect(policy.next(everything, now: Self.t0) == .send, "leads first")
        policy.handle(.batchAnswered(.healthy, unknown: 0), now: Self.t0)
        let onlyNotes = OutboxWork(notesDue: true)
        #expect(policy.next(onlyNotes, now: Self.t0) == .wait(until: Self.t0.addingTimeInterval(0.5)), "a note waits for its request slot")
        #expect(policy.next(onlyNotes, now: Self.t0.addingTimeInterval(0.5)) == .deliverNotes)
        var drain = Self.policy(.drain(DrainRule(deadline: nil)))
        #expect(drain.next(onlyNotes, now: Self.t0) == .deliverNotes, "`leadbox sync` delivers due notes too")
        #expect(drain.next(OutboxWork(), now: Self.t0) == .end(.finished), "notes still settling do not hold it open")
    }

    @Test func inDoubtLeadsAreLookedUpFirstAndAgainWhenTheySettle() {
        var policy = Self.policy()
        let both = OutboxWork(nextDue: .distantPast, hasInDoubt: true)
        #expect(policy.next(both, now: Self.t0) == .lookUp)
        let settled = Self.t0.addingTimeInterval(75)
        policy.handle(.lookupAnswered(.healthy, settlingUntil: settled), now: Self.t0)
        #expect(policy.next(both, now: Self.t0) == .send, "settling leads do not hold up due ones")
        let onlyInDoubt = OutboxWork(hasInDoubt: true)
        #expect(policy.next(onlyInDoubt, now: Self.t0.addingTimeInterval(10)) == .wait(until: Self.t0.addingTimeInterval(10.5)), "idle poll")
        #expect(policy.next(onlyInDoubt, now: settled) == .lookUp)
        // A batch that went in doubt asks for a lookup at once.
        policy.handle(.lookupAnswered(.healthy, settlingUntil: settled.addingTimeInterval(75)), now: settled)
        policy.handle(.batchAnswered(.troubled(reason: "lost"), unknown: 50), now: settled)
        policy.handle(.tryNow, now: settled)
        #expect(policy.next(onlyInDoubt, now: settled) == .readSettings)
    }

    @Test func fixedSettingsResumeAPauseThatWaitedForAPerson() {
        var policy = Self.policy()
        policy.handle(.batchAnswered(.unusable(Self.failure(.portalUnusable, "NO_AUTH_FOUND")), unknown: 0), now: Self.t0)
        #expect(policy.status.needsPerson)
        // The same settings read again change nothing.
        #expect(policy.handle(.settingsRead(.ready(identity: "webhook a", rate: 1000, burst: 50)), now: Self.t0) == nil)
        let report = policy.handle(.settingsRead(.ready(identity: "webhook b", rate: 1000, burst: 50)), now: Self.t0)
        #expect(report?.resumed == true)
        #expect(report?.status.nextAttemptAt == Self.t0)
        #expect(!policy.status.needsPerson)
        #expect(policy.next(Self.due, now: Self.t0) == .send)
    }

    @Test func tryNowEndsAWaitAndNetworkChangeOnlyAnOfflineOne() {
        var policy = Self.policy()
        policy.handle(.batchAnswered(.limited(until: Self.t0.addingTimeInterval(300), reason: "429"), unknown: 0), now: Self.t0)
        policy.handle(.networkChanged, now: Self.t0)
        #expect(policy.next(Self.due, now: Self.t0) == .wait(until: Self.t0.addingTimeInterval(300)), "a limit is not about the link")
        policy.handle(.tryNow, now: Self.t0)
        #expect(policy.next(Self.due, now: Self.t0) == .readSettings)
        policy.handle(.settingsRead(.ready(identity: "webhook a", rate: 1000, burst: 50)), now: Self.t0)
        #expect(policy.next(Self.due, now: Self.t0) == .send)

        policy.handle(.batchAnswered(.unreachable(reason: "refused"), unknown: 0), now: Self.t0)
        #expect(policy.next(Self.due, now: Self.t0) != .send)
        policy.handle(.networkChanged, now: Self.t0)
        #expect(policy.next(Self.due, now: Self.t0) == .send, "the network came back: probe now")
    }

    @Test func aStopAskedMidRequestEndsOnlyAfterTheAnswerIsRecorded() {
        var policy = Self.policy()
        #expect(policy.next(Self.due, now: Self.t0) == .send)
        policy.handle(.stopAsked, now: Self.t0)  // arrives while the batch is in flight
        let report = policy.handle(.batchAnswered(.healthy, unknown: 0), now: Self.t0)
        #expect(report?.status.state == .online, "the answer is still recorded")
        #expect(policy.next(Self.due, now: Self.t0) == .end(.stopped))
    }

    @Test func statusWritesAreThrottledButChangesAlwaysWritten() {
        var policy = Self.policy()
        #expect(policy.handle(.batchAnswered(.healthy, unknown: 0), now: Self.t0)?.write == true)
        #expect(policy.handle(.batchAnswered(.healthy, unknown: 0), now: Self.t0.addingTimeInterval(0.5))?.write == false)
        #expect(policy.handle(.batchAnswered(.healthy, unknown: 0), now: Self.t0.addingTimeInterval(1.1))?.write == true)
        let offline = policy.handle(.batchAnswered(.unreachable(reason: "down"), unknown: 0), now: Self.t0.addingTimeInterval(1.2))
        #expect(offline?.write == true && offline?.changed == true)
        let again = policy.handle(.batchAnswered(.unreachable(reason: "down"), unknown: 0), now: Self.t0.addingTimeInterval(1.3))
        #expect(again?.changed == false && again?.write == true, "the countdown moved")
    }

    struct DrainRow: Sendable, CustomTestStringConvertible {
        var name: String
        var deadline: TimeInterval?
        var event: SyncEvent
        var work: OutboxWork = SyncPolicyTests.due
        var end: DrainEnd?
        var testDescription: String { name }
    }

    static let drainRows: [DrainRow] = [
        DrainRow(name: "nothing waiting finishes", event: .batchAnswered(.healthy, unknown: 0), work: OutboxWork(), end: .finished),
        DrainRow(
            name: "no portal configured", event: .settingsRead(.notConfigured),
            end: .misconfigured(reason: "No portal is configured: run `leadbox config set webhook URL`.")),
        DrainRow(name: "unreadable settings", event: .settingsRead(.unusable(reason: "bad file")), end: .misconfigured(reason: "bad file")),
        DrainRow(
            name: "refused webhook", event: .batchAnswered(.unusable(failure(.portalUnusable, "NO_AUTH_FOUND")), unknown: 0),
            end: .misconfigured(reason: "NO_AUTH_FOUND happened")),
        DrainRow(
            name: "offline without --timeout", event: .batchAnswered(.unreachable(reason: "refused"), unknown: 0),
            end: .unreachable(reason: "refused")),
        DrainRow(
            name: "offline with --timeout keeps probing", deadline: 60, event: .batchAnswered(.unreachable(reason: "refused"), unknown: 0), end: nil),
        DrainRow(
            name: "long 429 is reported", event: .batchAnswered(.limited(until: t0.addingTimeInterval(600), reason: "429"), unknown: 0),
            end: .unreachable(reason: "429")),
        DrainRow(
            name: "short 429 is waited for", event: .batchAnswered(.limited(until: t0.addingTimeInterval(30), reason: "429"), unknown: 0), end: nil),
        DrainRow(name: "503 is waited for", event: .batchAnswered(.limited(until: nil, reason: "503"), unknown: 0), end: nil),
        DrainRow(
            name: "302 is followed, not an end", event: .batchAnswered(.unusable(failure(.portalUnusable, "MOVED", movedTo: moved)), unknown: 0),
            end: nil),
        DrainRow(
            name: "settling in-doubt leads are waited for", event: .lookupAnswered(.healthy, settlingUntil: t0.addingTimeInterval(75)),
            work: OutboxWork(hasInDoubt: true), end: nil),
        DrainRow(name: "stop", event: .stopAsked, end: .stopped),
    ]

    @Test(arguments: drainRows) func aDrainEndsOnTheSameRulesAsTheFollower(_ row: DrainRow) {
        var policy = Self.policy(.drain(DrainRule(deadline: row.deadline.map { Self.t0.addingTimeInterval($0) })))
        policy.handle(row.event, now: Self.t0)
        let step = policy.next(row.work, now: Self.t0)
        if let end = row.end {
            #expect(step == .end(end))
        } else {
            if case .end = step { Issue.record("ended: \(step)") }
        }
        // A follower judging the status the engine would write reaches the same verdict.
        if case .end(let end) = step, end != .stopped {
            #expect(
                DrainRule(deadline: row.deadline.map { Self.t0.addingTimeInterval($0) }).end(
                    status: policy.status, nothingWaiting: row.work.isEmpty, now: Self.t0) == end)
        }
    }

    @Test func theDeadlineEndsADrainThatIsStillProbing() {
        let deadline = Self.t0.addingTimeInterval(20)
        var policy = Self.policy(.drain(DrainRule(deadline: deadline)))
        policy.handle(.batchAnswered(.unreachable(reason: "refused"), unknown: 0), now: Self.t0)
        guard case .wait(let until) = policy.next(Self.due, now: Self.t0) else {
            Issue.record("expected a wait")
            return
        }
        #expect(until <= deadline)
        #expect(policy.next(Self.due, now: deadline) == .end(.unreachable(reason: "refused")))
        var online = Self.policy(.drain(DrainRule(deadline: deadline)))
        online.handle(.batchAnswered(.healthy, unknown: 0), now: Self.t0)
        #expect(online.next(Self.due, now: deadline) == .end(.unreachable(reason: "The time given with --timeout ran out.")))
    }

    @Test func aStoreFailureRetriesAfterASecond() {
        var policy = Self.policy()
        policy.handle(.storeFailed, now: Self.t0)
        #expect(policy.next(Self.due, now: Self.t0) == .wait(until: Self.t0.addingTimeInterval(1)))
        #expect(policy.next(Self.due, now: Self.t0.addingTimeInterval(1)) == .send)
    }
}
