import Camera
import ContactInput
import Foundation
import LeadCore
import LeadStore
import Synchronization
import Testing

@testable import LeadTUI

/// The camera key: F6 opens it, the status line asks for the badge, a code read fills the form
/// exactly as the same text typed by a keyboard-wedge scanner, Esc and failures leave the form.
@Suite struct CameraKeyTests {
    static let mecard = "MECARD:N:Иванова,Анна;TEL:+7 495 123 45 67;EMAIL:anna@example.ru;ORG:ООО Ромашка;;"

    @Test func f6OpensTheCameraAndTheStatusLineAsksForTheBadge() {
        var state = makeState()
        #expect(state.screenText.contains("F6 camera"), "the key line names the camera key")
        #expect(state.press([.function(6)]) == [.openCamera])
        #expect(state.camera == CameraState())
        let screen = state.screenText
        #expect(screen.contains("hold the badge to the camera — Esc stops"), "\(screen)")
        #expect(screen.contains("Esc stop camera") && screen.contains("F7 card photo"))
        #expect(makeState(ascii: true).with { $0.press([.function(6)]) }.screenText.contains("hold the badge to the camera - Esc stops"))
        #expect(state.press([.function(6)]) == [])  // already on: said so, nothing started twice
        #expect(state.banner?.text.contains("already on") == true)
    }

    @Test func aCodeReadFillsTheFormExactlyAsAScannerTypingIt() {
        var typed = makeState()
        typed.type(Self.mecard)
        var camera = makeState()
        camera.press([.function(6)])
        let commands = camera.cameraRead(Self.mecard)
        #expect(camera.form.texts == typed.form.texts)
        #expect(camera.form.choices == typed.form.choices)
        #expect(camera.form.rawScan == Self.mecard && camera.form.rawScan == typed.form.rawScan)
        #expect(camera.banner == typed.banner)
        #expect(camera.camera == nil)
        #expect(commands == [.stopCamera, .checkDuplicates(camera.form.lead, excluding: nil)])
        #expect(!camera.form.swallowEnter, "no scanner Enter follows a camera read")
        #expect(!camera.screenText.contains("hold the badge"))
    }

    @Test func escStopsTheCameraAndKeepsWhatWasTyped() {
        var state = makeState()
        state.press([.tab])
        state.type("Вера")
        state.press([.function(6)])
        state.type("!")  // the keyboard stays live
        #expect(state.press([.escape]) == [.stopCamera])
        #expect(state.camera == nil)
        #expect(state.form.text("NAME") == "Вера!")
        #expect(state.banner?.text == "Camera stopped; the form was not changed.")
        #expect(state.cameraRead("MECARD:N:Late,Code;;") == [], "a read after Esc is too late and changes nothing")
        #expect(state.form.text("NAME") == "Вера!")
    }

    @Test func aFailureIsOneSentenceAndTheFormIsUntouched() {
        var state = makeState()
        state.type("Анна")
        state.press([.function(6)])
        let before = state.form
        state.cameraFailed(CameraError.busy(device: "/dev/video0").description)
        #expect(state.form == before)
        #expect(state.camera == nil)
        #expect(state.banner == Banner(.error, "The camera /dev/video0 is in use by another program; close that program and press F6 again."))
    }

    @Test func f7WithoutTheCameraSaysToOpenItFirst() {
        var state = makeState()
        #expect(state.press([.function(7)]) == [])
        #expect(state.banner?.text.contains("press F6") == true)
        state.press([.function(6)])
        #expect(state.press([.function(7)]) == [.takeCardPhoto])
    }

    @Test func theHelpAndKeyTableNameTheCameraKeys() {
        let keys = KeyBindings.sections.flatMap(\.bindings).map(\.keys)
        #expect(keys.contains("F6") && keys.contains("F7"))
    }

