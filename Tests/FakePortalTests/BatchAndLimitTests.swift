import FakePortal
import Testing

@Suite struct BatchAndLimitTests {
    @Test func batchReportsMixedOutcomesWithPHPEmpties() async throws {
        try await Harness.run { (h: Harness) async throws in
            let reply = try await h.post(
                "batch",
                json:
                    #"{"halt":0,"cmd":{"l1":"crm.lead.add?fields[TITLE]=A%26B&fields[PHONE][0][VALUE]=%2B7 999","l2":"crm.lead.add?fields[EMAIL][0][VALUE]=broken","l3":"crm.lead.add?fields[TITLE]=C"}}"#
            )
            #expect(reply.status == 200)
            let result = try #require(reply.json?["result"])
            #expect(result["result"] == ["l1": 1, "l3": 2])
            #expect(result["result_error"]?["l2"]?["error"] == "")
            #expect(reply.text.contains(#""result_total":[]"#) && reply.text.contains(#""result_next":[]"#))
            let leads = await h.portal.leads()
            #expect(leads.map(\.title) == ["A&B", "C"])
            #expect(leads.first?.values("PHONE") == ["+7 999"])

            let clean = try await h.post("batch", json: #"{"halt":0,"cmd":{"a":"crm.lead.get?id=1"}}"#)
            #expect(clean.text.contains(#""result_error":[]"#))
        }
    }

    @Test func numericBatchKeysMakeAList() async throws {
        try await Harness.run { (h: Harness) async throws in
            let reply = try await h.post(
                "batch", json: #"{"halt":0,"cmd":{"0":"crm.lead.add?fields[TITLE]=x","1":"crm.lead.add?fields[TITLE]=y"}}"#)
            #expect(reply.json?["result"]?["result"] == [1, 2])
            #expect(reply.text.hasPrefix(#"{"result":{"result":[1,2],"#))
        }
    }

    @Test func batchOverFiftyCommandsIsRejected() async throws {
        try await Harness.run { (h: Harness) async throws in
            let commands = (0...50).map { #""c\#($0)":"crm.lead.add?fields[TITLE]=t""# }.joined(separator: ",")
            let reply = try await h.post("batch", json: #"{"halt":0,"cmd":{\#(commands)}}"#)
            #expect(reply.status == 400 && reply.json?["error"] == "ERROR_BATCH_LENGTH_EXCEEDED")
            #expect(await h.portal.leads().isEmpty)
        }
    }

    @Test func limiterRefusesPastTheBurstAndBatchCountsOnce() async throws {
        try await Harness.run({
            $0.rate = 0.001
            $0.burst = 3
        }) { (h: Harness) async throws in
            let commands = (0..<10).map { #""c\#($0)":"crm.lead.add?fields[TITLE]=t""# }.joined(separator: ",")
            #expect(try await h.post("batch", json: #"{"halt":0,"cmd":{\#(commands)}}"#).status == 200)
            #expect(try await h.get("crm.lead.fields").status == 200)
            #expect(try await h.get("crm.lead.fields").status == 200)
            let refused = try await h.post("crm.lead.add", json: #"{"fields":{"TITLE":"late"}}"#)
            #expect(refused.status == 503)
            #expect(refused.json == ["error": "QUERY_LIMIT_EXCEEDED", "error_description": "Too many requests"])
            #expect(await h.portal.leads().count == 10)
            #expect(await h.portal.stats().requestsByStatus[503] == 1)
        }
    }

    @Test func operatingBudgetBlocksOneMethodWith429() async throws {
        try await Harness.run({ $0.operatingLimit = OperatingLimit(limit: 2, window: 600, costPerCall: 1) }) { (h: Harness) async throws in
            let first = try await h.get("crm.lead.fields")
            #expect(first.json?["time"]?["operating"] == .double(1))
            #expect(try await h.get("crm.lead.fields").status == 200)
            let blocked = try await h.get("crm.lead.fields")
            #expect(blocked.status == 429 && blocked.json?["error"] == "OPERATION_TIME_LIMIT")
            #expect(blocked.json?["time"]?["operating_reset_at"]?.intValue != nil)
            #expect(try await h.get("crm.status.list").status == 200)
        }
    }

    @Test func redirectPointsToTheNewAddress() async throws {
        try await Harness.run { (h: Harness) async throws in
            let target = "http://localhost:\(h.portal.port)"
            await h.portal.configure { $0.redirectTo = target }
            let moved = try await h.post("crm.lead.add", json: #"{"fields":{"TITLE":"x"}}"#)
            #expect(moved.status == 302)
            let location = try #require(moved.location)
            #expect(location == target + "/rest/1/fakeportalsecret/crm.lead.add")
            #expect(await h.portal.leads().isEmpty)
            let reposted = try await h.send(location, method: .POST, body: #"{"fields":{"TITLE":"x"}}"#, contentType: "application/json")
            #expect(reposted.json?["result"] == 1)
        }
    }
}
