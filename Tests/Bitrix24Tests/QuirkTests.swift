import Foundation
import LeadCore
import NIOConcurrencyHelpers
import Testing

@testable import Bitrix24

/// PHP-shaped answers the stand-in does not produce, served as fixed bytes over loopback.
@Suite struct QuirksOverHTTP {
    func serve<T>(_ body: String, _ call: (Bitrix24Client) async throws -> T) async throws -> T {
        let responder = try await RawResponder.start(200, body)
        let client = try rawClient(responder)
        let result: Result<T, any Error>
        do { result = .success(try await call(client)) } catch { result = .failure(error) }
        await responder.stop()
        return try result.get()
    }

    let leads = [submission(1, title: "a"), submission(2, title: "b"), submission(3, title: "c")]

    @Test func emptyErrorMapAndIDsAsStrings() async throws {
        let body = #"{"result":{"result":{"l1":"5","l2":6,"l3":7},"result_error":[],"result_total":[],"result_next":[],"result_time":[]},"time":{}}"#
        let result = try await serve(body) { await $0.addLeads(leads) }
        #expect(result == .completed([1: .created(remoteID: 5), 2: .created(remoteID: 6), 3: .created(remoteID: 7)]))
    }

    /// A batch answer's timings are decoded without the members nothing reads, but
    /// `operating_reset_at` inside them is still read, and a nested OPERATION_TIME_LIMIT gets its
    /// reset time.
    @Test func aResetTimeInsideTheBatchTimingsIsStillRead() async throws {
        let body = #"""
            {"result":{"result":{"l1":5,"l2":6},"result_error":{"l3":{"error":"OPERATION_TIME_LIMIT","error_description":"Method is blocked due to operation time limit."}},
            "result_total":[],"result_next":[],"result_time":{"l1":{"start":1.5,"finish":1.75,"duration":0.25},
            "l2":{"start":1.75,"operating":410.5,"operating_reset_at":1900000000}}},"time":{"start":1}}
            """#
        let (result, reset) = try await serve(body) { client in (await client.addLeads(leads), await client.operatingResetAt(method: "crm.lead.add"))
        }
        #expect(reset == Date(timeIntervalSince1970: 1_900_000_000))
        guard case .completed(let outcomes) = result, case .failed(let blocked)? = outcomes[3] else {
            Issue.record("\(result)")
            return
        }
        #expect(outcomes[1] == .created(remoteID: 5) && outcomes[2] == .created(remoteID: 6))
        #expect(blocked.kind == .rejectedBeforeRunning && blocked.retryAt == Date(timeIntervalSince1970: 1_900_000_000))
    }

    @Test func perKeyErrorsAndAMissingKey() async throws {
        let body = #"""
            {"result":{"result":[],"result_error":{"l1":{"error":"","error_description":"Access denied."},
            "l2":{"error":"OPERATION_TIME_LIMIT","error_description":"Method is blocked due to operation time limit."}},
            "result_total":[],"result_next":[],"result_time":[]},"time":{}}
            """#
        let result = try await serve(body) { await $0.addLeads(leads) }
        guard case .completed(let outcomes) = result,
            case .failed(let first)? = outcomes[1], case .failed(let second)? = outcomes[2], case .failed(let third)? = outcomes[3]
        else {
            Issue.record("\(result)")
            return
        }
        #expect(first.kind == .leadRejected && first.message.contains("Access denied."))
        #expect(second.kind == .rejectedBeforeRunning)
        #expect(third.kind == .outcomeUnknown && third.code == "MISSING_FROM_BATCH")
    }

    @Test func aBatchAnswerWithoutInnerMapsIsUnknownPerLead() async throws {
        let result = try await serve(#"{"result":[],"time":{}}"#) { await $0.addLeads(leads) }
        guard case .completed(let outcomes) = result else {
            Issue.record("\(result)")
            return
        }
        #expect(outcomes.values.allSatisfy { if case .failed(let f) = $0 { f.kind == .outcomeUnknown } else { false } })
    }

    @Test func aBatchAnswerThatIsNotAMapIsUnknownForAll() async throws {
        let result = try await serve(#"{"result":"ok"}"#) { await $0.addLeads(leads) }
        guard case .callFailed(let failure) = result else {
            Issue.record("\(result)")
            return
        }
        #expect(failure.kind == .outcomeUnknown)
    }

    @Test func listRowsAsANumericKeyedObjectWithStringIDs() async throws {
        let body = #"{"result":{"0":{"ID":"12","ORIGIN_ID":"u-1"},"1":{"ID":"9","ORIGIN_ID":"u-1"}},"time":{}}"#
        let found = try await serve(body) { try await $0.findLeads(originIDs: ["u-1", "u-2"]) }
        #expect(found == ["u-1": 9])
    }

    @Test func aDroppedFilterIsCaught() async throws {
        let body = #"{"result":[{"ID":"1","ORIGIN_ID":""},{"ID":"2","ORIGIN_ID":null}],"time":{}}"#
        let responder = try await RawResponder.start(200, body)
        let client = try rawClient(responder)
        let got = await failure { try await client.findLeads(originIDs: ["u-1"]) }
        await responder.stop()
        #expect(got?.kind == .portalUnusable)
        #expect(got?.code == "FILTER_IGNORED")
    }

    @Test func aFullPageIsFollowedByAskingForTheRest() async throws {
        let page = (1...50).map { #"{"ID":"\#($0)","ORIGIN_ID":"a"}"# }.joined(separator: ",")
        let count = NIOLockedValueBox(0)
        let responder = try await RawResponder.start { _ in
            let n = count.withLockedValue {
                $0 += 1
                return $0
            }
            return RawResponder.http(200, n == 1 ? #"{"result":[\#(page)]}"# : #"{"result":[]}"#)
        }
        let client = try rawClient(responder)
        let found = try await client.findLeads(originIDs: ["a", "b"])
        await responder.stop()
        #expect(found == ["a": 1])
        #expect(responder.requests.count == 2)
        let second = try #require(responder.requests.last?.components(separatedBy: "\r\n\r\n").last)
        #expect(second.contains(#""@ORIGIN_ID":["b"]"#))
        #expect(second.contains(#""start":-1"#))
        #expect(second.contains(#""=ORIGINATOR_ID":"leadbox-test""#))
    }

    @Test func statusRowsWithNullNamesAndStringSorts() async throws {
        let body =
            #"{"result":{"0":{"ENTITY_ID":"SOURCE","STATUS_ID":"WEB","NAME":null,"SORT":"20"},"1":{"ENTITY_ID":"SOURCE","STATUS_ID":"CALL","NAME":"Звонок","SORT":"10"},"2":{"ENTITY_ID":"STATUS","STATUS_ID":"NEW","NAME":"New","SORT":"1"}}}"#
        let statuses = try await serve(body) { try await $0.statuses("SOURCE") }
        #expect(statuses == [.init(id: "CALL", name: "Звонок"), .init(id: "WEB", name: "WEB")])
    }

    @Test func fieldsAsAnEmptyArray() async throws {
        let fields = try await serve(#"{"result":[]}"#) { try await $0.leadFields() }
        #expect(fields.isEmpty)
    }

    @Test func portalCheckCatchesADroppedFilter() async throws {
        let responder = try await RawResponder.start { request in
            request.contains("crm.lead.list")
                ? RawResponder.http(200, #"{"result":[{"ID":"1","ORIGIN_ID":"other"}]}"#)
                : RawResponder.http(200, #"{"result":{"TITLE":{"type":"string"}}}"#)
        }
        let client = try rawClient(responder)
        let lines = await PortalCheck.run(client)
        await responder.stop()
        #expect(lines.map(\.status).prefix(4) == [.passed, .passed, .passed, .failed])
        #expect(lines[3].text.contains("ignored the ORIGIN_ID filter"))
    }
}
