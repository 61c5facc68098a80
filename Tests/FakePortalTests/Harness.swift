import AsyncHTTPClient
import FakePortal
import Foundation
import NIOCore
import NIOHTTP1

/// A running portal plus an HTTP client that never follows redirects, torn down after `body`.
struct Harness {
    let portal: FakePortal
    let client: HTTPClient

    struct Reply {
        var status: Int
        var contentType: String?
        var location: String?
        var text: String
        var json: PortalJSON? { PortalJSON.parse(text) }
    }

    static func run(
        _ configure: (inout FakePortalConfiguration) -> Void = { _ in },
        _ body: (Harness) async throws -> Void
    ) async throws {
        var config = FakePortalConfiguration()
        config.rate = 0
        configure(&config)
        let portal = try await FakePortal.start(config)
        var clientConfig = HTTPClient.Configuration(redirectConfiguration: .disallow)
        // Generous: the servers and this client share the singleton event loops with every
        // suite running in parallel on 2 cores; a full run once took over 5 s to read an answer.
        clientConfig.timeout = .init(connect: .seconds(10), read: .seconds(20))
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfig)
        do {
            try await body(Harness(portal: portal, client: client))
        } catch {
            try? await client.shutdown()
            await portal.stop()
            throw error
        }
        try await client.shutdown()
        await portal.stop()
    }

    /// POSTs `json` to `url` (relative paths go under the webhook URL).
    func post(_ method: String, json: String, contentType: String = "application/json") async throws -> Reply {
        try await send(url(method), method: .POST, body: json, contentType: contentType)
    }

    func get(_ pathOrURL: String) async throws -> Reply {
        try await send(url(pathOrURL), method: .GET, body: nil, contentType: nil)
    }

    func url(_ method: String) -> String {
        method.hasPrefix("http") ? method : method.hasPrefix("/") ? portal.baseURL + method : portal.webhookURL + method
    }

    func send(_ url: String, method: HTTPMethod, body: String?, contentType: String?) async throws -> Reply {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: .seconds(20))
        let bytes = try await response.body.collect(upTo: 10 * 1024 * 1024)
        return Reply(
            status: Int(response.status.code), contentType: response.headers.first(name: "Content-Type"),
            location: response.headers.first(name: "Location"), text: String(buffer: bytes))
    }

    /// Adds a lead through the REST API and returns its ID.
    @discardableResult
    func addLead(_ fields: String) async throws -> Int? {
        try await post("crm.lead.add", json: #"{"fields":\#(fields)}"#).json?["result"]?.intValue
    }
}
