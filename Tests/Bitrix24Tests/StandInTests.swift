import FakePortal
import Foundation
import LeadCore
import Testing

@testable import Bitrix24

/// The client against the in-repo stand-in portal, over real HTTP on loopback.
@Suite struct AgainstTheStandIn {
    static let hardTitle = "Ёжик & Co = [100%] #1 + 🙂\nвторая строка"

    @Test func singleAddCreatesTheLeadWithTheDedupePair() async throws {
        let stand = try await Stand.start()
        let lead = submission(1, title: Self.hardTitle, email: "ivan@example.com")
        let id = try await stand.client.addLead(lead)
        let stored = await stand.portal.leads()
        await stand.finish()
        #expect(stored.map(\.id) == [id])
        #expect(stored.first?.title == Self.hardTitle)
        #expect(stored.first?.originID == lead.originID)
        #expect(stored.first?.originatorID == "leadbox-test")
    }

    @Test func batchWithMixedOutcomesGivesEachLeadItsOwn() async throws {
        let stand = try await Stand.start()
        let good = submission(11, title: Self.hardTitle, phone: "+7 (495) 123-45-67")
        let bad = submission(12, title: "Bad e-mail", email: "not an address")
        let plain = submission(13, title: "Plain")
        let result = await stand.client.addLeads([good, bad, plain])
        let stored = await stand.portal.leads()
        await stand.finish()
        guard case .completed(let outcomes) = result else {
            Issue.record("whole batch failed: \(result)")
            return
        }
        #expect(outcomes.count == 3)
        guard case .created(let goodID)? = outcomes[11], case .created(let plainID)? = outcomes[13],
            case .failed(let rejection)? = outcomes[12]
        else {
            Issue.record("\(outcomes)")
            return
        }
        #expect(rejection.kind == .leadRejected)
        #expect(rejection.message.contains("invalid address"))
        let byID = Dictionary(uniqueKeysWithValues: stored.map { ($0.id, $0) })
        #expect(byID[goodID]?.title == Self.hardTitle)
        #expect(byID[goodID]?.values("PHONE") == ["+7 (495) 123-45-67"])
        #expect(byID[goodID]?.originID == good.originID)
        #expect(byID[plainID]?.originatorID == "leadbox-test")
        #expect(stored.count == 2)
    }

    @Test func lookupFindsExactlyTheDeliveredLeads() async throws {
        let stand = try await Stand.start()
        let a = submission(1, title: "A")
        let b = submission(2, title: "B")
        let idA = try await stand.client.addLead(a)
        let missing = UUID().uuidString.lowercased()
        let found = try await stand.client.findLeads(originIDs: [a.originID, b.originID, missing])
        await stand.finish()
        #expect(found == [a.originID: idA])
    }

    @Test(arguments: [FaultKind.internalError, .html502, .html503, .reset, .drop, .truncate, .slow])
    func everyFaultIsAnUnknownOutcome(_ fault: FaultKind) async throws {
        let stand = try await Stand.start(timeout: .milliseconds(400)) {
            $0.faults = [fault: 1]
            $0.slowDelay = .seconds(3)
        }
        let lead = submission(1, title: "Faulted")
        let single = await failure { try await stand.client.addLead(lead) }
        let batch = await stand.client.addLeads([submission(2, title: "Faulted too")])
        await stand.finish()
        #expect(single?.kind == .outcomeUnknown)
        #expect(single?.certainlyNotRun == false)
        guard case .callFailed(let whole) = batch else {
            Issue.record("\(batch)")
            return
        }
        #expect(whole.kind == .outcomeUnknown)
    }

    @Test func aDroppedAnswerIsReconciledByLookup() async throws {
        let stand = try await Stand.start { $0.faults = [.drop: 1] }
        let lead = submission(1, title: "Lost answer")
        let sent = await failure { try await stand.client.addLead(lead) }
        await stand.portal.configure { $0.faults = [:] }
        let found = try await stand.client.findLeads(originIDs: [lead.originID])
        let stored = await stand.portal.leads()
        await stand.finish()
        #expect(sent?.code == "CONNECTION_LOST")
        #expect(found[lead.originID] == stored.first?.id)
    }

    @Test func anOutageIsOfflineAndRecovers() async throws {
        let stand = try await Stand.start()
        await stand.portal.startOutage(for: .seconds(60))
        let during = await failure { try await stand.client.addLead(submission(1, title: "x")) }
        try await stand.portal.endOutage()
        let after = try await stand.client.addLead(submission(2, title: "y"))
        await stand.finish()
        #expect(during?.kind == .offline)
        #expect(after > 0)
    }

    /// The connection closes as the portal goes down: the add may have run. (Offline during an
    /// outage is covered above; the fault closes the port in the background, so no assertion here
    /// depends on when that happens.)
    @Test func theOutageFaultLosesTheAnswer() async throws {
        let stand = try await Stand.start {
            $0.outageAtRequest = 1
            $0.outageDuration = .seconds(60)
        }
        let first = await failure { try await stand.client.addLead(submission(1, title: "x")) }
        await stand.finish()
        #expect(first?.kind == .outcomeUnknown)
    }

