import Foundation
import Testing

@testable import LeadRuntime

/// rtnetlink datagrams as the kernel writes them (host byte order), built field by field.
private struct Datagram {
    var bytes: [UInt8] = []

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value) { bytes.append(contentsOf: $0) }
    }

    /// One nlmsghdr + body, padded to 4 bytes like NLMSG_ALIGN.
    mutating func message(type: UInt16, body: [UInt8], flags: UInt16 = 0, sequence: UInt32 = 0) {
        append(UInt32(16 + body.count))
        append(type)
        append(flags)
        append(sequence)
        append(UInt32(0))  // sender: the kernel
        bytes += body
        while bytes.count % 4 != 0 { bytes.append(0) }
    }

    static func ifinfomsg(index: Int32, flags: UInt32) -> [UInt8] {
        var d = Datagram()
        d.bytes += [0 /* AF_UNSPEC */, 0]
        d.append(UInt16(1))  // ARPHRD_ETHER
        d.append(index)
        d.append(flags)
        d.append(UInt32(0xFFFF_FFFF))  // change mask
        // IFLA_IFNAME "lbx0" attribute, as the kernel adds it.
        d.append(UInt16(9))
        d.append(UInt16(3))
        d.bytes += Array("lbx0\0".utf8)
        return d.bytes
    }

    static func ifaddrmsg(index: UInt32) -> [UInt8] {
        var d = Datagram()
        d.bytes += [2 /* AF_INET */, 24, 0x80 /* IFA_F_PERMANENT */, 0 /* universe */]
        d.append(index)
        d.append(UInt16(8))
        d.append(UInt16(1))
        d.bytes += [10, 213, 0, 1]  // IFA_ADDRESS
        return d.bytes
    }

    static let rtmsg: [UInt8] = [2, 24, 0, 0, 254 /* main */, 2 /* kernel */, 253 /* link */, 1 /* unicast */, 0, 0, 0, 0]
}

@Suite struct NetworkChangeTests {
    @Test func aLinkComingUpWithItsAddressAndRouteIsRead() {
        var d = Datagram()
        // UP BROADCAST RUNNING MULTICAST LOWER_UP
        d.message(type: 16, body: Datagram.ifinfomsg(index: 7, flags: 0x1 | 0x2 | 0x40 | 0x1000 | 0x10000))
        d.message(type: 20, body: Datagram.ifaddrmsg(index: 7))
        d.message(type: 24, body: Datagram.rtmsg)
        let changes = NetlinkParser.parse(d.bytes)
        #expect(changes == [.link(index: 7, up: true), .addressAdded(index: 7), .routeAdded])
        #expect(changes.allSatisfy { $0.mayReconnect })
    }

    @Test func aLinkGoingDownOrLosingItsCarrierIsNoReasonToReconnect() {
        var d = Datagram()
        d.message(type: 16, body: Datagram.ifinfomsg(index: 7, flags: 0x1 | 0x1000))  // UP, no carrier (veth peer down)
        d.message(type: 16, body: Datagram.ifinfomsg(index: 7, flags: 0x1000))  // down
        d.message(type: 17, body: Datagram.ifinfomsg(index: 8, flags: 0x1 | 0x40))  // deleted
        d.message(type: 21, body: Datagram.ifaddrmsg(index: 7))
        d.message(type: 25, body: Datagram.rtmsg)
        let changes = NetlinkParser.parse(d.bytes)
        #expect(
            changes == [
                .link(index: 7, up: false), .link(index: 7, up: false), .link(index: 8, up: false),
                .addressRemoved(index: 7), .routeRemoved,
            ])
        #expect(!changes.contains { $0.mayReconnect })
    }

    @Test func otherMessagesAreSkippedAndADatagramIsReadToItsEnd() {
        var d = Datagram()
        d.message(type: 3 /* NLMSG_DONE */, body: [0, 0, 0, 0])
        d.message(type: 2 /* NLMSG_ERROR */, body: [UInt8](repeating: 0, count: 20))
        d.message(type: 28 /* RTM_NEWNEIGH */, body: [UInt8](repeating: 0, count: 12))
        d.message(type: 24, body: Datagram.rtmsg)
        #expect(NetlinkParser.parse(d.bytes) == [.routeAdded])
        #expect(NetlinkParser.parse([]) == [])
    }

    @Test func aTruncatedOrLyingMessageEndsTheParseWithoutReadingPastIt() {
        var d = Datagram()
        d.message(type: 24, body: Datagram.rtmsg)
        d.message(type: 20, body: Datagram.ifaddrmsg(index: 3))
        let whole = d.bytes
        // Every prefix: the complete messages before the cut, never a crash.
        for length in 0...whole.count {
            let changes = NetlinkParser.parse(Array(whole.prefix(length)))
            #expect(changes == Array([NetworkChange.routeAdded, .addressAdded(index: 3)].prefix(length >= whole.count ? 2 : length >= 28 ? 1 : 0)))
        }
        // A header whose length is below the header's own, or beyond the datagram.
        var lying = whole
        lying.replaceSubrange(0..<4, with: [4, 0, 0, 0])
        #expect(NetlinkParser.parse(lying) == [])
        lying.replaceSubrange(0..<4, with: [0xFF, 0xFF, 0, 0])
        #expect(NetlinkParser.parse(lying) == [])
        // A body too short for its type is skipped, the rest still read.
        var short = Datagram()
        short.message(type: 16, body: [0, 0, 1, 0])
        short.message(type: 24, body: Datagram.rtmsg)
        #expect(NetlinkParser.parse(short.bytes) == [.routeAdded])
    }

    @Test func randomBytesNeverCrashOrHang() {
        var state: UInt64 = 0x5EED
        func next() -> UInt8 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        for round in 0..<3000 {
            var bytes = (0..<(round % 200)).map { _ in next() }
            // Make some lengths plausible so the parser walks further than the first header.
            if bytes.count >= 16 {
                bytes[0] = UInt8(16 + Int(next()) % max(1, bytes.count - 15))
                bytes[1] = 0
                bytes[2] = 0
                bytes[3] = 0
            }
            let changes = NetlinkParser.parse(bytes)
            #expect(changes.count <= bytes.count / 16)
        }
    }
}
