import AsyncHTTPClient
import Foundation
import LeadCore
import NIOCore
import NIOHTTP1
import NIOSSL
import Synchronization

/// Sends one HTTP request and returns the raw answer, or the transport failure as a `CallFailure`.
///
/// The line between `offline` and `outcomeUnknown` is drawn by whether the request head was handed
/// to a live connection (AsyncHTTPClient's `didSendRequestHead`), not by guessing from error types:
/// a failure before that point (refused, DNS, TLS, connect timeout) sent nothing; a failure after it
/// (timeout, reset, closed mid-answer) may have left a lead created on the portal.
struct Transport: Sendable {
    let proxySetting: String?
    let environment: [String: String]
    let userAgent: String
    let timeout: TimeAmount
    /// Roots trusted besides the system store (the settings' and the environment's); they are
    /// the HTTP client's, not each request's (see `HTTPClients`).
    var trust = TrustRoots()

    /// Answers larger than this are cut off and count as unreadable (a metadata answer is ~100 KB).
    static let maxBodyBytes = 32 << 20

    func send(_ method: HTTPMethod, url: String, json body: [UInt8]?, describing call: String) async -> Result<RawResponse, CallFailure> {
        var headers = HTTPHeaders()
        headers.add(name: "User-Agent", value: userAgent)
        headers.add(name: "Accept", value: "application/json")
        if body != nil { headers.add(name: "Content-Type", value: "application/json") }
        let request: HTTPClient.Request
        do {
            request = try HTTPClient.Request(url: url, method: method, headers: headers, body: body.map { .bytes($0) })
        } catch {
            return .failure(
                CallFailure(
                    .portalUnusable, code: "BAD_ADDRESS",
                    message: "leadbox could not build a request to \(Redaction.url(url)): check the portal address."))
        }
        let proxy: ProxyRoute?
        do {
            proxy = try ProxyRoute.choose(for: request.url, setting: proxySetting, environment: environment)
        } catch {
            return .failure(
                CallFailure(.portalUnusable, code: "BAD_PROXY", message: error.description))
        }
        let collector = Collector()
        let task = HTTPClients.client(through: proxy, trusting: trust).execute(request: request, delegate: collector, deadline: .now() + timeout)
        do {
            let response = try await withTaskCancellationHandler {
                try await task.futureResult.get()
            } onCancel: {
                task.cancel()
            }
            return .success(response)
        } catch {
            let headSent = collector.headSent
            // The proxy's own refusals first: AsyncHTTPClient calls a proxy that never answered
            // the CONNECT a "handshake" timeout, which is no TLS failure.
            if !headSent, let proxy, let refusal = proxyFailure(error, proxy: proxy) { return .failure(refusal) }
            if !headSent, let refusal = TLSFailure.kind(of: error) {
                return .failure(await tlsFailure(refusal, url: request.url))
            }
            return .failure(failure(error, headSent: headSent, call: call))
        }
    }

    /// The proxy refused to open the tunnel, or cannot be reached: nothing was sent, so the
    /// leads stay and sync retries, as for any outage, with a sentence naming the proxy.
    private func proxyFailure(_ error: any Error, proxy: ProxyRoute) -> CallFailure? {
        let kept = "leadbox keeps the leads and tries again."
        if let http = error as? HTTPClientError {
            if http == .proxyAuthenticationRequired {
                return CallFailure(
                    .offline, code: "PROXY_LOGIN",
                    message: "The proxy \(proxy) wants a login it was not given or did not accept: "
                        + "put the user and password in the proxy address (http://USER:PASSWORD@\(proxy), with `leadbox config set proxy` or in https_proxy). \(kept)"
                )
            }
            if http == .invalidProxyResponse || http == .httpProxyHandshakeTimeout {
                return CallFailure(
                    .offline, code: "PROXY_REFUSED",
                    message: "The proxy \(proxy) would not open a connection to the portal "
                        + "(it may block the portal's address, or the portal is down behind it). \(kept)")
            }
        }
        if let io = error as? IOError, io.errnoCode == ECONNREFUSED || String(describing: error).lowercased().contains("connection refused") {
            return CallFailure(
                .offline, code: "PROXY_UNREACHABLE",
                message: "The proxy \(proxy) refused the connection: it may be down, "
                    + "or this network has another one (check `leadbox config show` and https_proxy). \(kept)")
        }
        return nil
    }

