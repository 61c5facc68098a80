import BadgeImage
import CV4L2
import Foundation
import Synchronization

/// The camera at work on its own thread: frames from a source, each turned grey and scanned by
/// zbar, a new code handed to the UI through a mailbox it empties between keys. The UI's thread
/// never decodes and never waits on the camera; frames that come while one is being scanned are
/// dropped by the source, not queued.
public final class CameraReader: Sendable {
    /// What the camera tells the UI.
    public enum Event: Sendable, Equatable {
        /// The device is open and streaming.
        case watching(device: String)
        /// A code, the first time it is seen (see `CodeDeduplicator`).
        case read(BadgeCode)
        /// The still asked for with `takeStill`.
        case still(CameraStill)
        /// The camera could not start or stopped working; the reader has ended.
        case failed(CameraError)
        /// A recording played to its end without the reader being stopped.
        case ended
    }

    private struct Shared {
        var events: [Event] = []
        var stopRequested = false
        var stillRequested = false
        var finished = false
    }

    private let shared = Mutex(Shared())
    private let done = DispatchSemaphore(value: 0)
    private let trace: TraceFile?

    /// How long the source is waited on before the stop flag is looked at again: Esc stops the
    /// camera within this.
    static let pollTimeout = Duration.milliseconds(100)
    /// Frames this tall or taller are scanned at half size (1280 × 720 → 640 × 360, each pixel the
    /// mean of a 2 × 2 block): the mean halves the sensor noise zbar's binariser suffers from, and
    /// zbar took 55–100 ms on a noisy 1280 × 720 frame against the 50 ms a frame may take
    /// (BENCHMARKS.md, "Issue 20: the camera"). A badge held to the camera fills a good part of the
    /// frame; its code's modules stay two pixels or more at half size.
    static let halveFrom = 720
    /// The camera's thread yields the processor to the UI's (nice 10 for this thread alone): on a
    /// two-core laptop decoding must never make a key wait.
    static let niceness: Int32 = 10

    private init(trace: String?) {
        self.trace = trace.map(TraceFile.init)
    }

    /// Starts a reader on a new thread. When `previous` (a reader being stopped) still holds the
    /// device, the new thread waits for it to let go first, so F6 right after Esc is not "busy".
    public static func start(_ setup: CameraSetup, after previous: CameraReader? = nil) -> CameraReader {
        let reader = CameraReader(trace: setup.trace)
        let thread = Thread {
            setpriority(__priority_which_t(PRIO_PROCESS.rawValue), id_t(cv4l2_thread_id()), CameraReader.niceness)
            previous?.waitUntilFinished()
            reader.run(setup.makeSource())
        }
        thread.name = "leadbox-camera"
        thread.start()
        return reader
    }

    /// Asks the reader to stop; it gives the device back within `pollTimeout` and a frame's scan.
    public func stop() {
        shared.withLock { $0.stopRequested = true }
    }

    /// Asks for the next frame as a still (`Event.still`).
    public func takeStill() {
        shared.withLock { $0.stillRequested = true }
    }

    /// The events since the last call, oldest first.
    public func take() -> [Event] {
        shared.withLock {
            let events = $0.events
            $0.events = []
            return events
        }
    }

    public var isFinished: Bool { shared.withLock { $0.finished } }

    /// Blocks until the reader's thread has given the device back.
    public func waitUntilFinished() {
        done.wait()
        done.signal()  // later waiters pass too
    }

    /// Notes in the trace file that `event` happened now, on the clock the reader's own lines use
    /// (the UI notes when the form was filled).
    public func noteNow(_ event: String) {
        trace?.write("\(event) \(TraceFile.monotonicNanoseconds())")
    }

    private func post(_ event: Event) {
        shared.withLock { $0.events.append(event) }
    }

    private var stopRequested: Bool { shared.withLock { $0.stopRequested } }

    private func run(_ source: any FrameSource) {
        defer {
            source.stop()
            shared.withLock { $0.finished = true }
            done.signal()
        }
        do throws(CameraError) {
            let scanner: GreyScanner
            do { scanner = try GreyScanner() } catch { throw CameraError.library(error) }
            guard !stopRequested else { return }
            try source.start()
            trace?.write("start \(TraceFile.monotonicNanoseconds())")
            post(.watching(device: source.name))
            var deduplicator = CodeDeduplicator()
            var index = 0
            while !stopRequested {
                switch try source.nextFrame(timeout: CameraReader.pollTimeout) {
                case .none: continue
                case .ended:
                    post(.ended)
                    return
                case .frame(let frame):
                    index += 1
                    let clock = ContinuousClock()
                    let began = clock.now
                    let grey: GreyImage
                    do {
                        grey = try frame.grey()
                    } catch .library(let missing) {
                        throw CameraError.library(missing)
                    } catch {
                        trace?.write("frame \(index) damaged")
                        continue  // a damaged frame: the next comes in a moment
                    }
                    let scanned = grey.height >= CameraReader.halveFrom ? grey.halved() : grey
                    let converted = clock.now
                    let code = scanner.scan(scanned).badgeCode
                    let decoded = clock.now
                    trace?.write(
                        "frame \(index) grey_ms \(TraceFile.milliseconds(converted - began)) zbar_ms \(TraceFile.milliseconds(decoded - converted)) found \(code != nil)"
                    )
                    // Read and cleared at once: a request that comes between is not lost.
                    if shared.withLock({ state in
                        defer { state.stillRequested = false }
                        return state.stillRequested
                    }) {
                        post(.still(CameraStill(grey: grey)))
                    }
                    if let fresh = deduplicator.fresh(code) {
                        trace?.write("read \(TraceFile.monotonicNanoseconds())")
                        post(.read(fresh))
                    }
                }
            }
        } catch {
            post(.failed(error))
        }
    }
}

/// Timings appended to a file (`LEADBOX_CAMERA_TRACE`) for scripts/bench: nanoseconds on
/// CLOCK_MONOTONIC, which another process (the bench) can compare with its own.
final class TraceFile: Sendable {
    private let path: String
    private let lock = Mutex(())

    init(_ path: String) { self.path = path }

    func write(_ line: String) {
        lock.withLock { _ in
            guard
                let handle = FileHandle(forWritingAtPath: path)
                    ?? (FileManager.default.createFile(atPath: path, contents: nil) ? FileHandle(forWritingAtPath: path) : nil)
            else { return }
            defer { try? handle.close() }
            _ = try? handle.seekToEnd()
            try? handle.write(contentsOf: Data((line + "\n").utf8))
        }
    }

    static func monotonicNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.2f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }
}
