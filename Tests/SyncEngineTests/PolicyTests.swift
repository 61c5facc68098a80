import Bitrix24
import Foundation
import LeadCore
import Testing

@testable import LeadStore
@testable import SyncEngine

@Suite struct PacingTests {
    @Test func aBurstGoesAtOnceThenTheDrainRateSetsThePace() {
        var pacer = RequestPacer(rate: 2, burst: 50)
        let start = Date(timeIntervalSince1970: 1000)
        let times = (0..<60).map { _ in pacer.reserve(at: start).timeIntervalSince(start) }
        #expect(times.prefix(49).allSatisfy { $0 == 0 })
        for (index, time) in times.enumerated().dropFirst(49) {
            #expect(abs(time - Double(index - 48) * 0.5) < 1e-9)
        }
    }

    @Test func theBucketDrainsWhileIdle() {
        var pacer = RequestPacer(rate: 2, burst: 10)
        let start = Date(timeIntervalSince1970: 0)
        for _ in 0..<9 { _ = pacer.reserve(at: start) }
        #expect(pacer.reserve(at: start) > start)
        #expect(pacer.reserve(at: start.addingTimeInterval(100)) == start.addingTimeInterval(100))
    }

    @Test func aRefusalHalvesThePaceAndSuccessesWinItBack() {
        var pacer = RequestPacer(rate: 2, burst: 50)
        let now = Date(timeIntervalSince1970: 0)
        #expect(pacer.refused(at: now).timeIntervalSince(now) == 1.0)
        #expect(pacer.currentRate == 1)
        // The bucket is assumed full: the next request waits for two drains at the halved pace.
        #expect(pacer.reserve(at: now).timeIntervalSince(now) == 2.0)
        _ = pacer.refused(at: now)
        #expect(pacer.currentRate == 0.5)
        for _ in 0..<100 { pacer.accepted() }
        #expect(pacer.currentRate == 2)
        for _ in 0..<20 { _ = pacer.refused(at: now) }
        #expect(pacer.currentRate == 2.0 / 64)
    }

    @Test func backoffIsFullJitterUnderADoublingCap() {
        var random = SeededRandom(seed: 7)
        var backoff = Backoff(base: 1, cap: 300)
        var delays: [Double] = []
        for n in 0..<12 {
            let delay = backoff.nextDelay(using: &random)
            #expect(delay >= 0 && delay <= min(300, pow(2, Double(n))))
            delays.append(delay)
        }
        var again = SeededRandom(seed: 7)
        var other = Backoff(base: 1, cap: 300)
        #expect((0..<12).map { _ in other.nextDelay(using: &again) } == delays)
        backoff.reset()
        #expect(backoff.nextDelay(using: &random) <= 1)
    }
}

@Suite struct PlannerTests {
    func records(_ count: Int) -> [LeadRecord] {
        let folder = NSTemporaryDirectory() + "planner-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try! LeadStore(path: folder + "/l.sqlite")
        for i in 0..<count { _ = try! store.add(Lead(values: ["NAME": "n\(i)"])) }
        return try! store.claimDueLeads(limit: count)
    }

    @Test func eachClassOfAnswerMovesLeadsAsTheDesignSays() async throws {
        let portal = try await TestPortal.start()
        defer { Task { await portal.stop() } }
        let claimed = records(2)
        // Real failures from the real client: a refused webhook is portal-wide.
        await portal.portal.configure { $0.webhookCode = "changed" }
        let client = portal.client()
        let result = await client.addLeads(claimed.map { LeadSubmission(localID: $0.id, originID: $0.uuid, fields: $0.lead.fieldsJSON) })
        let (transitions, verdict) = DeliveryPlanner.plan(claimed: claimed.map(\.id), result: result)
        #expect(transitions.allSatisfy { $0.to == .pending && !$0.charged && $0.outcome == "paused" })
        guard case .unusable(let failure) = verdict else {
            Issue.record("expected unusable, got \(verdict)")
            return
        }
        #expect(failure.code == "NO_AUTH_FOUND")
    }

    @Test func lookupResolvesFoundAndSettledLeadsOnly() {
        let now = Date()
        var leads = records(3)
        leads[0].sendStartedAt = now.addingTimeInterval(-100)
        leads[1].sendStartedAt = now.addingTimeInterval(-100)
        leads[2].sendStartedAt = now.addingTimeInterval(-10)
        let transitions = DeliveryPlanner.resolve(
            inDoubt: leads, found: [leads[0].uuid: 77], age: { now.timeIntervalSince($0.sendStartedAt!) }, settle: 75)
        #expect(transitions.count == 2)
        #expect(transitions[0].to == .synced && transitions[0].remoteID == 77)
        #expect(transitions[1].to == .pending && transitions[1].outcome == "not_found")
    }
}