    /// Nothing was sent: the portal's certificate was refused, or no secure connection could be
    /// set up. Offline, as for any outage: the leads stay, and sync retries.
    private func tlsFailure(_ refusal: TLSRefusal, url: URL) async -> CallFailure {
        let host = url.host ?? "the portal"
        let judged: TLSFailure
        switch refusal {
        case .wrongName: judged = .wrongName(expected: host)
        case .other: judged = .other
        case .verification:
            let dates = await TLSFailure.presentedDates(host: host, port: url.port ?? 443)
            judged = TLSFailure.verification(leaf: dates, clock: Date())
        }
        return CallFailure(.offline, code: judged.code, message: judged.message)
    }

    private func failure(_ error: any Error, headSent: Bool, call: String) -> CallFailure {
        // The caller scrubs secrets from the message; a lower-level error may quote the host.
        let detail = String(describing: error)
        if headSent {
            if let http = error as? HTTPClientError, http == .deadlineExceeded || http == .readTimeout {
                return CallFailure(
                    .outcomeUnknown, code: "TIMEOUT",
                    message:
                        "The portal did not answer \(call) within \(timeout.nanoseconds / 1_000_000_000) seconds, so it is unknown whether the call ran; leadbox will check before sending again."
                )
            }
            if let http = error as? HTTPClientError, http == .cancelled {
                return CallFailure(
                    .outcomeUnknown, code: "CANCELLED",
                    message: "\(call) was cancelled after it was sent, so it is unknown whether it ran; leadbox will check before sending again.")
            }
            return CallFailure(
                .outcomeUnknown, code: "CONNECTION_LOST",
                message:
                    "The connection to the portal broke during \(call) (\(detail)), so it is unknown whether the call ran; leadbox will check before sending again."
            )
        }
        if let http = error as? HTTPClientError, http == .cancelled {
            return CallFailure(.offline, code: "CANCELLED", message: "\(call) was cancelled before anything was sent.")
        }
        let lowered = detail.lowercased()
        if lowered.contains("dns") || lowered.contains("unknown host") || lowered.contains("name resolution") {
            return CallFailure(
                .offline, code: "DNS_FAILED",
                message: "The portal's name could not be looked up (\(detail)): check the internet connection; leadbox keeps the leads and retries.")
        }
        if let io = error as? IOError, io.errnoCode == ECONNREFUSED || lowered.contains("connection refused") {
            return CallFailure(
                .offline, code: "CONNECTION_REFUSED",
                message: "The portal refused the connection: it may be down or the address wrong; leadbox keeps the leads and retries.")
        }
        return CallFailure(
            .offline, code: "NO_CONNECTION",
            message: "No connection to the portal could be made (\(detail)): check the internet connection; leadbox keeps the leads and retries.")
    }
}

/// Collects one answer and remembers whether the request head went out.
///
/// AsyncHTTPClient calls the delegate on the connection's event loop while the caller reads
/// `headSent` from a Swift task, so the state sits behind a lock.
private final class Collector: HTTPClientResponseDelegate, Sendable {
    typealias Response = RawResponse

    private struct BodyTooLarge: Error {}

    private struct State {
        var headSent = false
        var response = RawResponse(status: 0, location: nil, body: [])
    }

    private let state = Mutex(State())

    var headSent: Bool { state.withLock { $0.headSent } }

    func didSendRequestHead(task: HTTPClient.Task<RawResponse>, _ head: HTTPRequestHead) {
        state.withLock { $0.headSent = true }
    }

    func didReceiveHead(task: HTTPClient.Task<RawResponse>, _ head: HTTPResponseHead) -> EventLoopFuture<Void> {
        state.withLock {
            $0.headSent = true
            $0.response.status = Int(head.status.code)
            $0.response.location = head.headers.first(name: "Location")
        }
        return task.eventLoop.makeSucceededVoidFuture()
    }

    func didReceiveBodyPart(task: HTTPClient.Task<RawResponse>, _ buffer: ByteBuffer) -> EventLoopFuture<Void> {
        let tooLarge = state.withLock {
            $0.response.body.append(contentsOf: buffer.readableBytesView)
            return $0.response.body.count > Transport.maxBodyBytes
        }
        return tooLarge ? task.eventLoop.makeFailedFuture(BodyTooLarge()) : task.eventLoop.makeSucceededVoidFuture()
    }

    func didFinishRequest(task: HTTPClient.Task<RawResponse>) throws -> RawResponse {
        state.withLock { $0.response }
    }
}
