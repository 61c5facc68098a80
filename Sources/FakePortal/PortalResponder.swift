import Foundation
import Hummingbird
import NIOCore

/// The HTTP front: routes `/rest/…` to the portal state, `/oauth/token/` to the token endpoint
/// and `/_control/…` to the control API, and turns `HTTPAnswer`s into responses (or closes).
struct PortalResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let state: PortalState
    let server: ServerRunner

    func respond(to request: Request, context: Context) async throws -> Response {
        let path = request.uri.path
        let body = try await request.body.collect(upTo: 16 * 1024 * 1024)
        let params = Self.parameters(request: request, body: body)
        let answer: HTTPAnswer
        if path.hasPrefix("/_control/") {
            answer = await ControlAPI(state: state, server: server).handle(
                String(path.dropFirst("/_control/".count)), method: request.method, body: params)
        } else if path == "/oauth/token" || path == "/oauth/token/" {
            answer = await state.token(params)
        } else if path.hasPrefix("/rest/") {
            let components = path.dropFirst("/rest/".count).split(separator: "/").map(String.init)
            let target = request.uri.query.map { path + "?" + $0 } ?? path
            answer = await state.handle(
                RestRequest(pathComponents: components, params: params, host: request.head.authority, target: target))
        } else {
            answer = HTTPAnswer(error: .methodNotFound)
        }
        return await deliver(answer)
    }

    /// Query string overridden by the body: JSON when the content type is exactly
    /// `application/json` (invalid JSON counts as no parameters), PHP form encoding otherwise.
    static func parameters(request: Request, body: ByteBuffer) -> PortalJSON {
        var members = PHPQuery.parse(request.uri.query ?? "").members ?? []
        let contentType = request.headers[.contentType]?.split(separator: ";").first?
            .trimmingCharacters(in: .whitespaces).lowercased()
        let text = String(buffer: body)
        let bodyParams: PortalJSON
        if contentType == "application/json" {
            bodyParams = PortalJSON.parse(text).flatMap { $0.members == nil ? nil : $0 } ?? .object([])
        } else {
            bodyParams = PHPQuery.parse(text)
        }
        for member in bodyParams.members ?? [] {
            if let index = members.firstIndex(where: { $0.key == member.key }) {
                members[index] = member
            } else {
                members.append(member)
            }
        }
        return .object(members)
    }

    private func deliver(_ answer: HTTPAnswer) async -> Response {
        switch answer.delivery {
        case .send: break
        case .sendAfter(let delay): try? await Task.sleep(for: delay)
        case .close: return Self.closeResponse
        case .closeThenOutage(let duration):
            server.triggerOutage(for: duration)
            return Self.closeResponse
        }
        var headers: HTTPFields = [.contentType: answer.contentType]
        if let location = answer.location { headers[.location] = location }
        return Response(
            status: .init(code: answer.status), headers: headers,
            body: .init(byteBuffer: ByteBuffer(string: answer.body)))
    }

    private static var closeResponse: Response {
        Response(status: .internalServerError, headers: [CloseOnMarkerHandler.closeMarker: "1"])
    }
}
