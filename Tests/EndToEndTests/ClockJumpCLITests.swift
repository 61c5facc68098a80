import Foundation
import Testing

/// The daemon as a real process whose wall clock libfaketime moves (as NTP does when a laptop
/// reconnects), while its steady clock runs on: sending goes on within seconds of each jump,
/// and a lead whose answer was lost is sent again only once the portal really can no longer be
/// creating it.
@Suite(.serialized) struct ClockJumpCLITests {
    let cli = CLIHarness()
    static let libfaketime = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"
    /// Long enough that an early resend stands out from the observation's own lag.
    static let settle = 8.0

    /// libfaketime moves absolute timers on every clock by its offset, the monotonic ones too
    /// (which a real clock step never touches): moved back two hours, every timer of the
    /// process would fire two hours late, whatever the program does. Preloaded before it, this
    /// passes `timerfd_settime` (libdispatch's and NIO's timers) straight to libc.
    static let timerShim = """
        #define _GNU_SOURCE
        #include <dlfcn.h>
        #include <sys/timerfd.h>
        typedef int (*settime)(int, int, const struct itimerspec *, struct itimerspec *);
        int timerfd_settime(int fd, int flags, const struct itimerspec *new_value, struct itimerspec *old_value) {
            static settime real;
            if (!real) real = (settime)dlsym(dlopen("libc.so.6", RTLD_LAZY | RTLD_NOLOAD), "timerfd_settime");
            return real(fd, flags, new_value, old_value);
        }
        """

    func buildTimerShim() throws -> String {
        let source = cli.folder + "/timer-shim.c"
        let library = cli.folder + "/timer-shim.so"
        try Self.timerShim.write(toFile: source, atomically: true, encoding: .utf8)
        let cc = Process()
        cc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        cc.arguments = ["cc", "-shared", "-fPIC", "-o", library, source, "-ldl"]
        try cc.run()
        cc.waitUntilExit()
        guard cc.terminationStatus == 0 else { throw HarnessError("cc could not build the timer shim") }
        return library
    }

    /// `leadbox daemon` under libfaketime, its offset read from `offsetFile` at every clock
    /// reading. Started through /usr/bin/env: preloaded straight into the Swift binary,
    /// libfaketime loses the runtime's argv.
    func fakeTimeDaemon(offsetFile: String) throws -> (Process, ReadAll) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [CLIHarness.leadbox, "daemon"]
        var environment = cli.environment
        environment["LD_PRELOAD"] = try buildTimerShim() + " " + Self.libfaketime
        environment["FAKETIME_TIMESTAMP_FILE"] = offsetFile
        environment["FAKETIME_NO_CACHE"] = "1"
        // A clock step moves the wall clock only, as on a real machine.
        environment["FAKETIME_DONT_FAKE_MONOTONIC"] = "1"
        environment["LEADBOX_SETTLE_SECONDS"] = String(Self.settle)
        process.environment = environment
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, ReadAll(err.fileHandleForReading))
    }

    func count(_ state: String) throws -> Int {
        Int(try cli.sqlite("SELECT count(*) FROM lead WHERE state = '\(state)'")) ?? -1
    }

    func add(_ names: [String]) throws {
        for name in names { #expect(try cli.run(["add", "--name", name]).status == 0) }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: libfaketime)))
    func theDaemonDeliversThroughClockJumpsExactlyOnce() throws {
        let portal = try PortalProcess(["--rate", "0", "--fault", "drop=0.4", "--seed", "5"])
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        let offset = cli.folder + "/faketime"
        try "+0".write(toFile: offset, atomically: true, encoding: .utf8)
        let (daemon, log) = try fakeTimeDaemon(offsetFile: offset)
        defer {
            if daemon.isRunning {
                kill(daemon.processIdentifier, SIGKILL)
                daemon.waitUntilExit()
            }
        }

        // Through lost answers (the portal creates the leads, then drops the connection).
        try add((1...8).map { "До скачка \($0)" })
        #expect(try eventually(30) { try count("synced") == 8 }, "\(log.current())")

        // NTP moves the clock back two hours: the next leads still go within seconds.
        try "-7200".write(toFile: offset, atomically: true, encoding: .utf8)
        try add((1...8).map { "После скачка назад \($0)" })
        let back = Date()
        #expect(try eventually(30) { try count("synced") == 16 }, "\(log.current())")
        #expect(Date().timeIntervalSince(back) < 20)
        // The daemon did see the jump: it dated those deliveries two hours back.
        let lastSynced = Double(try cli.sqlite("SELECT max(synced_at) FROM lead WHERE id > 8")) ?? 0
        #expect(lastSynced < Date().timeIntervalSince1970 - 7000)

        // A send whose connection is reset before the portal runs it goes in doubt; the clock
        // then moves forward a day. The lookup finds nothing, and the lead must wait the
        // settle time as the steady clock measures it, not a day's worth of wall clock.
        _ = try portal.control("config", body: #"{"faults": {"reset": 1.0}}"#)
        try add(["Потерянный ответ"])
        #expect(try eventually(20) { try count("in_doubt") == 1 }, "\(log.current())")
        let inDoubtSeen = Date()
        try "+86400".write(toFile: offset, atomically: true, encoding: .utf8)
        _ = try portal.control("config", body: #"{"faults": {}}"#)
        #expect(try eventually(Self.settle + 20) { try count("in_doubt") == 0 }, "\(log.current())")
        let heldFor = Date().timeIntervalSince(inDoubtSeen)
        #expect(heldFor >= Self.settle - 1.5, "resent after \(heldFor) s, before the portal could have finished")
        #expect(try eventually(20) { try count("synced") == 17 }, "\(log.current())")

        // New leads after the jump forward go at once too.
        try add((1...4).map { "После скачка вперёд \($0)" })
        let forward = Date()
        #expect(try eventually(30) { try count("synced") == 21 }, "\(log.current())")
        #expect(Date().timeIntervalSince(forward) < 20)

        // Every lead exactly once.
        let stats = try portal.control("stats") as? [String: Any]
        #expect(stats?["leads"] as? Int == 21)
        let duplicates = stats?["duplicates_by_origin_id"] as? [String: Any]
        #expect(duplicates?["extra_copies"] as? Int == 0, "\(String(describing: stats))")
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        #expect(daemon.terminationStatus == 0)
    }
}
