import Foundation
import LeadCore
import Testing

@Suite struct NoteTextTests {
    @Test func aNoteIsOneTrimmedLineAndEmptyTextIsNoNote() {
        #expect(NoteText.cleaned("  wants a demo\r\non Friday \n") == "wants a demo on Friday")
        #expect(NoteText.cleaned(" \n\t\r\n ") == nil)
        #expect(NoteText.cleaned("") == nil)
    }

    @Test func theStampIsLocalTimeToTheMinute() {
        let date = Date(timeIntervalSince1970: 1_764_600_300)  // 2025-12-01 14:45 UTC
        #expect(NoteText.stamped("hi", at: date, timeZone: TimeZone(identifier: "UTC")!) == "2025-12-01 14:45 hi")
        #expect(NoteText.stamped("hi", at: date, timeZone: TimeZone(identifier: "Europe/Moscow")!) == "2025-12-01 17:45 hi")
    }

    @Test func aLineIsAppendedToCommentsOnALineOfItsOwn() {
        #expect(NoteText.appending("b", to: nil) == "b")
        #expect(NoteText.appending("b", to: "") == "b")
        #expect(NoteText.appending("b", to: "a") == "a\nb")
        #expect(NoteText.appending("b", to: "a\n") == "a\nb")
    }

    @Test func theMarkerIsTheLastLineAndOnlyOurCommentsHaveOne() {
        let uuid = "0b7c2f7e-5f0d-4e0a-9a55-3f1d2c4b5a69"
        let comment = NoteText.comment("2025-12-01 14:45 call back", uuid: uuid)
        #expect(comment == "2025-12-01 14:45 call back\nleadbox-note: \(uuid)")
        #expect(NoteText.marker(in: comment) == uuid)
        // As a portal may hand it back: CRLF line ends, trailing spaces.
        #expect(NoteText.marker(in: "call back\r\nleadbox-note: \(uuid) \r\n") == uuid)
        #expect(NoteText.marker(in: "A manager's comment") == nil)
        #expect(NoteText.marker(in: "leadbox-note: \(uuid)\nedited by a person below") == nil)
        #expect(NoteText.marker(in: "leadbox-note: ") == nil)
        #expect(NoteText.marker(in: "") == nil)
    }

    @Test func randomAndTruncatedTextNeverCrashesTheMarkerReader() {
        var seed: UInt64 = 42
        func next() -> UInt64 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return seed >> 33
        }
        let alphabet = Array("leadbox-note: \n\r 0123456789abcdef-Ёж")
        let full = NoteText.comment("x", uuid: "abc")
        for length in 0...full.count {
            _ = NoteText.marker(in: String(full.prefix(length)))
        }
        for _ in 0..<2000 {
            let text = String((0..<Int(next() % 60)).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
            if let uuid = NoteText.marker(in: text) { #expect(!uuid.isEmpty && !uuid.contains("\n")) }
            if let cleaned = NoteText.cleaned(text) { #expect(!cleaned.contains("\n") && !cleaned.isEmpty) }
        }
    }
}
