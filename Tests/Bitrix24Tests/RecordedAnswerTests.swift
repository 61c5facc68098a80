import Foundation
import LeadCore
import Testing

@testable import Bitrix24

/// Answers recorded from live Bitrix24 portals (Recorded/, with MANIFEST.tsv naming each one's
/// source), served as their bytes over loopback HTTP. The stand-in's own answers could share a
/// misunderstanding with the client; these cannot.
@Suite struct RecordedAnswerTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Recorded")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    static func body(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The HTTP status the manifest gives, or 200 where it was not recorded.
    static func status(_ name: String) -> Int {
        guard let manifest = try? String(contentsOf: folder.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8),
            let row = manifest.split(separator: "\n").first(where: { $0.hasPrefix(name + "\t") })
        else { return 200 }
        let column = row.split(separator: "\t", omittingEmptySubsequences: false).dropFirst(2).first ?? ""
        return Int(column.prefix(3)) ?? 200
    }

    func serve<T>(_ name: String, status: Int? = nil, body: String? = nil, _ call: (Bitrix24Client) async throws -> T) async throws -> T {
        let responder = try await RawResponder.start(status ?? Self.status(name), try body ?? Self.body(name))
        let client = try rawClient(responder)
        let result: Result<T, any Error>
        do { result = .success(try await call(client)) } catch { result = .failure(error) }
        await responder.stop()
        return try result.get()
    }

    @Test func allThirtySevenAnswersAreHere() {
        #expect(Self.names.count == 37)
    }

    struct ErrorCase: Sendable, CustomStringConvertible {
        var file: String
        var kind: CallFailure.Kind
        var code: String
        var says: String
        var description: String { file }
    }

    /// Single-call error answers as `crm.lead.add` would meet them.
    static let errorCases: [ErrorCase] = [
        .init(file: "error__NO_AUTH_FOUND.json", kind: .portalUnusable, code: "NO_AUTH_FOUND", says: "webhook"),
        .init(file: "error__QUERY_LIMIT_EXCEEDED.json", kind: .rejectedBeforeRunning, code: "QUERY_LIMIT_EXCEEDED", says: "too many requests"),
        .init(file: "error__expired_token.json", kind: .rejectedBeforeRunning, code: "expired_token", says: "expired"),
        .init(file: "error__empty_code_400.json", kind: .leadRejected, code: "", says: "Communication type is not defined."),
        .init(file: "error__int_error_code_100.json", kind: .leadRejected, code: "100", says: "Unknown field definition"),
        .init(file: "crm.lead.add__error_required_field_br.json", kind: .leadRejected, code: "", says: "The required field 'Lead Name' is missing."),
    ]

    @Test(arguments: errorCases)
    func recordedErrorsAreClassified(_ c: ErrorCase) async throws {
        let status = c.file.hasPrefix("crm.lead.add__error") ? 400 : Self.status(c.file)
        let got = try #require(await failure { try await serve(c.file, status: status) { try await $0.addLead(submission(1, title: "x")) } })
        #expect(got.kind == c.kind)
        #expect(got.code == c.code)
        #expect(got.message.contains(c.says), "\(got.message)")
        #expect(!got.message.contains("<br"), "portal HTML must not reach a person: \(got.message)")
    }

    @Test func aRecordedCreateAnswerGivesTheID() async throws {
        #expect(try await serve("crm.lead.add__ok.json") { try await $0.addLead(submission(1, title: "x")) } == 3110)
    }

    /// Whatever a live portal sent, a batch answer that does not name a lead's own key never
    /// counts that lead as delivered: it is unknown, so it is looked up before any resend.
    @Test(arguments: names)
    func noRecordedAnswerMakesAnUnnamedLeadDelivered(_ name: String) async throws {
        let leads = [submission(1, title: "a"), submission(2, title: "b")]
        let result = try await serve(name) { await $0.addLeads(leads) }
        switch result {
        case .callFailed(let failure):
            #expect(!failure.message.isEmpty)
        case .completed(let outcomes):
            #expect(Set(outcomes.keys) == [1, 2])
            for (_, outcome) in outcomes {
                guard case .failed(let failure) = outcome else {
                    Issue.record("\(name): \(outcome)")
                    continue
                }
                #expect(failure.kind == .outcomeUnknown, "\(name): \(failure)")
            }
        }
    }

    /// The recorded batch errors, with their command keys renamed to leadbox's `l<id>` keys.
    @Test func recordedPerCommandErrorsKeepTheirClass() async throws {
        let leads = [submission(1, title: "a"), submission(2, title: "b")]
        let timeLimit = try Self.body("batch__OPERATION_TIME_LIMIT.json").replacingOccurrences(of: "f26b4ebc-3a82-4fe6-8d26-595d6eaf029b", with: "l1")
        guard case .completed(let limited) = try await serve("", status: 200, body: timeLimit, { await $0.addLeads(leads) }),
            case .failed(let blocked)? = limited[1], case .failed(let missing)? = limited[2]
        else {
            Issue.record("OPERATION_TIME_LIMIT batch not decoded")
            return
        }
        #expect(blocked.kind == .rejectedBeforeRunning && blocked.code == "OPERATION_TIME_LIMIT")
        #expect(missing.kind == .outcomeUnknown)

        let scope = try Self.body("batch__insufficient_scope_halt0.json")
            .replacingOccurrences(of: "\"get_user\"", with: "\"l1\"").replacingOccurrences(of: "\"get_department\"", with: "\"l2\"")
        guard case .completed(let refused) = try await serve("", status: 200, body: scope, { await $0.addLeads(leads) }) else {
            Issue.record("insufficient_scope batch not decoded")
            return
        }
        for id in [Int64(1), 2] {
            guard case .failed(let failure)? = refused[id] else {
                Issue.record("lead \(id): \(String(describing: refused[id]))")
                continue
            }
            #expect(failure.kind == .portalUnusable && failure.code == "insufficient_scope")
        }

        let created = try Self.body("batch__crm.contact.add__ok.json")
        let keys = try #require(Self.firstResultKeys(created))
        var renamed = created
        for (index, key) in keys.prefix(2).enumerated() { renamed = renamed.replacingOccurrences(of: "\"\(key)\"", with: "\"l\(index + 1)\"") }
        guard case .completed(let ok) = try await serve("", status: 200, body: renamed, { await $0.addLeads(leads) }) else {
            Issue.record("contact.add batch not decoded")
            return
        }
        #expect(ok.values.contains { if case .created = $0 { true } else { false } }, "\(ok)")
    }

    /// The command keys of a batch answer's `result` map, in order.
    static func firstResultKeys(_ body: String) -> [String]? {
        guard let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
            let inner = json["result"] as? [String: Any], let result = inner["result"] as? [String: Any]
        else { return nil }
        return result.keys.sorted()
    }

    @Test(arguments: ["crm.lead.update__ok_2024_float_start.json", "crm.lead.update__ok_2025_int_start.json", "crm.lead.add__ok.json"])
    func timeBlocksOfBothEras(_ name: String) throws {
        let json = try #require(PortalJSON.decode(Array(try Self.body(name).utf8)))
        let time = try #require(PortalTime(json.objectValue?["time"]))
        #expect(time.operatingResetAt != nil)
    }

    /// Pages a live portal listed without leadbox's ORIGIN_ID filter applied (their leads carry
    /// no ORIGIN_ID of ours): the lookup must not conclude "not delivered" from them, so it stops
    /// with a sentence for the portal's administrator instead of letting a resend happen.
    @Test(arguments: ["crm.lead.list__next_total.json", "crm.lead.list__one_page_total_no_next.json"])
    func recordedListPagesAreSeenAsAnIgnoredFilter(_ name: String) async throws {
        let got = try #require(await failure { try await serve(name) { try await $0.findLeads(originIDs: ["6f1c-not-there"]) } })
        #expect(got.kind == .portalUnusable, "\(got)")
        #expect(got.message.contains("ORIGIN_ID"))
    }
}
