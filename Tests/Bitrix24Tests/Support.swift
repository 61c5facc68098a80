import FakePortal
import Foundation
import LeadCore
import Logging
import NIOConcurrencyHelpers
import Testing

@testable import Bitrix24

/// Log lines captured from the client, to prove no secret is ever logged.
final class CapturedLogs: Sendable {
    private let box = NIOLockedValueBox<[String]>([])
    var lines: [String] { box.withLockedValue { $0 } }

    var logger: Logger {
        Logger(label: "test") { _ in Handler(sink: self.box) }.with(level: .trace)
    }

    private struct Handler: LogHandler {
        let sink: NIOLockedValueBox<[String]>
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let fields = (metadata.merging(event.metadata ?? [:]) { $1 }).map { "\($0)=\($1)" }.sorted().joined(separator: " ")
            sink.withLockedValue { $0.append("\(event.level) \(event.message) \(fields)") }
        }
    }
}

extension Logger {
    func with(level: Logger.Level) -> Logger {
        var copy = self
        copy.logLevel = level
        return copy
    }
}

/// A fake portal plus a client pointed at it; `finish()` shuts both down.
struct Stand {
    let portal: FakePortal
    let client: Bitrix24Client
    let logs: CapturedLogs

    static func start(
        timeout: Duration = .seconds(10),
        _ configure: (inout FakePortalConfiguration) -> Void = { _ in }
    ) async throws -> Stand {
        var configuration = FakePortalConfiguration()
        configuration.rate = 0  // no limiter unless a test asks for one
        configure(&configuration)
        let portal = try await FakePortal.start(configuration)
        let logs = CapturedLogs()
        let client = Bitrix24Client(
            endpoint: try PortalEndpoint.webhook(portal.webhookURL),
            configuration: .init(originatorID: "leadbox-test", timeout: timeout, userAgent: "leadbox/9.9", logger: logs.logger))
        return Stand(portal: portal, client: client, logs: logs)
    }

    func finish() async {
        await portal.stop()
    }
}

/// A client for a `RawResponder`.
func rawClient(_ responder: RawResponder, logs: CapturedLogs = CapturedLogs(), timeout: Duration = .seconds(10)) throws -> Bitrix24Client {
    Bitrix24Client(
        endpoint: try PortalEndpoint.webhook(responder.webhookURL),
        configuration: .init(originatorID: "leadbox-test", timeout: timeout, logger: logs.logger))
}

func submission(_ id: Int64, title: String, email: String? = nil, phone: String? = nil) -> LeadSubmission {
    var fields: [String: JSONValue] = ["TITLE": .string(title)]
    if let email { fields["EMAIL"] = [["VALUE": .string(email), "VALUE_TYPE": "WORK"]] }
    if let phone { fields["PHONE"] = [["VALUE": .string(phone), "VALUE_TYPE": "MOBILE"]] }
    return LeadSubmission(localID: id, originID: UUID().uuidString.lowercased(), fields: fields, options: ["REGISTER_SONET_EVENT": "N"])
}

/// The failure a throwing call produced, or nil when it succeeded.
func failure<T>(_ body: () async throws -> T) async -> CallFailure? {
    do {
        _ = try await body()
        return nil
    } catch let failure as CallFailure {
        return failure
    } catch {
        Issue.record("not a CallFailure: \(error)")
        return nil
    }
}
