import Foundation
import LeadCore
import Testing

@testable import Bitrix24

/// Every kind of answer, served as fixed bytes over loopback HTTP, lands in exactly one class.
@Suite struct Classification {
    struct Case: Sendable, CustomStringConvertible {
        var status: Int
        var body: String
        var kind: CallFailure.Kind
        var code: String
        var description: String { "\(status) \(body.prefix(40))" }
    }

    static let cases: [Case] = [
        .init(
            status: 503, body: #"{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}"#, kind: .rejectedBeforeRunning,
            code: "QUERY_LIMIT_EXCEEDED"),
        .init(
            status: 429, body: #"{"error":"OPERATION_TIME_LIMIT","error_description":"Method is blocked"}"#, kind: .rejectedBeforeRunning,
            code: "OPERATION_TIME_LIMIT"),
        .init(status: 429, body: "<html>slow down</html>", kind: .rejectedBeforeRunning, code: "TOO_MANY_REQUESTS"),
        .init(
            status: 401, body: #"{"error":"NO_AUTH_FOUND","error_description":"Wrong authorization data"}"#, kind: .portalUnusable,
            code: "NO_AUTH_FOUND"),
        .init(
            status: 403, body: #"{"error":"insufficient_scope","error_description":"The request requires higher privileges"}"#, kind: .portalUnusable,
            code: "insufficient_scope"),
        .init(
            status: 403, body: #"{"error":"INVALID_CREDENTIALS","error_description":"Invalid request credentials"}"#, kind: .portalUnusable,
            code: "INVALID_CREDENTIALS"),
        .init(
            status: 403, body: #"{"error":"ACCESS_DENIED","error_description":"REST is available only on commercial plans"}"#, kind: .portalUnusable,
            code: "ACCESS_DENIED"),
        .init(
            status: 503, body: #"{"error":"OVERLOAD_LIMIT","error_description":"REST API is blocked due to overload"}"#, kind: .portalUnusable,
            code: "OVERLOAD_LIMIT"),
        .init(
            status: 500, body: #"{"error":"PORTAL_DELETED","error_description":"Portal was deleted"}"#, kind: .portalUnusable, code: "PORTAL_DELETED"),
        .init(
            status: 404, body: #"{"error":"ERROR_METHOD_NOT_FOUND","error_description":"Method not found!"}"#, kind: .portalUnusable,
            code: "ERROR_METHOD_NOT_FOUND"),
        .init(
            status: 400, body: #"{"error":"INVALID_REQUEST","error_description":"Https required."}"#, kind: .portalUnusable, code: "INVALID_REQUEST"),
        .init(status: 404, body: "<html>Not Found</html>", kind: .portalUnusable, code: "NOT_FOUND"),
        .init(
            status: 400, body: #"{"error":"ERROR_CORE","error_description":"The field Work e-mail contains an invalid address"}"#,
            kind: .leadRejected, code: "ERROR_CORE"),
        .init(status: 400, body: #"{"error":"","error_description":"Parameter 'fields' must be array."}"#, kind: .leadRejected, code: ""),
        .init(status: 400, body: #"{"error":"ERROR_ARGUMENT","error_description":"bad"}"#, kind: .leadRejected, code: "ERROR_ARGUMENT"),
        .init(
            status: 200, body: #"{"error":"NO_AUTH_FOUND","error_description":"old portals answer 200"}"#, kind: .portalUnusable,
            code: "NO_AUTH_FOUND"),
        .init(
            status: 500, body: #"{"error":"INTERNAL_SERVER_ERROR","error_description":"Internal server error"}"#, kind: .outcomeUnknown,
            code: "INTERNAL_SERVER_ERROR"),
        .init(status: 200, body: #"{"error":"WRONG_ENCODING","error_description":"Wrong encoding"}"#, kind: .outcomeUnknown, code: "WRONG_ENCODING"),
        .init(status: 502, body: "<html><body>502 Bad Gateway</body></html>", kind: .outcomeUnknown, code: "NOT_JSON"),
        .init(status: 504, body: #"{"error":"GATEWAY","error_description":"upstream timed out"}"#, kind: .outcomeUnknown, code: "GATEWAY"),
        .init(status: 200, body: "<html>captive portal</html>", kind: .outcomeUnknown, code: "NOT_JSON"),
        .init(status: 200, body: #"{"result":17,"time":{"st"#, kind: .outcomeUnknown, code: "NOT_JSON"),
        .init(status: 200, body: "", kind: .outcomeUnknown, code: "NOT_JSON"),
        .init(status: 200, body: #"{"time":{}}"#, kind: .outcomeUnknown, code: "UNEXPECTED_ANSWER"),
        .init(status: 200, body: #"{"result":false}"#, kind: .outcomeUnknown, code: "UNEXPECTED_ANSWER"),
    ]

    @Test(arguments: cases)
    func answerIsClassified(_ c: Case) async throws {
        let responder = try await RawResponder.start(c.status, c.body)
        let client = try rawClient(responder)
        let failure = await failure { try await client.addLead(submission(1, title: "x")) }
        await responder.stop()
        let got = try #require(failure)
        #expect(got.kind == c.kind)
        #expect(got.code == c.code)
        #expect(!got.message.isEmpty)
        #expect(!got.message.contains("rawsecretcode42"))
    }

    @Test func portalMessagesTellABoothWorkerWhatToDo() async throws {
        let responder = try await RawResponder.start(401, #"{"error":"NO_AUTH_FOUND","error_description":"Wrong authorization data"}"#)
        let client = try rawClient(responder)
        let got = await failure { try await client.leadFields() }
        await responder.stop()
        #expect(
            got?.message
                == "The webhook was refused by the portal (NO_AUTH_FOUND): create a new incoming webhook in Bitrix24 and run `leadbox config set webhook URL`."
        )
        #expect(got?.certainlyNotRun == true)
    }

    @Test func requestsAreJSONPostsWithTheRightHeaders() async throws {
        let responder = try await RawResponder.start(200, #"{"result":"17","time":{"operating_reset_at":1700000000}}"#)
        let client = try rawClient(responder)
        let id = try await client.addLead(submission(1, title: "Ёлка & Co", email: "a@b.example"))
        let reset = await client.operatingResetAt(method: "crm.lead.add")
        await responder.stop()
        #expect(id == 17)  // a number sent as a string
        #expect(reset == Date(timeIntervalSince1970: 1_700_000_000))
        let request = try #require(responder.requests.first)
        let head = request.lowercased()
        #expect(request.hasPrefix("POST /rest/1/rawsecretcode42/crm.lead.add HTTP/1.1"))
        #expect(head.contains("content-type: application/json"))
        #expect(head.contains("accept: application/json"))
        #expect(head.contains("user-agent: leadbox/0.1.0"))
        let body = try #require(request.components(separatedBy: "\r\n\r\n").last)
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(body.utf8))
        #expect(json["fields"]?["TITLE"] == "Ёлка & Co")
        #expect(json["fields"]?["ORIGINATOR_ID"] == "leadbox-test")
        #expect(json["params"]?["REGISTER_SONET_EVENT"] == "N")
    }

    @Test func aConnectionClosedWithoutAnswerIsUnknown() async throws {
        let responder = try await RawResponder.start { _ in [] }
        let client = try rawClient(responder)
        let got = await failure { try await client.addLead(submission(1, title: "x")) }
        await responder.stop()
        #expect(got?.kind == .outcomeUnknown)
        #expect(got?.code == "CONNECTION_LOST")
    }

    @Test func anAnswerCutOffMidBodyIsUnknown() async throws {
        let full = RawResponder.http(200, #"{"result":17}"#)
        let responder = try await RawResponder.start { _ in Array(full.dropLast(5)) }
        let client = try rawClient(responder)
        let got = await failure { try await client.addLead(submission(1, title: "x")) }
        await responder.stop()
        #expect(got?.kind == .outcomeUnknown)
    }

    @Test func aClosedPortIsOfflineNotUnknown() async throws {
        let responder = try await RawResponder.start(200, "{}")
        await responder.stop()
        let client = try rawClient(responder)
        let got = await failure { try await client.addLead(submission(1, title: "x")) }
        #expect(got?.kind == .offline)
        #expect(got?.code == "CONNECTION_REFUSED")
        #expect(got?.certainlyNotRun == true)
    }

    @Test func aRedirectReportsTheNewAddressRedacted() async throws {
        let responder = try await RawResponder.start(302, "", headers: ["Location: https://new.example/rest/1/rawsecretcode42/crm.lead.add"])
        let client = try rawClient(responder)
        let got = try #require(await failure { try await client.addLead(submission(1, title: "x")) })
        await responder.stop()
        #expect(got.kind == .portalUnusable)
        #expect(got.movedTo?.baseURL == "https://new.example/rest/1/rawsecretcode42/")
        #expect(got.message.contains("https://new.example/rest/1/***/"))
        #expect(!got.message.contains("rawsecretcode42"))
    }
}