    @Test func aFullBucketIsRejectedBeforeRunning() async throws {
        let stand = try await Stand.start {
            $0.rate = 0.001
            $0.burst = 1
        }
        _ = try await stand.client.addLead(submission(1, title: "first"))
        let second = await failure { try await stand.client.addLead(submission(2, title: "second")) }
        let batch = await stand.client.addLeads([submission(3, title: "third")])
        let stored = await stand.portal.leads()
        await stand.finish()
        #expect(second?.kind == .rejectedBeforeRunning)
        #expect(second?.code == "QUERY_LIMIT_EXCEEDED")
        #expect(second?.httpStatus == 503)
        #expect(batch == .callFailed(second!))
        #expect(stored.count == 1)
    }

    @Test func anOperatingLimitCarriesTheResetTime() async throws {
        let stand = try await Stand.start { $0.operatingLimit = OperatingLimit(limit: 1, window: 600, costPerCall: 1) }
        _ = try await stand.client.addLead(submission(1, title: "uses the budget"))
        let known = await stand.client.operatingResetAt(method: "crm.lead.add")
        let blocked = await failure { try await stand.client.addLead(submission(2, title: "blocked")) }
        let batch = await stand.client.addLeads([submission(3, title: "nested, blocked")])
        await stand.finish()
        #expect(known != nil)
        #expect(blocked?.kind == .rejectedBeforeRunning)
        #expect(blocked?.code == "OPERATION_TIME_LIMIT")
        #expect(blocked?.httpStatus == 429)
        #expect(blocked?.retryAt != nil && blocked!.retryAt! > Date())
        guard case .completed(let outcomes) = batch, case .failed(let nested)? = outcomes[3] else {
            Issue.record("\(batch)")
            return
        }
        #expect(nested.kind == .rejectedBeforeRunning)
        #expect(nested.retryAt != nil)
    }

    @Test func aRevokedWebhookStopsThePortal() async throws {
        let stand = try await Stand.start()
        await stand.portal.configure { $0.webhookCode = "regenerated" }
        let got = await failure { try await stand.client.addLead(submission(1, title: "x")) }
        await stand.finish()
        #expect(got?.kind == .portalUnusable)
        #expect(got?.code == "NO_AUTH_FOUND")
        #expect(got?.message.contains("leadbox config set webhook") == true)
    }

    @Test func aMovedPortalIsReportedAndFollowedOnce() async throws {
        let stand = try await Stand.start()
        await stand.portal.configure { [port = stand.portal.port] in $0.redirectTo = "http://localhost:\(port)" }
        let moved = try #require(await failure { try await stand.client.addLead(submission(1, title: "x")) })
        #expect(moved.kind == .portalUnusable)
        #expect(moved.httpStatus == 302)
        #expect(moved.movedTo?.baseURL == "http://localhost:\(stand.portal.port)/rest/1/fakeportalsecret/")
        #expect(!moved.message.contains("fakeportalsecret"))
        #expect(await stand.portal.leads().isEmpty)
        #expect(await stand.client.follow(moved))
        let id = try await stand.client.addLead(submission(2, title: "after the move"))
        let stored = await stand.portal.leads()
        await stand.finish()
        #expect(stored.map(\.id) == [id])
    }

    @Test func metadataForTheCache() async throws {
        let stand = try await Stand.start()
        let schema = try await stand.client.schema()
        let fields = try await stand.client.leadFields()
        await stand.finish()
        #expect(schema.fieldNames.contains("TITLE"))
        #expect(schema.fieldNames.contains("ORIGIN_ID"))
        #expect(schema.statuses["SOURCE"]?.contains { $0.id == "TRADE_SHOW" } == true)
        #expect(schema.statuses["STATUS"]?.first?.id == "NEW")
        #expect(schema.statuses["HONORIFIC"]?.isEmpty == false)
        #expect(fields["PHONE"]?["type"] == "crm_multifield")
    }

    @Test func portalCheckPassesOnAHealthyPortal() async throws {
        let stand = try await Stand.start()
        let lines = await PortalCheck.run(stand.client)
        await stand.finish()
        #expect(lines.map(\.status) == Array(repeating: .passed, count: 8))
        #expect(
            lines.map(\.topic) == [
                "Reachable", "Authorized", "CRM access", "Duplicate check",
                "CRM mode", "Required fields", "Source and stage", "Webhook owner",
            ])
    }

    @Test func portalCheckNamesTheFailingStep() async throws {
        let stand = try await Stand.start()
        await stand.portal.configure { $0.webhookCode = "regenerated" }
        let lines = await PortalCheck.run(stand.client)
        await stand.finish()
        #expect(lines.map(\.status) == [.passed, .failed] + Array(repeating: .skipped, count: 6))
        #expect(lines[1].text.contains("create a new incoming webhook"))
    }
}
