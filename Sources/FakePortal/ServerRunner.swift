import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle

/// Runs the Hummingbird server and takes it down and up again for outages.
///
/// An outage really closes the listening socket (clients get "connection refused", so they know
/// nothing was sent) while the port stays reserved, then binds the same port again when it ends.
actor ServerRunner {
    private let state: PortalState
    private var running: (group: ServiceGroup, task: Task<Void, any Error>)?
    private var port = 0
    private var outageEnd: Task<Void, Never>?
    /// The port, held without listening while an outage lasts (see `PortReservation`).
    private var reservation: PortReservation?
    private var outageGeneration = 0
    private var stopped = false

    private let tls: TLSConfiguration?

    init(state: PortalState, tls: FakePortalTLS?) throws {
        self.state = state
        self.tls = try tls.map { tls in
            TLSConfiguration.makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(tls.certificatePath).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: tls.keyPath, format: .pem)))
        }
    }

    /// Binds 127.0.0.1:`port` (0 = any free port) and returns the bound port.
    func start(port requested: Int) async throws -> Int {
        let (ports, continuation) = AsyncThrowingStream.makeStream(of: Int.self)
        var logger = Logger(label: "leadbox.fake-portal")
        logger.logLevel = .critical
        let app = Application(
            responder: PortalResponder(state: state, server: self),
            server: try tls.map { try .tls(.http1(configuration: .init(additionalChannelHandlers: [CloseOnMarkerHandler()])), tlsConfiguration: $0) }
                ?? .http1(configuration: .init(additionalChannelHandlers: [CloseOnMarkerHandler()])),
            configuration: .init(address: .hostname("127.0.0.1", port: requested), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? requested)
            },
            logger: logger
        )
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        // Detached: a task started from a request handler would inherit the old server's
        // graceful-shutdown task-local and stop again at once.
        let task = Task.detached {
            do {
                try await group.run()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
                throw error
            }
        }
        running = (group, task)
        for try await bound in ports {
            port = bound
            return bound
        }
        throw FakePortalError.serverDidNotStart
    }

    /// Graceful shutdown: the port closes at once, in-flight answers are finished (within
    /// `shutdownGrace`).
    func stop() async {
        stopped = true
        outageEnd?.cancel()
        outageEnd = nil
        reservation?.release()
        reservation = nil
        await shutDownServer()
    }

    /// How long a stop waits for answers in flight. A graceful shutdown also waits for every
    /// connection a client keeps open (and for a held-back `slow` answer): without a bound, a
    /// SIGTERM took seconds, and a test runner that gave up left the stand-in running.
    static let shutdownGrace: Duration = .milliseconds(500)

    private func shutDownServer() async {
        guard let current = running else { return }
        running = nil
        await current.group.triggerGracefulShutdown()
        let deadline = Task {
            try await Task.sleep(for: Self.shutdownGrace)
            current.task.cancel()
        }
        _ = try? await current.task.value
        deadline.cancel()
    }

    /// Closes the port for `duration` (extending a running outage), then reopens it.
    func beginOutage(for duration: Duration) async {
        outageGeneration += 1
        let generation = outageGeneration
        outageEnd?.cancel()
        await shutDownServer()
        if reservation == nil, port != 0, !stopped { reservation = PortReservation(port: port) }
        outageEnd = Task.detached {
            try? await Task.sleep(for: duration)
            guard !Task.isCancelled else { return }
            try? await self.finishOutage(generation: generation)
        }
    }

    /// Starts an outage from inside a request handler without waiting for the shutdown, which
    /// itself waits for that handler to finish.
    nonisolated func triggerOutage(for duration: Duration) {
        Task.detached { await self.beginOutage(for: duration) }
    }

    func endOutage() async throws {
        outageEnd?.cancel()
        outageEnd = nil
        try await finishOutage(generation: outageGeneration)
    }

    private func finishOutage(generation: Int) async throws {
        guard !stopped, generation == outageGeneration, running == nil, port != 0 else { return }
        reservation?.release()
        reservation = nil
        _ = try await start(port: port)
    }
}

/// Errors starting the fake portal.
public enum FakePortalError: Error, Equatable {
    case serverDidNotStart
    case unreadableStore(path: String)
}

extension FakePortal {
    /// Serves until SIGTERM or SIGINT, then stops gracefully (the port closes at once, in-flight
    /// answers are finished): the same swift-service-lifecycle `ServiceGroup` shutdown as every
    /// leadbox long-lived command. (FakePortal shares no code with the client side, so it has
    /// its own small runner instead of leadbox's `CommandRunner`.)
    public func serveUntilTerminated() async throws {
        var logger = Logger(label: "leadbox.fake-portal")
        logger.logLevel = .critical
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: PortalLifetime(portal: self))],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
    }
}

/// The running portal as a `Service`: waits for the graceful shutdown, then stops the server.
private struct PortalLifetime: Service {
    let portal: FakePortal

    func run() async throws {
        try? await gracefulShutdown()
        await portal.stop()
    }
}
