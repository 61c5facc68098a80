import BadgeImage

/// Why the camera could not be used, as one sentence that says what to do. The UI shows it in
/// the banner and leaves the form as it was.
public enum CameraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `/dev/video*` device that captures video.
    case noCamera
    /// The device exists but this user may not open it.
    case permissionDenied(device: String)
    /// Another program is using the camera.
    case busy(device: String)
    /// The path names something that is not a V4L2 capture device (`reason` says what it is).
    case notACamera(device: String, reason: String)
    /// The device cannot be opened for another reason (`reason` is the system's word).
    case cannotOpen(device: String, reason: String)
    /// The camera offers neither YUYV nor MJPEG frames.
    case noUsableFormat(device: String, formats: [String])
    /// A step of capture failed (`step` is the V4L2 request, `reason` the system's word).
    case failed(device: String, step: String, reason: String)
    /// zbar or libjpeg-turbo is missing: the sentence naming the `apt-get install`.
    case library(BadgeImageError)
    /// The recorded frames (the test knob `LEADBOX_CAMERA_FRAMES`) cannot be read.
    case recording(path: String, reason: String)

    public var description: String {
        switch self {
        case .noCamera:
            "No camera was found (no /dev/video* device captures video); plug one in, or name it with `leadbox config set camera /dev/videoN`."
        case .permissionDenied(let device):
            "The camera \(device) may not be opened by this user; add yourself to the video group (`sudo usermod -aG video $USER`), log in again, and press F6."
        case .busy(let device):
            "The camera \(device) is in use by another program; close that program and press F6 again."
        case .notACamera(let device, let reason):
            "\(device) is not a camera (\(reason)); set the camera with `leadbox config set camera /dev/videoN`."
        case .cannotOpen(let device, let reason):
            "The camera \(device) cannot be opened (\(reason)); check it is plugged in and press F6 again."
        case .noUsableFormat(let device, let formats):
            "The camera \(device) offers no YUYV or MJPEG pictures (only \(formats.isEmpty ? "none" : formats.joined(separator: ", "))); use another camera."
        case .failed(let device, let step, let reason):
            "The camera \(device) stopped working (\(step): \(reason)); plug it in again and press F6."
        case .library(let error):
            error.description
        case .recording(let path, let reason):
            "The recorded camera frames \(path) cannot be read (\(reason)); fix LEADBOX_CAMERA_FRAMES."
        }
    }
}
