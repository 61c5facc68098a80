import HTTPTypes
import NIOCore
import NIOHTTPTypes

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// Closes the connection instead of sending a response that carries `closeMarker`.
///
/// Hummingbird always answers a request; the `reset`, `drop` and `outage` faults need the
/// client to see the connection die with no answer at all. The responder marks such responses
/// and this handler, sitting between HTTP encoding and the responder, turns them into a close.
final class CloseOnMarkerHandler: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// Header name the responder sets on responses that must never reach the client.
    static let closeMarker = HTTPField.Name("x-fake-portal-close")!

    private var closing = false

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let part = unwrapOutboundIn(data)
        if case .head(let head) = part, head.headerFields[Self.closeMarker] != nil {
            closing = true
            // Linger 0 makes the close a TCP reset, like a gateway dropping the connection.
            _ = (context.channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            context.close(promise: nil)
        }
        if closing {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        context.write(data, promise: promise)
    }
}
