import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// Why a secure connection to the portal failed, in words a booth worker can act on: the TLS
/// library's own words (`CERTIFICATE_VERIFY_FAILED at …/handshake.cc:320`) name neither the
/// cause nor a remedy.
///
/// A refused certificate says only that it was refused, so the certificate is fetched once more
/// without judging it, and its dates read against this laptop's clock: expired, not yet valid,
/// or valid (then it is the issuer nobody here trusts: a network that intercepts HTTPS).
enum TLSFailure: Equatable {
    /// The certificate chains to no root this laptop trusts.
    case untrusted
    /// Trusted, but issued for another name.
    case wrongName(expected: String)
    /// Past its end date by this laptop's clock.
    case expired(validUntil: Date, clock: Date)
    /// Before its start date by this laptop's clock.
    case notYetValid(validFrom: Date, clock: Date)
    /// Any other handshake failure (no HTTPS at the address, an old protocol).
    case other

    /// The kind of TLS failure `error` is, or nil when it is not one.
    static func kind(of error: any Error) -> TLSRefusal? {
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname { return .wrongName }
        if let ssl = error as? NIOSSLError {
            if case .handshakeFailed(let inner) = ssl, "\(inner)".contains("CERTIFICATE_VERIFY_FAILED") { return .verification }
            return .other
        }
        let text = String(describing: error).lowercased()
        return text.contains("ssl") || text.contains("tls") || text.contains("certificate") || text.contains("handshake") ? .other : nil
    }

    /// Judges a refused certificate from its dates: `leaf` is the certificate as fetched
    /// without verification (nil when it could not be fetched).
    static func verification(leaf: (notBefore: Date, notAfter: Date)?, clock: Date) -> TLSFailure {
        guard let leaf else { return .untrusted }
        if clock > leaf.notAfter { return .expired(validUntil: leaf.notAfter, clock: clock) }
        if clock < leaf.notBefore { return .notYetValid(validFrom: leaf.notBefore, clock: clock) }
        return .untrusted
    }

    var code: String {
        switch self {
        case .untrusted: "TLS_UNTRUSTED"
        case .wrongName: "TLS_WRONG_NAME"
        case .expired: "TLS_EXPIRED"
        case .notYetValid: "TLS_NOT_YET_VALID"
        case .other: "TLS_FAILED"
        }
    }

    var message: String {
        let kept = "leadbox keeps the leads and tries again."
        switch self {
        case .untrusted:
            return "The portal's certificate is not one this laptop trusts, so the network is probably intercepting secure connections: "
                + "if this Wi-Fi wants its login page, open any web page in a browser and accept it; on a company network, "
                + "install the company's root certificate with `leadbox config set ca_file FILE` (or SSL_CERT_FILE). \(kept)"
        case .wrongName(let expected):
            return "The certificate presented for \(expected) was issued for another name, so the network is probably intercepting "
                + "secure connections (a Wi-Fi login page, a company proxy), or the portal address is wrong. \(kept)"
        case .expired(let validUntil, let clock):
            return "The portal's certificate ran out on \(Self.day(validUntil)), and the clock says \(Self.moment(clock)): "
                + "if the clock is wrong, set it right; if not, the portal's certificate must be renewed. \(kept)"
        case .notYetValid(let validFrom, let clock):
            return "The portal's certificate is valid only from \(Self.day(validFrom)), but the clock says \(Self.moment(clock)): "
                + "set this laptop's date and time right. \(kept)"
        case .other:
            return "A secure connection to the portal could not be set up: the network may be intercepting secure connections "
                + "(a Wi-Fi login page?), or nothing speaks HTTPS at the portal's address. \(kept)"
        }
    }

    private static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }

    private static func moment(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }

    /// The name sent in SNI for `host`: none for an IPv4 or IPv6 literal, which SNI cannot carry,
    /// but a portal named 1c-shop.bitrix24.ru, which starts with a digit, is a name, and without
    /// it a shared front end presents another site's certificate and its dates.
    static func serverName(for host: String) -> String? {
        let isAddressLiteral =
            host.contains(":") || host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        return isAddressLiteral ? nil : host
    }

    /// Fetches the certificate `host:port` presents, without judging it, and returns its dates;
    /// nil when no handshake gets that far within five seconds.
    static func presentedDates(host: String, port: Int) async -> (notBefore: Date, notAfter: Date)? {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        guard let context = try? NIOSSLContext(configuration: configuration) else { return nil }
        let serverName = serverName(for: host)
        let answer = FirstAnswer()
        do {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        answer.promise(channel.eventLoop.makePromise())
                        let handler = try NIOSSLClientHandler(context: context, serverHostname: serverName) { chain, verdict in
                            answer.give(
                                chain.first.map {
                                    (
                                        Date(timeIntervalSince1970: TimeInterval($0.notValidBefore)),
                                        Date(timeIntervalSince1970: TimeInterval($0.notValidAfter))
                                    )
                                })
                            verdict.succeed(.certificateVerified)
                        }
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                }
                .connect(host: host, port: port).get()
            channel.closeFuture.whenComplete { _ in answer.give(nil) }
            channel.eventLoop.scheduleTask(in: .seconds(5)) { channel.close(promise: nil) }
            let dates = try await answer.result()
            channel.close(promise: nil)
            return dates.map { (notBefore: $0.0, notAfter: $0.1) }
        } catch {
            return nil
        }
    }
}

/// The first answer of a diagnostic handshake (the chain, or nothing once the channel closes).
private final class FirstAnswer: Sendable {
    private let state = Mutex<(waiting: EventLoopPromise<(Date, Date)?>?, answer: EventLoopFuture<(Date, Date)?>?)>((nil, nil))

    func promise(_ promise: EventLoopPromise<(Date, Date)?>) {
        state.withLock { $0 = (promise, promise.futureResult) }
    }

    func give(_ dates: (Date, Date)?) {
        state.withLock { state in
            state.waiting?.succeed(dates)
            state.waiting = nil
        }
    }

    func result() async throws -> (Date, Date)? {
        guard let answer = state.withLock({ $0.answer }) else { return nil }
        return try await answer.get()
    }
}

/// How a TLS library refused, before the certificate is looked at.
enum TLSRefusal {
    case verification
    case wrongName
    case other
}
