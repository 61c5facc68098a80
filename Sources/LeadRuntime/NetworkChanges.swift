import Foundation
import SyncEngine
import Synchronization

#if os(Linux)
    import Glibc
#endif

/// A change of the machine's network, as rtnetlink reports it.
public enum NetworkChange: Sendable, Equatable {
    /// An interface changed; `up` when it is administratively up and has a carrier (IFF_UP and
    /// IFF_RUNNING), which is when packets can flow again.
    case link(index: Int32, up: Bool)
    case addressAdded(index: Int32)
    case addressRemoved(index: Int32)
    case routeAdded
    case routeRemoved

    /// Whether the network may have come back, so a portal that was unreachable is worth trying
    /// at once rather than at the next probe.
    public var mayReconnect: Bool {
        switch self {
        case .link(_, let up): up
        case .addressAdded, .routeAdded: true
        case .addressRemoved, .routeRemoved: false
        }
    }
}

/// Reads the messages of an rtnetlink socket (`struct nlmsghdr` + payload, 4-byte aligned, host
/// byte order). Pure, so it is tested on byte fixtures; a truncated or malformed message ends
/// the parse of that datagram instead of reading past it.
public enum NetlinkParser {
    static let headerLength = 16
    // Message types from <linux/rtnetlink.h>.
    static let newLink: UInt16 = 16, delLink: UInt16 = 17
    static let newAddress: UInt16 = 20, delAddress: UInt16 = 21
    static let newRoute: UInt16 = 24, delRoute: UInt16 = 25
    static let iffUp: UInt32 = 0x1, iffRunning: UInt32 = 0x40

    /// The changes in one datagram, in order; messages of other types (NLMSG_DONE, errors) are skipped.
    public static func parse(_ bytes: [UInt8]) -> [NetworkChange] {
        var changes: [NetworkChange] = []
        var offset = 0
        while offset + headerLength <= bytes.count {
            let length = Int(read(UInt32.self, bytes, at: offset))
            guard length >= headerLength, offset + length <= bytes.count else { break }
            let type = read(UInt16.self, bytes, at: offset + 4)
            let body = offset + headerLength
            let bodyLength = length - headerLength
            switch type {
            case newLink, delLink:
                // struct ifinfomsg: family u8, pad u8, type u16, index i32, flags u32, change u32.
                guard bodyLength >= 16 else { break }
                let index = read(Int32.self, bytes, at: body + 4)
                let flags = read(UInt32.self, bytes, at: body + 8)
                let up = type == newLink && flags & iffUp != 0 && flags & iffRunning != 0
                changes.append(.link(index: index, up: up))
            case newAddress, delAddress:
                // struct ifaddrmsg: family u8, prefixlen u8, flags u8, scope u8, index u32.
                guard bodyLength >= 8 else { break }
                let index = Int32(bitPattern: read(UInt32.self, bytes, at: body + 4))
                changes.append(type == newAddress ? .addressAdded(index: index) : .addressRemoved(index: index))
            case newRoute, delRoute:
                // struct rtmsg is 12 bytes; which route does not matter, only that one appeared.
                guard bodyLength >= 12 else { break }
                changes.append(type == newRoute ? .routeAdded : .routeRemoved)
            default:
                break
            }
            offset += (length + 3) & ~3
        }
        return changes
    }

    private static func read<T: FixedWidthInteger>(_ type: T.Type, _ bytes: [UInt8], at offset: Int) -> T {
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: T.self) }
    }
}

