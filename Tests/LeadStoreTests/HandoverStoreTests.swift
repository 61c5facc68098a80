import Foundation
import LeadCore
import Testing

@testable import LeadStore

/// Handing over and taking over at the outbox level, with two real database files.
@Suite struct HandoverStoreTests {
    let folder = TemporaryFolder()

    @Test func everyUndeliveredLeadTravelsWithItsHistoryAndIsNeverSentHereAgain() throws {
        let a = try LeadStore(path: folder.file("a.sqlite"))
        let b = try LeadStore(path: folder.file("b.sqlite"))
        let leads = try (1...5).map { try a.add(OutboxTests.lead("Guest \($0)", email: "g\($0)@example.com")).record }
        let sent = Date(timeIntervalSince1970: 1_780_000_000)
        _ = try a.claimDueLeads(limit: 3, now: sent)
        try a.apply(
            [
                LeadTransition(leadID: leads[0].id, from: [.sending], to: .synced, outcome: "created", remoteID: 10),
                LeadTransition(leadID: leads[1].id, from: [.sending], to: .inDoubt, outcome: "unknown", message: "no answer"),
                LeadTransition(leadID: leads[2].id, from: [.sending], to: .failed, outcome: "rejected", httpStatus: 400, message: "bad e-mail"),
            ], now: sent)

        var file: [HandoverLead] = []
        let count = try a.handOver { file = $0 }
        #expect(count == 4)
        #expect(file.map(\.uuid) == leads[1...].map(\.uuid))
        #expect(file.map(\.mayHaveReachedPortal) == [true, false, false, false])
        #expect(file[0].history.map(\.outcome) == ["unknown"])
        #expect(file[0].sendStartedAt == sent.timeIntervalSince1970)
        #expect(try a.counts()[.handedOver] == 4)
        #expect(try a.claimDueLeads(limit: 50).isEmpty)
        #expect(try a.inDoubtLeads(limit: 50).isEmpty)

        let imported = try b.takeOver(file)
        #expect(imported == HandoverImport(added: 4, alreadyHere: 0, toLookUp: 1))
        let counts = try b.counts()
        #expect(counts[.inDoubt] == 1 && counts[.failed] == 1 && counts[.pending] == 2)
        let doubtful = try #require(try b.inDoubtLeads(limit: 5).first)
        #expect(doubtful.uuid == leads[1].uuid)
        #expect(doubtful.sendStartedAt == sent)
        #expect(try b.attempts(leadID: doubtful.id).map(\.message) == ["no answer"])
        #expect(try b.duplicates(of: OutboxTests.lead("x", email: "G3@example.com")).count == 1)

        #expect(try b.takeOver(file) == HandoverImport(added: 0, alreadyHere: 4, toLookUp: 0))
        #expect(try b.counts().total == 4)
    }

    @Test func aFailedDeliveryOfTheFileChangesNothing() throws {
        struct DiskFull: Error {}
        let a = try LeadStore(path: folder.file("a.sqlite"))
        _ = try a.add(OutboxTests.lead("Guest"))
        #expect(throws: DiskFull.self) { try a.handOver { _ in throw DiskFull() } }
        #expect(try a.counts()[.pending] == 1)
        #expect(try a.handOver { _ in } == 1)
        #expect(try a.handOver { _ in Issue.record("nothing left to hand over") } == 0)
    }

    @Test func aLeadHandedBackIsTakenBack() throws {
        let a = try LeadStore(path: folder.file("a.sqlite"))
        let b = try LeadStore(path: folder.file("b.sqlite"))
        _ = try a.add(OutboxTests.lead("Round trip"))
        var toB: [HandoverLead] = []
        try a.handOver { toB = $0 }
        _ = try b.takeOver(toB)
        var backToA: [HandoverLead] = []
        try b.handOver { backToA = $0 }
        #expect(try a.takeOver(backToA) == HandoverImport(added: 1, alreadyHere: 0, toLookUp: 0))
        #expect(try a.counts()[.pending] == 1)
        #expect(try a.counts().total == 1)
    }
}
