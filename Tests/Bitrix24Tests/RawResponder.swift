import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A loopback server that answers every request with fixed bytes, for answers the stand-in
/// portal cannot give (PHP quirks, odd codes, broken bodies). It waits for the whole request
/// (headers and Content-Length body), records it, writes `answer` verbatim and closes.
final class RawResponder: Sendable {
    let port: Int
    private let channel: any Channel
    private let recorded: NIOLockedValueBox<[String]>

    /// The raw requests received so far (head and body as text).
    var requests: [String] { recorded.withLockedValue { $0 } }

    var webhookURL: String { "http://127.0.0.1:\(port)/rest/1/rawsecretcode42/" }

    private init(port: Int, channel: any Channel, recorded: NIOLockedValueBox<[String]>) {
        self.port = port
        self.channel = channel
        self.recorded = recorded
    }

    /// A well-formed HTTP/1.1 response with `status` and `body`.
    static func http(_ status: Int, _ body: String, headers: [String] = ["Content-Type: application/json"]) -> [UInt8] {
        let bytes = Array(body.utf8)
        let head = (["HTTP/1.1 \(status) X"] + headers + ["Content-Length: \(bytes.count)", "Connection: close", "", ""]).joined(separator: "\r\n")
        return Array(head.utf8) + bytes
    }

    /// Answers every request with `status` and `body`.
    static func start(_ status: Int, _ body: String, headers: [String] = ["Content-Type: application/json"]) async throws -> RawResponder {
        let answer = http(status, body, headers: headers)
        return try await start { _ in answer }
    }

    /// Answers each request (given as text) with exactly the bytes `answer` returns: possibly a
    /// cut-off response, or nothing at all (the connection closes unanswered).
    static func start(answer: @escaping @Sendable (String) -> [UInt8]) async throws -> RawResponder {
        let recorded = NIOLockedValueBox<[String]>([])
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(Handler(answer: answer, recorded: recorded))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return RawResponder(port: channel.localAddress!.port!, channel: channel, recorded: recorded)
    }

    func stop() async {
        try? await channel.close()
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        let answer: @Sendable (String) -> [UInt8]
        let recorded: NIOLockedValueBox<[String]>
        private var received: [UInt8] = []

        init(answer: @escaping @Sendable (String) -> [UInt8], recorded: NIOLockedValueBox<[String]>) {
            self.answer = answer
            self.recorded = recorded
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let chunk = unwrapInboundIn(data)
            received.append(contentsOf: chunk.readableBytesView)
            guard let request = Self.complete(received) else { return }
            received = []
            recorded.withLockedValue { $0.append(request) }
            let channel = context.channel
            let answer = answer(request)
            guard !answer.isEmpty else {
                channel.close(promise: nil)
                return
            }
            channel.writeAndFlush(channel.allocator.buffer(bytes: answer)).whenComplete { _ in
                channel.close(promise: nil)
            }
        }

        /// The request as text once headers and the announced body have arrived.
        private static func complete(_ bytes: [UInt8]) -> String? {
            let text = String(decoding: bytes, as: UTF8.self)
            guard let end = text.range(of: "\r\n\r\n") else { return nil }
            let head = text[..<end.lowerBound].lowercased()
            let length =
                head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            let bodyBytes = bytes.count - text[..<end.upperBound].utf8.count
            return bodyBytes >= length ? text : nil
        }
    }
}
