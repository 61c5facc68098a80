import Foundation
import LeadCore
import Testing

@testable import Bitrix24
@testable import LeadStore
@testable import SyncEngine

/// The policy with a steady clock that runs evenly and a wall clock that NTP moves back or
/// forward: no wait may grow or shrink with a jump, and the status still reads in wall time.
@Suite struct ClockJumpTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let due = OutboxWork(nextDue: .distantPast, waiting: 1_000)

    /// The two clocks of one run: steady seconds since the start, and the wall clock's offset
    /// from the steady one (changed by a jump).
    struct Clocks {
        var elapsed: TimeInterval = 0
        var wallOffset: TimeInterval = 0
        var instant: SyncInstant {
            SyncInstant(wall: t0.addingTimeInterval(elapsed + wallOffset), steady: t0.addingTimeInterval(elapsed))
        }
    }

    struct Jump: Sendable, CustomTestStringConvertible {
        var seconds: TimeInterval
        var testDescription: String { "wall clock moved \(seconds > 0 ? "forward" : "back") \(Int(abs(seconds))) s" }
    }

    static let jumps = [-7_200, -90, -1, 1, 90, 86_400].map { Jump(seconds: TimeInterval($0)) }

    static func policy(rate: Double = 2, burst: Int = 50, at clocks: Clocks) -> SyncPolicy {
        var configuration = EngineConfiguration()
        configuration.seed = 7
        configuration.settingsReload = 3600
        var policy = SyncPolicy(mode: .daemon, configuration: configuration, pid: 42)
        #expect(policy.next(due, at: clocks.instant) == .readSettings)
        policy.handle(.settingsRead(.ready(identity: "webhook a", rate: rate, burst: burst)), at: clocks.instant)
        return policy
    }

    /// Runs the policy's paced sends for `seconds` of steady time, answering each send at once;
    /// returns the steady moments of the sends.
    static func drain(_ policy: inout SyncPolicy, _ clocks: inout Clocks, for seconds: TimeInterval) -> [TimeInterval] {
        var sends: [TimeInterval] = []
        let end = clocks.elapsed + seconds
        while clocks.elapsed < end {
            switch policy.next(due, at: clocks.instant) {
            case .send:
                sends.append(clocks.elapsed)
                policy.handle(.batchAnswered(.healthy, unknown: 0), at: clocks.instant)
            case .wait(let until):
                let wait = until.timeIntervalSince(clocks.instant.steady)
                #expect(wait > 0 && wait <= 1, "a paced wait of \(wait) s")
                clocks.elapsed += max(wait, 0.001)
            case let other:
                Issue.record("unexpected step \(other)")
                return sends
            }
        }
        return sends
    }

    @Test(arguments: jumps) func pacingKeepsItsRateThroughAJump(_ jump: Jump) {
        var clocks = Clocks()
        var policy = Self.policy(at: clocks)
        let before = Self.drain(&policy, &clocks, for: 60)
        clocks.wallOffset += jump.seconds
        let after = Self.drain(&policy, &clocks, for: 60)
        // The bucket (50, one in reserve) fills in the first minute, then 2 a second: the same
        // pace on both sides of the jump, and no gap at it.
        #expect(before.count >= 49 + 118 && before.count <= 49 + 121)
        #expect(after.count >= 118 && after.count <= 121)
        #expect(after.first! - before.last! <= 0.5 + 1e-9)
    }

    @Test(arguments: jumps) func aBackoffEndsAfterItsOwnLengthWhateverTheWallClockDoes(_ jump: Jump) {
        var clocks = Clocks()
        var policy = Self.policy(at: clocks)
        #expect(policy.next(Self.due, at: clocks.instant) == .send)
        let report = policy.handle(.batchAnswered(.unreachable(reason: "refused"), unknown: 0), at: clocks.instant)
        guard case .wait(let until) = policy.next(Self.due, at: clocks.instant) else {
            Issue.record("expected a wait")
            return
        }
        let length = until.timeIntervalSince(clocks.instant.steady)
        #expect(length > 0 && length <= 10)
        // The status dates the next probe in wall time, for people.
        #expect(report?.status.nextAttemptAt == clocks.instant.wall.addingTimeInterval(length))
        clocks.elapsed += length / 2
        clocks.wallOffset += jump.seconds
        #expect(policy.next(Self.due, at: clocks.instant) == .wait(until: until))
        clocks.elapsed += length / 2
        #expect(policy.next(Self.due, at: clocks.instant) == .send)
    }

    @Test(arguments: jumps) func anOperatingTimeBlockLiftsWhenThePortalSaidMeasuredFromTheAnswer(_ jump: Jump) {
        var clocks = Clocks()
        var policy = Self.policy(at: clocks)
        #expect(policy.next(Self.due, at: clocks.instant) == .send)
        // The portal's reset time is a wall-clock date, read before the jump.
        let reset = clocks.instant.wall.addingTimeInterval(120)
        policy.handle(.batchAnswered(.limited(until: reset, reason: "OPERATION_TIME_LIMIT"), unknown: 0), at: clocks.instant)
        clocks.wallOffset += jump.seconds
        #expect(policy.next(Self.due, at: clocks.instant) == .wait(until: Self.t0.addingTimeInterval(120)))
        clocks.elapsed += 120
        #expect(policy.next(Self.due, at: clocks.instant) == .send)
    }

    @Test(arguments: jumps) func anInDoubtLeadIsSentAgainOnlyAfterTheSettleTimeHasReallyPassed(_ jump: Jump) {
        // The engine notes the steady moment of a send that ended in doubt; the wall clock jumps.
        var clocks = Clocks()
        var ages = SendAges(engineStart: clocks.instant.steady)
        clocks.elapsed += 30
        ages.sent([7], at: clocks.instant.steady)
        clocks.elapsed += 10
        clocks.wallOffset += jump.seconds
        let lead = LeadRecord.inDoubt(id: 7, sentAt: clocks.instant.wall.addingTimeInterval(-10 - jump.seconds))
        let now = clocks.instant.steady
        #expect(ages.age(of: 7, now: now) == 10)
        #expect(DeliveryPlanner.resolve(inDoubt: [lead], found: [:], age: { ages.age(of: $0.id, now: now) }, settle: 75).isEmpty)
        clocks.elapsed += 65
        let later = clocks.instant.steady
        #expect(DeliveryPlanner.resolve(inDoubt: [lead], found: [:], age: { ages.age(of: $0.id, now: later) }, settle: 75).map(\.to) == [.pending])
        ages.forget([7])
        #expect(ages.count == 0)
    }

    @Test func aSendFromBeforeTheEngineStartedIsAsOldAsTheEngineAtLeast() {
        // A lead left in doubt by an engine that was killed: its stored wall time may be
        // anything (the clock moved a day since); its age counts from this engine's start.
        var ages = SendAges(engineStart: Self.t0)
        #expect(ages.age(of: 3, now: Self.t0) == 0)
        #expect(ages.age(of: 3, now: Self.t0.addingTimeInterval(80)) == 80)
        ages.sent([4], at: Self.t0.addingTimeInterval(100))
        #expect(ages.age(of: 4, now: Self.t0.addingTimeInterval(90)) == 0)
    }

    @Test func aDaemonThatWaitedForTheLockTimesUnknownSendsFromWhenItStartedRunning() {
        // The daemon is made, then waits an hour for the lock an open UI holds; the UI leaves a
        // lead in doubt and quits. That lead is no older than the daemon's run, not its making.
        var ages = SendAges(engineStart: Self.t0)
        ages.started(at: Self.t0.addingTimeInterval(3600))
        #expect(ages.age(of: 7, now: Self.t0.addingTimeInterval(3610)) == 10)
        ages.started(at: Self.t0)
        #expect(ages.age(of: 7, now: Self.t0.addingTimeInterval(3610)) == 10, "an earlier start never makes sends older")
        // A claim is timed before its request leaves, whatever the outcome's recording does.
        ages.sent([8], at: Self.t0.addingTimeInterval(3605))
        #expect(ages.age(of: 8, now: Self.t0.addingTimeInterval(3610)) == 5)
        ages.forget([8])
        #expect(ages.count == 0)
    }

    @Test(arguments: jumps) func theStatusReadsInWallTimeAfterAJump(_ jump: Jump) {
        var clocks = Clocks()
        var policy = Self.policy(at: clocks)
        clocks.wallOffset += jump.seconds
        clocks.elapsed += 5
        #expect(policy.next(Self.due, at: clocks.instant) == .send)
        let report = policy.handle(.batchAnswered(.healthy, unknown: 0), at: clocks.instant)
        #expect(report?.status.lastSuccessAt == clocks.instant.wall)
        #expect(report?.status.updatedAt == clocks.instant.wall)
    }

    @Test func theSystemClocksSteadyTimelineRunsWithTheBootClock() {
        let clock = SystemClock()
        let a = clock.steadyNow()
        let boot = BootClock.seconds()
        let b = clock.steadyNow()
        let boot2 = BootClock.seconds()
        #expect(b >= a)
        #expect(abs(b.timeIntervalSince(a) - (boot2 - boot)) < 0.01)
    }
}

extension LeadRecord {
    /// One lead as the outbox holds it once its send went in doubt at the wall time `sentAt`.
    static func inDoubt(id: Int64, sentAt: Date) -> LeadRecord {
        var record = LeadRecord(id: id, uuid: UUID().uuidString, stored: StoredLead(Lead(values: ["TITLE": "x"])), createdAt: sentAt)
        record.state = .inDoubt
        record.sendStartedAt = sentAt
        return record
    }
}
