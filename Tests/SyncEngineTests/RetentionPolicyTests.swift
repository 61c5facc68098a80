import Foundation
import SyncEngine
import Testing

/// The daily purge schedule, driven by hand-made times.
@Suite struct RetentionPolicyTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)
    let day: TimeInterval = 24 * 3600

    @Test func offMeansNeverDue() {
        let policy = RetentionPolicy(retentionDays: nil)
        #expect(policy.cutoff(now: start) == nil)
        #expect(policy.nextPurge(lastPurge: nil, now: start) == nil)
        #expect(!policy.isDue(lastPurge: nil, now: start))
    }

    @Test func dueAtOnceWhenNeverRunThenDaily() {
        let policy = RetentionPolicy(retentionDays: 30)
        #expect(policy.cutoff(now: start) == start.addingTimeInterval(-30 * day))
        #expect(policy.isDue(lastPurge: nil, now: start))
        let ranAt = start
        #expect(!policy.isDue(lastPurge: ranAt, now: start.addingTimeInterval(day - 1)))
        #expect(policy.nextPurge(lastPurge: ranAt, now: start.addingTimeInterval(3600)) == start.addingTimeInterval(day))
        #expect(policy.isDue(lastPurge: ranAt, now: start.addingTimeInterval(day)))
        // A laptop asleep for a week purges when it wakes, not seven times.
        #expect(policy.nextPurge(lastPurge: ranAt, now: start.addingTimeInterval(7 * day)) == start.addingTimeInterval(7 * day))
    }

    @Test func aLastPurgeInTheFutureMeansTheClockWentBackSoItIsDue() {
        let policy = RetentionPolicy(retentionDays: 1)
        #expect(policy.isDue(lastPurge: start.addingTimeInterval(5 * day), now: start))
    }
}
