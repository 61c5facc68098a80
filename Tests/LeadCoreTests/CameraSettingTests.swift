import LeadCore
import Testing

/// `camera = "/dev/videoN"`: set, written and read back, refused when it is no path.
struct CameraSettingTests {
    @Test func theCameraDeviceRoundTripsThroughTOML() throws {
        var settings = Settings()
        try settings.set("camera", "/dev/video2")
        #expect(settings.toml.contains("camera = \"/dev/video2\""))
        #expect(try Settings(toml: settings.toml).camera == "/dev/video2")
        try settings.set("camera", "")
        #expect(settings.camera == nil)
        #expect(!settings.toml.contains("camera"))
    }

    @Test func aCameraThatIsNoPathIsRefusedInOneSentence() {
        var settings = Settings()
        #expect(throws: ConfigError("camera must be a device path such as /dev/video0, or empty to take the first camera found.")) {
            try settings.set("camera", "video0")
        }
        #expect(Settings.keys.contains("camera"))
    }
}
