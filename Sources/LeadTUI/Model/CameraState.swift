import LeadCore

/// The camera while it is on (F6): the status line asks for the badge, Esc stops it, F7 takes
/// a card photo. Its frames are read on the camera's own thread (`CameraReader`); what it finds
/// comes back here as values, so the reducer stays pure.
public struct CameraState: Sendable, Hashable {
    /// The device streaming; nil while it opens.
    public var device: String?

    public init(device: String? = nil) {
        self.device = device
    }

    /// What the status line says while the camera is on.
    static func prompt(ascii: Bool) -> String {
        "hold the badge to the camera \(ascii ? "-" : "—") Esc stops"
    }
}

extension AppState {
    /// F6: the camera opens on its own thread; the keyboard stays live meanwhile.
    mutating func openCamera() -> [Command] {
        guard camera == nil else {
            banner = Banner(.info, "The camera is already on; hold the badge to it, or press Esc to stop it.")
            return []
        }
        // A badge or a card makes a new lead: an edit saves fields only, so a card's photo would be lost.
        guard form.editing == nil else {
            banner = Banner(.info, "The camera fills a new lead; save or cancel (Esc) the edit first, then press F6.")
            return []
        }
        camera = CameraState()
        screen = .form
        banner = nil
        return [.openCamera]
    }

    /// Esc while the camera is on: it stops, and the form stays as it was.
    mutating func stopCamera() -> [Command] {
        camera = nil
        banner = Banner(.info, "Camera stopped; the form was not changed.")
        return [.stopCamera]
    }

    /// F7: a still of the camera's frame for the card reader.
    mutating func takeCardPhoto() -> [Command] {
        guard camera != nil else {
            banner = Banner(.info, "F7 takes a card photo while the camera is on; press F6 to open it first.")
            return []
        }
        return [.takeCardPhoto]
    }

    /// The camera is streaming from `device`.
    public mutating func cameraWatching(device: String) {
        camera?.device = device
    }

    /// The first code the camera read: it fills the form exactly as a keyboard-wedge scan of the
    /// same text does (same banner, raw text, duplicate check), and the camera stops.
    public mutating func cameraRead(_ text: String) -> [Command] {
        guard camera != nil else { return [] }  // stopped meanwhile: Esc won
        camera = nil
        screen = .form
        form.scan = nil
        return [.stopCamera] + fillFromScan(text)
    }

    /// The camera could not start or stopped working: one sentence, the form untouched.
    public mutating func cameraFailed(_ sentence: String) {
        camera = nil
        banner = Banner(.error, sentence)
    }

    /// A recording of frames played to its end without a code.
    public mutating func cameraEnded() {
        guard camera != nil else { return }
        camera = nil
        banner = Banner(.warning, "The recorded frames ended without a code; the form was not changed.")
    }

    /// The still asked for came and went to the card reader; the camera stops.
    public mutating func cameraStillTaken(width: Int, height: Int) {
        camera = nil
        banner = Banner(.info, "Reading the card photo (\(width) × \(height))… the keyboard stays live.")
    }
}