/// The machine's network changes as an async stream: on Linux from an rtnetlink socket
/// subscribed to link, address and route groups; elsewhere (or when the socket cannot be opened,
/// say in a sandbox) a stream that never yields, so the engine keeps its 10 s probe.
public enum NetworkChanges {
    /// Reconnect-worthy changes only, coalesced: a burst (a link coming up brings its addresses
    /// and routes with it) is one element if the consumer is still busy with the last.
    public static func reconnects() -> AsyncStream<NetworkChange> {
        AsyncStream(bufferingPolicy: .bufferingNewest(1)) { continuation in
            #if os(Linux)
                guard
                    let reader = NetlinkReader(onChanges: { changes in
                        if let change = changes.first(where: \.mayReconnect) { continuation.yield(change) }
                    })
                else { return }
                continuation.onTermination = { _ in reader.stop() }
                reader.start()
            #endif
        }
    }
}

#if os(Linux)
    /// A thin blocking reader of one rtnetlink socket on a thread of its own; polls with a timeout so
    /// `stop()` ends it within half a second.
    final class NetlinkReader: Sendable {
        // From <linux/netlink.h> and <linux/rtnetlink.h> (not all exported by Glibc).
        private static let netlinkRoute: Int32 = 0
        private static let groups: UInt32 =
            0x1 /* LINK */ | 0x10 /* IPV4_IFADDR */ | 0x40 /* IPV4_ROUTE */
            | 0x100 /* IPV6_IFADDR */ | 0x400 /* IPV6_ROUTE */

        private let fd: Int32
        private let onChanges: @Sendable ([NetworkChange]) -> Void
        private let stopped = Atomic<Bool>(false)

        init?(onChanges: @escaping @Sendable ([NetworkChange]) -> Void) {
            let fd = socket(AF_NETLINK, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), Self.netlinkRoute)
            guard fd >= 0 else { return nil }
            // struct sockaddr_nl: family u16, pad u16, pid u32 (0: the kernel picks), groups u32.
            var address = [UInt8](repeating: 0, count: 12)
            withUnsafeBytes(of: UInt16(AF_NETLINK)) { address.replaceSubrange(0..<2, with: $0) }
            withUnsafeBytes(of: Self.groups) { address.replaceSubrange(8..<12, with: $0) }
            let bound = address.withUnsafeBytes { raw in
                bind(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), socklen_t(raw.count))
            }
            guard bound == 0 else {
                close(fd)
                return nil
            }
            self.fd = fd
            self.onChanges = onChanges
        }

        func start() {
            Thread.detachNewThread { [self] in
                var buffer = [UInt8](repeating: 0, count: 64 * 1024)
                while !isStopped {
                    var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    guard poll(&request, 1, 500) > 0 else { continue }
                    let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    // ENOBUFS means the kernel dropped events: something changed, so say so.
                    if count < 0 {
                        if errno == ENOBUFS { onChanges([.routeAdded]) }
                        continue
                    }
                    let changes = NetlinkParser.parse(Array(buffer.prefix(count)))
                    if !changes.isEmpty { onChanges(changes) }
                }
                close(fd)
            }
        }

        func stop() { stopped.store(true, ordering: .releasing) }

        private var isStopped: Bool { stopped.load(ordering: .acquiring) }
    }
#endif

extension SyncEngine {
    /// After a reconnect event, when to try again: a link's "up" arrives before the kernel has
    /// put its routes back (and DHCP may take a moment more), so a try at that instant can still
    /// find no route, which would leave the engine waiting for its next 10 s probe.
    static let networkFollowUps: [Duration] = [.milliseconds(200), .milliseconds(800), .seconds(2)]

    /// Tries the portal at once whenever the network may have come back (a link up, an address
    /// or a route added) instead of waiting for the next offline probe, then a few times shortly
    /// after. Cancel the task when the engine stops.
    public nonisolated func wakeOnNetworkChanges() -> Task<Void, Never> {
        Task {
            var followUps: Task<Void, Never>?
            for await _ in NetworkChanges.reconnects() {
                await self.networkChanged()
                followUps?.cancel()
                followUps = Task {
                    for delay in Self.networkFollowUps {
                        try? await Task.sleep(for: delay)
                        if Task.isCancelled { return }
                        await self.networkChanged()
                    }
                }
            }
            followUps?.cancel()
        }
    }
}
