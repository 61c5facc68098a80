import BadgeImage
import Foundation
import Testing

@testable import Camera

/// The camera's whole path after the source — grey, zbar, de-duplication, the mailbox — fed by
/// recorded frames, and the V4L2 shell's refusals of what is not a camera.
struct CameraReaderTests {
    /// The reader's events until it ends or fails (bounded: a hang fails the test, never blocks it).
    func events(of reader: CameraReader, within seconds: Double = 30) -> [CameraReader.Event] {
        var events: [CameraReader.Event] = []
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            events += reader.take()
            if reader.isFinished {
                events += reader.take()
                break
            }
            RecordedFrames.sleep(.milliseconds(5))
        }
        reader.stop()
        return events
    }

    @Test(.enabled(if: RecordedBadge.toolsPresent, "needs qrencode and imagemagick"), arguments: [false, true])
    func aRecordedBadgeIsReadOnceAmongEmptyAndBlurredFrames(mjpeg: Bool) throws {
        let folder = RecordedBadge.folder(mjpeg ? "mjpeg" : "yuyv")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try RecordedBadge.record(
            [
                .empty, .empty, .code(RecordedBadge.vcard, blur: 9), .code(RecordedBadge.vcard), .code(RecordedBadge.vcard),
                .code(RecordedBadge.vcard, blur: 1), .code(RecordedBadge.vcard),
            ],
            into: folder, mjpeg: mjpeg)
        let events = events(of: CameraReader.start(CameraSetup(recording: folder)))
        let reads = events.compactMap { if case .read(let code) = $0 { code } else { nil } }
        #expect(reads == [BadgeCode(format: "QR_CODE", text: RecordedBadge.vcard)], "\(events)")
        #expect(events.first == .watching(device: "recording \(folder)"))
        #expect(events.last == .ended)
    }

    @Test(.enabled(if: RecordedBadge.toolsPresent, "needs qrencode and imagemagick"))
    func aStillIsTheCurrentFrameAtFullSize() throws {
        let folder = RecordedBadge.folder("still")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try RecordedBadge.record([.empty, .empty, .empty], into: folder, mjpeg: true)
        let reader = CameraReader.start(CameraSetup(recording: folder))
        reader.takeStill()
        let stills = events(of: reader).compactMap { if case .still(let still) = $0 { still } else { nil } }
        let still = try #require(stills.first)
        #expect(still.grey.width == 1280 && still.grey.height == 720)
    }

    @Test func aRecordingThatIsNoFolderIsOneSentence() {
        let events = events(of: CameraReader.start(CameraSetup(recording: "/nonexistent/frames")))
        #expect(events == [.failed(.recording(path: "/nonexistent/frames", reason: "it is not a folder that can be read"))])
    }

    @Test func aFileOfAnotherKindInTheRecordingIsNamed() throws {
        let folder = RecordedBadge.folder("stray")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/notes.txt"))
        #expect(throws: CameraError.recording(path: folder, reason: "notes.txt is neither NAME-WIDTHxHEIGHT.yuyv nor NAME.jpg")) {
            try RecordedFrames(folder: folder).start()
        }
    }

    @Test func recordedFramesComeAtTheirPaceAndLateOnesAreDropped() throws {
        let folder = RecordedBadge.folder("pace")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for index in 0..<10 {
            try Data(RecordedBadge.yuyv([UInt8](repeating: UInt8(index), count: 4 * 2))).write(
                to: URL(fileURLWithPath: folder + "/\(index)-4x2.yuyv"))
        }
        try Data("50\n".utf8).write(to: URL(fileURLWithPath: folder + "/fps"))  // one frame every 20 ms
        let source = RecordedFrames(folder: folder)
        let clock = ContinuousClock()
        try source.start()
        let began = clock.now
        var luma: [UInt8] = []
        for _ in 0..<3 {
            guard case .frame(let frame) = try source.nextFrame(timeout: .seconds(1)) else {
                Issue.record("no frame")
                return
            }
            luma.append(frame.bytes[0])
        }
        #expect(luma == [0, 1, 2])
        #expect(clock.now - began >= .milliseconds(40))  // frame 2 is due 40 ms after the start
        RecordedFrames.sleep(.milliseconds(100))  // a slow reader: frames 3…6 or so fall due meanwhile
        guard case .frame(let late) = try source.nextFrame(timeout: .seconds(1)) else {
            Issue.record("no frame")
            return
        }
        #expect(late.bytes[0] >= 6, "the newest frame due, not the oldest waiting")
        var rest = 0
        while case .frame = try source.nextFrame(timeout: .seconds(1)) { rest += 1 }
        #expect(rest <= 3)
        if case .ended = try source.nextFrame(timeout: .seconds(1)) {} else { Issue.record("the recording did not end") }
    }

    @Test func recordedNamesGiveTheFrameSize() {
        #expect(RecordedFrames.size(inName: "0007-1280x720.yuyv")! == (1280, 720))
        #expect(RecordedFrames.size(inName: "frame.yuyv") == nil)
        #expect(RecordedFrames.size(inName: "a-0x720.yuyv") == nil)
        #expect(RecordedFrames.size(inName: "a-99999x720.yuyv") == nil)
    }

    // MARK: - V4L2 refusals, each one sentence

    @Test func anOrdinaryFileIsNoCamera() throws {
        let path = RecordedBadge.folder("file") + "/video0"
        try Data("not a device".utf8).write(to: URL(fileURLWithPath: path))
        let events = events(of: CameraReader.start(CameraSetup(device: path)))
        #expect(events == [.failed(.notACamera(device: path, reason: "it is an ordinary file"))])
        #expect(
            CameraError.notACamera(device: path, reason: "it is an ordinary file").description.hasSuffix("`leadbox config set camera /dev/videoN`."))
    }

    @Test func aCharacterDeviceThatIsNoVideoDeviceIsNoCamera() {
        #expect(throws: CameraError.notACamera(device: "/dev/null", reason: "it is no Video4Linux device")) {
            try V4L2Camera(device: "/dev/null").start()
        }
    }

    @Test func aMissingPathOrAFolderIsNoCamera() {
        #expect(throws: CameraError.notACamera(device: "/dev/video-absent", reason: "there is no such file")) {
            try V4L2Camera(device: "/dev/video-absent").start()
        }
        #expect(throws: CameraError.notACamera(device: "/tmp", reason: "it is a folder")) { try V4L2Camera(device: "/tmp").start() }
    }

    @Test func theSentencesSayWhatToDo() {
        #expect(CameraError.permissionDenied(device: "/dev/video0").description.contains("video group"))
        #expect(CameraError.busy(device: "/dev/video0").description.contains("in use by another program"))
        #expect(
            CameraError.library(.missingLibrary(library: "libzbar.so.0", package: "libzbar0", purpose: "Reading badge codes from pictures"))
                .description
                .contains("sudo apt-get install libzbar0"))
    }
}
