import FakePortal
import Foundation
import Testing

@Suite struct FaultAndControlTests {
    static let add = #"{"fields":{"TITLE":"f","ORIGIN_ID":"o1"}}"#

    @Test func answeredFaultsDoNotRunTheCall() async throws {
        for (kind, status) in [(FaultKind.internalError, 500), (.html502, 502), (.html503, 503)] {
            try await Harness.run({ $0.faults = [kind: 1] }) { (h: Harness) async throws in
                let reply = try await h.post("crm.lead.add", json: Self.add)
                #expect(reply.status == status)
                if kind == .internalError {
                    #expect(reply.json?["error"] == "INTERNAL_SERVER_ERROR")
                } else {
                    #expect(reply.contentType?.hasPrefix("text/html") == true && reply.json == nil)
                }
                #expect(await h.portal.leads().isEmpty)
                #expect(await h.portal.stats().faultsInjected == [kind: 1])
            }
        }
    }

    @Test func resetClosesBeforeRunningAndDropAfterRunning() async throws {
        for (kind, created) in [(FaultKind.reset, 0), (.drop, 1)] {
            try await Harness.run({ $0.faults = [kind: 1] }) { (h: Harness) async throws in
                await #expect(throws: (any Error).self) { try await h.post("crm.lead.add", json: Self.add) }
                #expect(await h.portal.leads().count == created)
                await h.portal.configure { $0.faults = [:] }
                #expect(try await h.get("crm.lead.fields").status == 200)
            }
        }
    }

    @Test func truncateRunsAndCutsTheBody() async throws {
        try await Harness.run({ $0.faults = [.truncate: 1] }) { (h: Harness) async throws in
            let reply = try await h.post("crm.lead.add", json: Self.add)
            #expect(reply.status == 200 && reply.json == nil && reply.text.hasPrefix(#"{"result":1"#))
            #expect(await h.portal.leads().count == 1)
        }
    }

    @Test func slowAnswersAreDelayed() async throws {
        try await Harness.run({
            $0.faults = [.slow: 1]
            $0.slowDelay = .milliseconds(300)
        }) { (h: Harness) async throws in
            let started = ContinuousClock.now
            let reply = try await h.post("crm.lead.add", json: Self.add)
            #expect(reply.json?["result"] == 1)
            #expect(ContinuousClock.now - started >= .milliseconds(300))
        }
    }

    @Test func faultsAreDeterministicForASeed() async throws {
        func statuses(seed: UInt64) async throws -> [Int] {
            var seen: [Int] = []
            try await Harness.run({
                $0.seed = seed
                $0.faults = [.internalError: 0.3, .html502: 0.3]
            }) { (h: Harness) async throws in
                for _ in 0..<20 { seen.append(try await h.get("crm.lead.fields").status) }
            }
            return seen
        }
        let first = try await statuses(seed: 42)
        #expect(try await statuses(seed: 42) == first)
        #expect(Set(first) == [200, 500, 502])
        #expect(try await statuses(seed: 7) != first)
    }

    @Test func outageRefusesConnectionsUntilItEnds() async throws {
        try await Harness.run { (h: Harness) async throws in
            #expect(try await h.get("crm.lead.fields").status == 200)
            await h.portal.startOutage(for: .seconds(600))  // ended by the test, never by the clock
            await #expect(throws: (any Error).self) { try await h.post("crm.lead.add", json: Self.add) }
            try await h.portal.endOutage()
            #expect(try await h.post("crm.lead.add", json: Self.add).json?["result"] == 1)
        }
    }

    @Test func outageFaultStopsListening() async throws {
        try await Harness.run({
            $0.outageAtRequest = 2
            // Far longer than the test: on a loaded machine the dropped request and a connection
            // attempt can each wait out their client timeout, and an outage that ended by itself
            // meanwhile would answer the check below; the test ends it.
            $0.outageDuration = .seconds(600)
        }) { (h: Harness) async throws in
            #expect(try await h.get("crm.lead.fields").status == 200)
            await #expect(throws: (any Error).self) { try await h.post("crm.lead.add", json: Self.add) }
            // The port closes asynchronously after the dropped request; wait for it, bounded.
            let deadline = ContinuousClock.now + .seconds(5)
            var refused = false
            while !refused, ContinuousClock.now < deadline {
                refused = (try? await h.get("crm.lead.fields")) == nil
            }
            #expect(refused)
            #expect(await h.portal.leads().isEmpty)
            try await h.portal.endOutage()
            #expect(try await h.get("crm.lead.fields").status == 200)
            #expect(await h.portal.stats().faultsInjected == [.outage: 1])
        }
    }

    @Test func controlEndpointsReportAndReset() async throws {
        try await Harness.run { (h: Harness) async throws in
            try await h.addLead(#"{"TITLE":"a","ORIGIN_ID":"dup"}"#)
            try await h.addLead(#"{"TITLE":"b","ORIGIN_ID":"dup"}"#)
            try await h.addLead(#"{"TITLE":"c","ORIGIN_ID":"dup"}"#)
            _ = try await h.get("/rest/1/wrong/crm.lead.fields")
            let stats = try #require(try await h.get("/_control/stats").json)
            #expect(stats["leads"] == 3)
            #expect(stats["duplicates_by_origin_id"] == ["origin_ids": 1, "extra_copies": 2])
            #expect(stats["requests_by_status"] == ["200": 3, "401": 1])
            #expect(stats["requests_total"] == 4)
            let dump = try await h.get("/_control/leads").json
            #expect(dump?.elements?.map { $0["ORIGIN_ID"] } == ["dup", "dup", "dup"])

            let config = try await h.post("/_control/config", json: #"{"faults":{"500":1},"webhook_code":"new"}"#)
            #expect(config.status == 200)
            #expect(try await h.get("/rest/1/new/crm.lead.fields").status == 500)
            #expect(try await h.get("/_control/stats").status == 200)

            #expect(try await h.post("/_control/reset", json: "{}").status == 200)
            let after = await h.portal.stats()
            #expect(after.leads == 0 && after.requestsTotal == 0 && after.faultsInjected.isEmpty)
        }
    }

    @Test func storeFileSurvivesARestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fakeportal-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await Harness.run({ $0.storePath = path }) { (h: Harness) async throws in
            try await h.addLead(#"{"TITLE":"kept","ORIGIN_ID":"k1"}"#)
        }
        try await Harness.run({ $0.storePath = path }) { (h: Harness) async throws in
            #expect(await h.portal.leads().map(\.originID) == ["k1"])
            #expect(try await h.addLead(#"{"TITLE":"next"}"#) == 2)
        }
    }
}
