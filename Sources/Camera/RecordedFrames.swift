import Foundation

/// Frames played from a folder instead of a camera: the test knob `LEADBOX_CAMERA_FRAMES`, so
/// the UI's camera path runs end to end on a machine without one.
///
/// The folder holds one file per frame, played in the order of their names:
/// * `NAME-WIDTHxHEIGHT.yuyv`: raw YUYV 4:2:2 as a camera sends it, `WIDTH × HEIGHT × 2` bytes,
///   rows unpadded;
/// * `NAME.jpg`: an MJPEG frame (a JPEG).
///
/// and optionally `fps`, the pace as a number (30 when absent). Frame `i` is due `i / fps`
/// seconds after `start`, on the monotonic clock; a frame asked for late is the newest one due,
/// and those before it are dropped, as a camera drops frames its reader did not take.
public final class RecordedFrames: FrameSource {
    public let folder: String
    public var name: String { "recording \(folder)" }
    private var files: [(path: String, format: Frame.Format, width: Int, height: Int)] = []
    private var interval = Duration.seconds(1) / 30
    private var startedAt = ContinuousClock.now
    private var next = 0
    private let clock = ContinuousClock()

    public init(folder: String) {
        self.folder = folder
    }

    public func start() throws(CameraError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw .recording(path: folder, reason: "it is not a folder that can be read")
        }
        for name in names where !name.hasPrefix(".") {
            let path = folder + "/" + name
            if name == "fps" {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8),
                    let fps = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), fps > 0, fps <= 1000
                else { throw .recording(path: folder, reason: "fps must hold a number of frames per second, such as 30") }
                interval = .seconds(1 / fps)
            } else if name.hasSuffix(".jpg") {
                files.append((path, .mjpeg, 0, 0))
            } else if name.hasSuffix(".yuyv"), let size = RecordedFrames.size(inName: name) {
                files.append((path, .yuyv, size.width, size.height))
            } else {
                throw .recording(path: folder, reason: "\(name) is neither NAME-WIDTHxHEIGHT.yuyv nor NAME.jpg")
            }
        }
        guard !files.isEmpty else { throw .recording(path: folder, reason: "it holds no frames") }
        startedAt = clock.now
        next = 0
    }

    /// `WIDTH x HEIGHT` from a name such as `0007-1280x720.yuyv`.
    static func size(inName name: String) -> (width: Int, height: Int)? {
        let stem = name.dropLast(".yuyv".count)
        guard let dash = stem.lastIndex(of: "-") else { return nil }
        let parts = stem[stem.index(after: dash)...].split(separator: "x")
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), width > 0, height > 0, width <= 16384, height <= 16384 else {
            return nil
        }
        return (width, height)
    }

    public func nextFrame(timeout: Duration) throws(CameraError) -> FrameArrival {
        guard next < files.count else { return .ended }
        let now = clock.now
        let dueIndex = Int((now - startedAt) / interval)
        if dueIndex < next {
            let due = startedAt + interval * next
            guard due - now <= timeout else {
                RecordedFrames.sleep(timeout)
                return .none
            }
            RecordedFrames.sleep(due - now)
        }
        let index = min(max(next, Int((clock.now - startedAt) / interval)), files.count - 1)
        next = index + 1
        let file = files[index]
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw .recording(path: folder, reason: "\(file.path) cannot be read")
        }
        return .frame(Frame(format: file.format, width: file.width, height: file.height, bytes: Array(data)))
    }

    public func stop() {}

    /// Blocks the camera's thread (never the UI's) for `duration`; nanosleep measures it on the
    /// monotonic clock.
    static func sleep(_ duration: Duration) {
        guard duration > .zero else { return }
        var request = timespec(tv_sec: Int(duration.components.seconds), tv_nsec: Int(duration.components.attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
    }
}