    /// A card read, then a badge scanned into the same form: the badge's lead carries neither the
    /// card's "?" marks nor its photo. A mark and the required "*" are both drawn.
    @Test func aBadgeScanAfterACardDropsTheCardsMarksAndPhoto() throws {
        let schema = PortalSchema(
            fieldNames: ["TITLE", "NAME", "LAST_NAME", "EMAIL", "PHONE", "COMPANY_TITLE", "POST", "COMMENTS", "SOURCE_ID"], customFields: [],
            statuses: [:], requiredFields: ["NAME": "Name"])
        var state = makeState(schema: schema)
        let reading = BusinessCardText.read(lines: [
            RecognisedLine(text: "Anna Schmidt", confidence: 0.4), RecognisedLine(text: "anna.schmidt@acme.de", confidence: 0.97),
        ])
        _ = state.cardRead(reading, photo: try LeadPhoto(fileName: "card.jpg", jpeg: [0xFF, 0xD8, 0xFF, 0xD9]))
        #expect(state.form.unsure.contains("NAME") && state.form.photo != nil)
        let nameRow = try #require(state.screenText.split(separator: "\n").first { $0.contains("Name") && !$0.contains("Last") })
        #expect(nameRow.contains("?*"), "\(nameRow)")
        // Editing a marked row clears its mark: the mark never outlives the person's correction.
        var corrected = state
        let row = try #require(corrected.form.fields.firstIndex { $0.key == "NAME" })
        for _ in 0..<corrected.form.fields.count where corrected.form.focus != row { corrected.press([.tab]) }
        corrected.press([.character("a")])
        #expect(!corrected.form.unsure.contains("NAME") && corrected.form.text("NAME").hasSuffix("a"))
        _ = state.fillFromScan(Self.mecard)
        #expect(state.form.unsure.isEmpty && state.form.photo == nil && state.form.text("NAME") == "Анна")
    }

    /// A card read into the form survives a crash before Ctrl-S: the draft keeps its photo, its
    /// "?" marks and its recognised text (the lead's raw text, as `add --photo` keeps it).
    @Test func theDraftKeepsACardsPhotoMarksAndText() throws {
        var state = makeState()
        let reading = BusinessCardText.read(lines: [
            RecognisedLine(text: "Anna Schmidt", confidence: 0.4), RecognisedLine(text: "anna.schmidt@acme.de", confidence: 0.97),
        ])
        let photo = try LeadPhoto(fileName: "card.jpg", jpeg: [0xFF, 0xD8, 0xFF, 0xE0] + (0..<5000).map { UInt8($0 % 251) })
        _ = state.cardRead(reading, photo: photo)
        #expect(state.form.rawScan == reading.text)
        var restored = makeState().form
        try #require(Draft.decode(Draft(state.form).json)).restore(into: &restored)
        #expect(restored.photo == photo)
        #expect(restored.unsure == state.form.unsure && !restored.unsure.isEmpty)
        #expect(restored.rawScan == reading.text)
        #expect(restored.text("EMAIL") == "anna.schmidt@acme.de")
        // A draft written before drafts kept photos still restores, without one.
        var old = makeState().form
        try #require(Draft.decode(#"{"texts":{"NAME":"Anna"},"choices":{},"focus":0,"base":{}}"#)).restore(into: &old)
        #expect(old.text("NAME") == "Anna" && old.photo == nil && old.unsure.isEmpty)
        // A photo that cannot be read costs the photo, not the typed text.
        var damaged = makeState().form
        let broken = #"{"texts":{"NAME":"Anna"},"choices":{},"focus":0,"base":{},"photo":{"fileName":"card.jpg","jpeg":"not base64!"}}"#
        try #require(Draft.decode(broken)).restore(into: &damaged)
        #expect(damaged.text("NAME") == "Anna" && damaged.photo == nil)
    }

    /// F6 while a stored lead is edited is refused: a camera's lead is a new one, and an edit
    /// saves fields only, so a card's photo would be lost.
    @Test func theCameraDoesNotOpenOverAnEdit() {
        var state = makeState()
        state.form.editing = 7
        #expect(state.press([.function(6)]) == [])
        #expect(state.camera == nil && state.banner?.text.contains("save or cancel (Esc) the edit first") == true)
    }

