import Foundation
import GRDB
import LeadCore
import Testing

@testable import LeadStore

/// The per-state counters (`state_count`) are kept by triggers alone (migration 0014), whatever
/// statement moves a lead. Whatever the mix of writes, they must equal a full count of the outbox
/// after every one.
@Suite struct StateCountTests {
    let folder = TemporaryFolder()

    func fullCount(_ store: LeadStore) throws -> [LeadState: Int] {
        try store.read { db in
            var byState: [LeadState: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM lead GROUP BY state") {
                byState[LeadState(rawValue: row["state"])!] = row["n"]
            }
            return byState
        }
    }

    func counters(_ store: LeadStore) throws -> [LeadState: Int] {
        try store.read { db in try LeadStore.stateCounters(db) }.filter { $0.value != 0 }
    }

    func ids(_ store: LeadStore, _ state: LeadState) throws -> [Int64] {
        try store.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM lead WHERE state = ? ORDER BY id", arguments: [state.rawValue]) }
    }

    @Test func theCountersMatchAFullCountAfterEveryKindOfWrite() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        var random = SeededRandom(seed: 2026)
        var added = 0
        var visited = Set<LeadState>()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for step in 0..<400 {
            let sending = try ids(store, .sending)
            let inDoubt = try ids(store, .inDoubt)
            let failed = try ids(store, .failed)
            let pending = try ids(store, .pending)
            func pick(_ pool: [Int64]) -> [Int64] { pool.filter { _ in Bool.random(using: &random) } }
            func outcome(_ id: Int64) -> LeadTransition {
                // Every kind of move a send records, with the state sets callers use and wider ones.
                let from: Set<LeadState> = Bool.random(using: &random) ? [.sending] : [.sending, .inDoubt]
                switch Int.random(in: 0..<6, using: &random) {
                case 0: return LeadTransition(leadID: id, from: from, to: .synced, outcome: "created", remoteID: Int(id), httpStatus: 200)
                case 1: return LeadTransition(leadID: id, from: from, to: .synced, outcome: "created", remoteID: Int(id), message: "with a note")
                case 2: return LeadTransition(leadID: id, from: from, to: .failed, outcome: "rejected", errorCode: "ERROR_CORE", message: "no")
                case 3: return LeadTransition(leadID: id, from: from, to: .pending, outcome: "deferred", charged: false, nextAttemptAt: now)
                case 4: return LeadTransition(leadID: id, from: from, to: .inDoubt, outcome: "unknown")
                default: return LeadTransition(leadID: id, from: [.inDoubt], to: .synced, outcome: "found", remoteID: Int(id), charged: false)
                }
            }
            let action = Int.random(in: 0..<9, using: &random)
            switch action {
            case 0:
                let count = Int.random(in: 1...4, using: &random)
                _ = try store.addAll((0..<count).map { Lead(values: ["NAME": "L\(added + $0)", "TITLE": "L\(added + $0)"]) })
                added += count
            case 1: _ = try store.claimDueLeads(limit: Int.random(in: 1...5, using: &random), now: now)
            case 2: try store.apply(pick(sending + inDoubt).map(outcome), now: now)
            case 3: _ = try store.record(pick(sending).map(outcome), now: now)
            case 4:
                try store.apply(
                    pick(inDoubt).map {
                        Bool.random(using: &random)
                            ? LeadTransition(leadID: $0, from: [.inDoubt], to: .synced, outcome: "found", remoteID: 1, charged: false)
                            : LeadTransition(leadID: $0, from: [.inDoubt], to: .pending, outcome: "not_found", charged: false)
                    }, now: now)
            case 5: try store.markAbandonedSendsInDoubt(now: now)
            case 6: if let id = pick(pending + failed).first { _ = try store.discard(id: id, now: now) }
            case 7: if let id = failed.first { _ = try store.retry(id: id, now: now) } else { _ = try store.retryAllFailed(now: now) }
            default:
                if Int.random(in: 0..<6, using: &random) == 0 { _ = try store.handOver(now: now) { _ in } }
            }
            let counted = try fullCount(store)
            try #require(try counters(store) == counted, "after step \(step), action \(action)")
            visited.formUnion(counted.keys)
        }
        #expect(visited == Set(LeadState.allCases), "the walk visited every state")
    }
}
