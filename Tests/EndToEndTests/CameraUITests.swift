import Foundation
import TestSupport
import Testing

/// The camera key in the real UI, driven in a private tmux server: recorded frames (a badge's QR
/// code rendered by Debian's qrencode and ImageMagick into 1280 × 720 YUYV and MJPEG frames:
/// empty frames, a blurred one, then the code) played through `LEADBOX_CAMERA_FRAMES` into the
/// very path a webcam's frames take; and a camera path that is no device.
@Suite(
    .enabled(if: CameraFrames.present, "needs tmux, sqlite3, /usr/bin/qrencode and /usr/bin/convert (scripts/test installs them)"),
    .serialized)
struct CameraUITests {
    let cli = CLIHarness()

    static let vcard =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Титов;Глеб;;;\r\nFN:Глеб Титов\r\nORG:ИП Титов\r\nTEL;TYPE=CELL:+7 999 123-45-67\r\nEMAIL:gleb@example.com\r\nEND:VCARD"

    @Test(arguments: [false, true])
    func aBadgeHeldToTheCameraFillsTheFormAndIsSavedWithItsRawText(mjpeg: Bool) throws {
        let frames = cli.folder + "/frames"
        // 10 frames a second: 0.8 s of an empty card, a blurred code, then the code.
        try CameraFrames.record(
            Array(repeating: .empty, count: 8) + [.code(Self.vcard, blur: 9)] + Array(repeating: .code(Self.vcard, blur: 0), count: 6), fps: 10,
            into: frames, mjpeg: mjpeg)
        let ui = try TmuxUI(cli: cli, extraEnvironment: ["LEADBOX_CAMERA_FRAMES": frames])
        defer { ui.close() }
        try ui.waitFor("leadbox — New lead")
        try ui.waitFor("F6 camera")
        ui.keys("F6")
        try ui.waitFor("hold the badge to the camera — Esc stops")
        try ui.waitFor("Esc stop camera")
        try ui.waitFor("Filled from the scanned card")
        let screen = ui.screen()
        #expect(screen.contains("Глеб") && screen.contains("Титов") && screen.contains("gleb@example.com"), "\(screen)")
        #expect(!screen.contains("hold the badge to the camera"), "the camera stopped after the first read")
        ui.keys("C-s")
        try ui.waitFor("Saved lead #1")
        try ui.quit()
        let stored = try cli.sqlite(
            "SELECT json_extract(fields, '$.NAME') || '|' || json_extract(fields, '$.LAST_NAME') || '|' || json_extract(fields, '$.COMPANY_TITLE') || '|' || json_extract(fields, '$.EMAIL[0].VALUE') || '|' || json_extract(fields, '$.PHONE[0].VALUE') || '|' || json_extract(fields, '$.PHONE[0].VALUE_TYPE') FROM lead"
        )
        #expect(stored == "Глеб|Титов|ИП Титов|gleb@example.com|+7 999 123-45-67|MOBILE")
        #expect(
            try cli.sqlite("SELECT raw_scan = CAST(x'\(Data(Self.vcard.utf8).map { String(format: "%02x", $0) }.joined())' AS TEXT) FROM lead") == "1"
        )
    }

    @Test func aCameraPathThatIsNoDeviceIsOneSentenceAndTheFormIsUntouched() throws {
        let notADevice = cli.folder + "/video0"
        try Data("not a camera".utf8).write(to: URL(fileURLWithPath: notADevice))
        try "camera = \"\(notADevice)\"\n".write(toFile: cli.config, atomically: true, encoding: .utf8)
        let ui = try TmuxUI(cli: cli)
        defer { ui.close() }
        try ui.waitFor("leadbox — New lead")
        ui.type("Анна")
        try ui.waitFor("Анна")
        ui.keys("F6")
        try ui.waitFor("video0 is not a camera (it is an ordinary f")  // the banner is one line: a long path cuts the rest
        #expect(!ui.screen().contains("hold the badge"))
        ui.keys("C-s")
        try ui.waitFor("Saved lead #1")
        try ui.quit()
        #expect(try cli.sqlite("SELECT json_extract(fields, '$.TITLE') || '|' || coalesce(raw_scan, 'none') FROM lead") == "Анна|none")
    }

    @Test func escStopsTheCameraAndLeavesTheForm() throws {
        let frames = cli.folder + "/frames"
        try CameraFrames.record(Array(repeating: .empty, count: 3), fps: 1, into: frames, mjpeg: false)  // 3 s of nothing
        let ui = try TmuxUI(cli: cli, extraEnvironment: ["LEADBOX_CAMERA_FRAMES": frames])
        defer { ui.close() }
        try ui.waitFor("leadbox — New lead")
        ui.type("Вера")
        ui.keys("F6")
        try ui.waitFor("hold the badge to the camera")
        ui.type("!")  // the keyboard stays live while the camera runs
        try ui.waitFor("Вера!")
        ui.keys("Escape")
        try ui.waitFor("Camera stopped; the form was not changed.")
        #expect(ui.screen().contains("Вера!"))
        try ui.quit()
    }
}