    /// An edit opened while the camera is on stops it, and a card read that arrives during an edit
    /// is refused with a sentence: either would otherwise fill the stored lead's form, and an edit
    /// saves fields only, so the card's photo would be lost.
    @Test func anEditStopsTheCameraAndALateCardDoesNotFillIt() throws {
        var state = makeState()
        _ = state.press([.function(6)])
        #expect(state.camera != nil)
        state.detail = LeadDetail(id: 7, uuid: "u", state: .pending, lead: Lead(values: ["TITLE": "Stored", "NAME": "Olga"]), createdAt: fixedNow)
        state.screen = .detail
        #expect(state.press([.character("e")]) == [.stopCamera])
        #expect(state.camera == nil && state.form.editing == 7)
        let reading = BusinessCardText.read(lines: [RecognisedLine(text: "anna.schmidt@acme.de", confidence: 0.97)])
        #expect(state.cardRead(reading, photo: try LeadPhoto(fileName: "card.jpg", jpeg: [0xFF, 0xD8, 0xFF, 0xD9])) == [])
        #expect(state.form.text("EMAIL").isEmpty && state.form.photo == nil && state.form.text("NAME") == "Olga")
        #expect(state.banner?.text.contains("while a stored lead is being edited") == true)
    }

    // MARK: - Through a session and a real outbox file

    let temporary = TemporaryStore()

    func session(_ store: LeadStore, camera: CameraSetup) -> Session {
        Session(
            store: store, options: TerminalUIOptions(noColor: true, camera: camera), width: 80, height: 24, now: fixedNow,
            timeZone: utc, queriesInBackground: false)
    }

    /// Collects answers until `done` holds (bounded).
    func settle(_ ui: Session, until done: (AppState) -> Bool) {
        let deadline = Date().addingTimeInterval(20)
        while !done(ui.state), Date() < deadline {
            ui.collectAnswers()
            usleep(5000)
        }
    }

    @Test func aCameraThatCannotOpenLeavesTheFormAndSaysWhy() throws {
        let store = try LeadStore(path: temporary.path)
        let ui = session(store, camera: CameraSetup(device: temporary.folder))
        for key in KeyEvent.typing("Анна") { ui.handle(key) }
        ui.handle(.function(6))
        settle(ui) { $0.camera == nil }
        #expect(
            ui.state.banner?.text
                == "\(temporary.folder) is not a camera (it is a folder); set the camera with `leadbox config set camera /dev/videoN`.")
        #expect(ui.state.form.text("TITLE") == "Анна")
        #expect(!ui.isCameraOn)
    }

    @Test func recordedFramesWithoutACodeEndWithAWord() throws {
        let store = try LeadStore(path: temporary.path)
        let frames = temporary.folder + "/frames"
        try FileManager.default.createDirectory(atPath: frames, withIntermediateDirectories: true)
        for index in 0..<3 {
            try Data([UInt8](repeating: 128, count: 64 * 48 * 2)).write(to: URL(fileURLWithPath: frames + "/\(index)-64x48.yuyv"))
        }
        let ui = session(store, camera: CameraSetup(recording: frames))
        ui.handle(.function(6))
        settle(ui) { $0.camera?.device != nil }
        #expect(ui.state.camera?.device == "recording \(frames)")
        settle(ui) { $0.camera == nil }
        #expect(ui.state.banner?.text == "The recorded frames ended without a code; the form was not changed.")
        #expect(ui.state.form.isBlank)
    }

    /// A still with no text on it: the reader says so in one sentence and the form stays blank.
    @Test func f7OnAFrameWithoutACardSaysSo() throws {
        let store = try LeadStore(path: temporary.path)
        let frames = temporary.folder + "/frames"
        try FileManager.default.createDirectory(atPath: frames, withIntermediateDirectories: true)
        try "2\n".write(toFile: frames + "/fps", atomically: true, encoding: .utf8)
        for index in 0..<4 {
            try Data([UInt8](repeating: 128, count: 64 * 48 * 2)).write(to: URL(fileURLWithPath: frames + "/\(index)-64x48.yuyv"))
        }
        let ui = session(store, camera: CameraSetup(recording: frames))
        ui.handle(.function(6))
        ui.handle(.function(7))
        // No check of "Taking a card photo…" here: the still can arrive, and be read, within the F7 key's own handling.
        settle(ui) { $0.camera == nil && !ui.isWaitingForQueries && $0.banner?.text.hasPrefix("Reading") == false }
        let banner = try #require(ui.state.banner)
        // Tesseract missing is one sentence naming the packages; with it, a grey frame has no card text.
        if CardFrames.available {
            #expect(banner.text.hasPrefix("No card text could be read"), "\(banner.text)")
        } else {
            #expect(banner.text.contains("apt-get install tesseract-ocr"), "\(banner.text)")
        }
        #expect(ui.state.form.isBlank && ui.state.form.photo == nil)
    }

    /// A card held to the camera (a recorded MJPEG frame drawn by ImageMagick with a real font):
    /// F7 fills the form from it, marks what the reader was unsure of, and Ctrl-S saves the lead
    /// with the card's photo.
    @Test(.enabled(if: CardFrames.available, "needs /usr/bin/convert, fonts-dejavu-core and tesseract-ocr"))
    func f7FillsTheFormFromACardAndSavesItsPhoto() throws {
        let store = try LeadStore(path: temporary.path)
        let frames = temporary.folder + "/frames"
        try CardFrames.write(
            ["Anna Schmidt", "Head of Sales", "Acme Robotics GmbH", "Tel. +49 30 1234567", "anna.schmidt@acme-robotics.de"], to: frames)
        let ui = session(store, camera: CameraSetup(recording: frames))
        ui.handle(.function(6))
        ui.handle(.function(7))
        settle(ui) { $0.camera == nil && !ui.isWaitingForQueries && $0.banner?.text.hasPrefix("Reading") == false }
        let form = ui.state.form
        #expect(ui.state.banner?.text.hasPrefix("Filled ") == true, "\(ui.state.banner?.text ?? "")")
        #expect(form.text("NAME") == "Anna" && form.text("LAST_NAME") == "Schmidt")
        #expect(form.text("EMAIL") == "anna.schmidt@acme-robotics.de")
        #expect(form.text("COMPANY_TITLE").contains("Acme Robotics"))
        #expect(form.photo?.jpeg.starts(with: [0xFF, 0xD8, 0xFF]) == true)
        // The read is written as the draft after the typing pause, though no key was pressed:
        // a leadbox opened after a crash now has the card, its photo and its marks.
        ui.tick(now: Date().addingTimeInterval(Session.draftDelay + 1))
        let reopened = session(store, camera: CameraSetup(recording: frames))
        #expect(reopened.state.form.photo == form.photo && reopened.state.form.unsure == form.unsure)
        #expect(reopened.state.form.text("EMAIL") == "anna.schmidt@acme-robotics.de")
        #expect(reopened.state.banner?.text.contains("with its card photo") == true)
        ui.handle(.control("s"))
        let saved = try #require(try store.list(limit: 1).first)
        #expect(try store.photo(leadID: saved.id)?.jpeg.starts(with: [0xFF, 0xD8, 0xFF]) == true)
        #expect(ui.state.form.photo == nil && ui.state.form.unsure.isEmpty)
    }
}

