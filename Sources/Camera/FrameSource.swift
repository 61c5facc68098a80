/// Where frames come from: the camera (`V4L2Camera`) or a recording (`RecordedFrames`, the test
/// knob). Everything after the source (grey, zbar, de-duplication, the hand-off to the UI) is one
/// path, `CameraReader`, whichever source feeds it. A source is made, used and stopped on the
/// camera's own thread.
public protocol FrameSource: AnyObject {
    /// The device or recording, as sentences name it.
    var name: String { get }
    /// Opens the device and starts streaming.
    func start() throws(CameraError)
    /// The newest frame (older ones waiting are dropped, never queued), `.none` when none came
    /// within `timeout`, `.ended` when a recording has no more.
    func nextFrame(timeout: Duration) throws(CameraError) -> FrameArrival
    /// Stops streaming and gives the device back; safe to call more than once.
    func stop()
}

/// What a source answered when asked for a frame.
public enum FrameArrival: Sendable {
    case frame(Frame)
    case none
    case ended
}

/// Which source the camera key opens: the settings' `camera` device (or the first capture
/// device), or recorded frames when `LEADBOX_CAMERA_FRAMES` names a folder.
public struct CameraSetup: Sendable, Equatable {
    /// `camera = "/dev/videoN"` from the settings; nil looks for the first capture device.
    public var device: String?
    /// A folder of recorded frames (see `RecordedFrames`) played instead of a camera.
    public var recording: String?
    /// A file the camera appends its timings to (`LEADBOX_CAMERA_TRACE`, for scripts/bench).
    public var trace: String?

    public init(device: String? = nil, recording: String? = nil, trace: String? = nil) {
        self.device = device
        self.recording = recording
        self.trace = trace
    }

    /// The setup the settings and the environment give.
    public init(device: String?, environment: [String: String]) {
        self.init(
            device: device, recording: environment["LEADBOX_CAMERA_FRAMES"].flatMap { $0.isEmpty ? nil : $0 },
            trace: environment["LEADBOX_CAMERA_TRACE"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// A new source as set up (not started).
    public func makeSource() -> any FrameSource {
        if let recording { return RecordedFrames(folder: recording) }
        return V4L2Camera(device: device)
    }
}