/// The real UI in a detached tmux pane of a private server, 100 × 30.
final class TmuxUI {
    let socket = "leadbox-camera-e2e-\(getpid())-\(UUID().uuidString.prefix(6))"
    let session = "camera"

    init(cli: CLIHarness, extraEnvironment: [String: String] = [:]) throws {
        var env = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": cli.folder, "LANG": "C.UTF-8",
            "TERM": "tmux-256color", "LEADBOX_CONFIG": cli.config, "XDG_CONFIG_HOME": cli.folder + "/xdg-config",
            "XDG_DATA_HOME": cli.folder + "/data",
        ]
        env.merge(extraEnvironment) { $1 }
        let assignments = env.sorted { $0.key < $1.key }.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let command = "env -i \(assignments) '\(CLIHarness.leadbox)' --no-sync --db '\(cli.database)'; echo EXIT=$?; sleep 30"
        try tmux(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", command])
    }

    /// Runs a tmux command through posix_spawn and waitpid, its output through a file. The child
    /// gets an empty signal mask, default signal actions and none of the test runner's other
    /// descriptors: a client that starts the server hands the server all of these, and with the
    /// runner's blocked SIGTERM and SIGCHLD the server neither reaps its pane nor obeys kill-server.
    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        let output = NSTemporaryDirectory() + "leadbox-tmux-\(UUID().uuidString)"
        defer { unlink(output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let inherited = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
        for fd in inherited where fd > 2 { posix_spawn_file_actions_addclose(&actions, fd) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigfillset(&signals)
        sigdelset(&signals, SIGKILL)
        sigdelset(&signals, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &signals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = (["tmux", "-L", socket] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ) == 0 else { throw HarnessError("tmux could not be started") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        return (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    }

    func screen() -> String { (try? tmux(["capture-pane", "-p", "-t", session])) ?? "" }

    func keys(_ names: String...) { _ = try? tmux(["send-keys", "-t", session] + names) }

    func type(_ text: String) { _ = try? tmux(["send-keys", "-t", session, "-l", "--", text]) }

    /// Waits until the pane shows `text` (bounded; the screen is in the failure).
    func waitFor(_ text: String, seconds: Double = 15) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if screen().contains(text) { return }
            usleep(50_000)
        }
        throw HarnessError("timed out waiting for \"\(text)\"; the screen:\n\(screen())")
    }

    /// Ctrl-Q, answering the quit guard (leads wait, no daemon) with y; waits for the exit.
    func quit() throws {
        keys("C-q")
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let shown = screen()
            if shown.contains("EXIT=0") { return }
            if shown.contains("y  quit anyway") { keys("y") }
            usleep(50_000)
        }
        throw HarnessError("leadbox did not quit; the screen:\n\(screen())")
    }

    func close() { _ = try? tmux(["kill-server"]) }
}

/// Recorded camera frames (`LEADBOX_CAMERA_FRAMES`) made with qrencode and ImageMagick.
enum CameraFrames {
    static let width = 1280, height = 720

    static var present: Bool {
        PhotoTools.present && ["/usr/bin/tmux", "/usr/bin/sqlite3"].allSatisfy(FileManager.default.isExecutableFile(atPath:))
    }

    enum Shot {
        case empty
        case code(String, blur: Double)
    }

    /// Writes the frames (YUYV `NNNN-1280x720.yuyv`, or MJPEG `NNNN.jpg`) and the pace into `folder`.
    static func record(_ shots: [Shot], fps: Int, into folder: String, mjpeg: Bool) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "\(fps)\n".write(toFile: folder + "/fps", atomically: true, encoding: .utf8)
        for (index, shot) in shots.enumerated() {
            var arguments: [String]
            var input = Data()
            switch shot {
            case .empty:
                arguments = ["-size", "\(width)x\(height)", "xc:#9a9a9a"]
            case .code(let text, let blur):
                input = Data(try run(PhotoTools.qrencode, ["-t", "PNG", "-l", "M", "-s", "6", "-m", "4", "-o", "-"], input: Data(text.utf8)))
                arguments = ["png:-", "-resize", "460x460", "-background", "#9a9a9a", "-gravity", "center", "-extent", "\(width)x\(height)"]
                if blur > 0 { arguments += ["-blur", "0x\(blur)"] }
            }
            arguments += ["-seed", "\(index + 1)", "-attenuate", "0.3", "+noise", "Gaussian"]
            let name = folder + "/" + String(format: "%04d", index)
            if mjpeg {
                try Data(run(PhotoTools.convert, arguments + ["-quality", "80", "jpg:-"], input: input)).write(
                    to: URL(fileURLWithPath: name + ".jpg"))
            } else {
                let grey = try run(PhotoTools.convert, arguments + ["-depth", "8", "gray:-"], input: input)
                var yuyv = [UInt8](repeating: 128, count: grey.count * 2)
                for (offset, luma) in grey.enumerated() { yuyv[2 * offset] = luma }
                try Data(yuyv).write(to: URL(fileURLWithPath: name + "-\(width)x\(height).yuyv"))
            }
        }
    }

    static func run(_ tool: String, _ arguments: [String], input: Data) throws -> [UInt8] {
        try ToolRun.output(of: tool, arguments, input: input)
    }
}