/// Recorded camera frames of a business card: one MJPEG frame drawn by ImageMagick, repeated.
enum CardFrames {
    static let convert = "/usr/bin/convert"
    static let font = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

    static var available: Bool {
        FileManager.default.isExecutableFile(atPath: convert) && FileManager.default.fileExists(atPath: font)
            && ["/usr/lib/x86_64-linux-gnu/libtesseract.so.5", "/usr/lib/aarch64-linux-gnu/libtesseract.so.5"].contains {
                FileManager.default.fileExists(atPath: $0)
            }
    }

    /// A white card with `lines` on a grey table, as 1280×720 JPEG frames in `folder`.
    static func write(_ lines: [String], to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "10\n".write(toFile: folder + "/fps", atomically: true, encoding: .utf8)
        var arguments = ["-size", "1280x720", "xc:#777777", "-fill", "white", "-draw", "rectangle 240,110 1040,610", "-fill", "black", "-font", font]
        for (index, line) in lines.enumerated() {
            arguments += ["-pointsize", index == 0 ? "44" : "30", "-annotate", "+290+\(190 + index * 80)", line]
        }
        let first = folder + "/00000.jpg"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: convert)
        process.arguments = arguments + ["-quality", "90", first]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
        for index in 1..<20 { try FileManager.default.copyItem(atPath: first, toPath: folder + String(format: "/%05d.jpg", index)) }
    }
}

extension AppState {
    fileprivate func with(_ change: (inout AppState) -> Void) -> AppState {
        var copy = self
        change(&copy)
        return copy
    }
}
