import Foundation
import Testing
@testable import LeadCore

/// Random bytes, random cuts of the fixtures and huge fields: the parsers never trap, never hang,
/// and answer within a second for a megabyte (a debug build, on a busy machine).
@Suite struct ContactInputPropertyTests {

    static let fixtures = [
        "vcard/iphone-photo-crcrlf.vcf", "vcard/android-21-qp.vcf", "vcard/outlook-21-windows1252.vcf", "vcard/evolution-30-folds.vcf",
        "vcard/shift_jis-5c.vcf", "vcard/utf-16le-nobom.vcf", "vcard/koi8-r.vcf", "vcard/nested-agent.vcf", "vcard/backslash-continuation-21.vcf",
        "qr/mecard.txt", "qr/bizcard.txt", "qr/au.txt",
    ]

    /// Runs every entry point on `bytes`; any answer (cards or a sentence) is fine, a trap is not.
    static func exercise(_ bytes: [UInt8]) {
        switch Result(catching: { () throws(ContactInputError) in try ContactInput.cards(in: bytes, source: "f") }) {
        case .success(let cards): #expect(!cards.isEmpty)
        case .failure(let error): #expect(!error.description.isEmpty && !error.description.contains("\n"))
        }
        let text = String(decoding: bytes, as: UTF8.self)
        _ = ContactInput.format(of: text)
        _ = try? ContactInput.cards(in: text, source: "f")
        let scan = ContactInput.scan(text)
        #expect(scan.lead.problems().isEmpty, "\(scan.lead.problems()) for \(text.prefix(80).debugDescription)")
    }

    @Test func randomBytes() {
        var random = SeededRandom(seed: 9)
        for _ in 0..<300 {
            let count = Int.random(in: 0...400, using: &random)
            let alphabet: [UInt8] = Array("BEGIN:VCARD\r\nEND;=:\\ ,\t".utf8) + [0x00, 0x80, 0xC3, 0xD0, 0xFF, 0x5C, 0x83]
            let bytes = (0..<count).map { _ in
                Bool.random(using: &random) ? alphabet.randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
            }
            Self.exercise(bytes)
        }
    }

    @Test func randomTruncationsAndCorruptionsOfRealCards() throws {
        var random = SeededRandom(seed: 2026)
        for file in Self.fixtures {
            let bytes = try CardFixture.bytes(file)
            for _ in 0..<25 {
                var cut = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &random)))
                if !cut.isEmpty, Bool.random(using: &random) {
                    cut[Int.random(in: 0..<cut.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
                }
                Self.exercise(cut)
            }
        }
    }

    @Test func hugeFieldsAnswerWithinASecond() throws {
        let megabyte = 1 << 20
        let photo = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Big Photo\r\nPHOTO;ENCODING=b;TYPE=JPEG:" + String(repeating: "QUJD\r\n ", count: megabyte / 8) + "\r\nEND:VCARD\r\n"
        let note = "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Long Note\r\nNOTE;ENCODING=QUOTED-PRINTABLE:" + String(repeating: "=D0=90", count: megabyte / 6) + "\r\nEND:VCARD\r\n"
        let oneLine = String(repeating: "x", count: megabyte)
        let mecard = "MECARD:N:" + String(repeating: "Ab", count: megabyte / 2) + ";;"
        let legacy = Array(repeating: UInt8(0xE0), count: megabyte)  // one megabyte of windows-1251 "а"
        // The best of three runs: the bound is on the parser, not on what else the machine is doing.
        // One second for a megabyte in an optimized build; a debug build of the parsers is
        // several times slower, and the whole test suite runs beside it on two cores.
        #if DEBUG
        let bound = Duration.seconds(5)
        #else
        let bound = Duration.seconds(1)
        #endif
        func fastest(_ body: () -> Void) -> Duration { (0..<3).map { _ in ContinuousClock().measure(body) }.min()! }
        for input in [Array(photo.utf8), Array(note.utf8), Array(oneLine.utf8), Array(mecard.utf8), legacy] {
            let file = fastest { _ = Result { () throws(ContactInputError) in try ContactInput.cards(in: input, source: "f") } }
            let text = (try? TextDecoding.decode(input, source: "f").text) ?? ""
            let scan = fastest { _ = ContactInput.scan(text) }
            let what = "\(input.count) bytes starting \(text.prefix(12).debugDescription)"
            #expect(file < bound, "file: \(file) for \(what)")
            #expect(scan < bound, "scan: \(scan) for \(what)")
        }
    }

    @Test func hugePhotoIsDroppedAndTheCardStillReads() throws {
        let photo = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Photo;Big;;;\r\nPHOTO;ENCODING=b;TYPE=JPEG:" + String(repeating: "QUJD\r\n ", count: 1 << 17) + "\r\nEMAIL:big@example.com\r\nEND:VCARD\r\n"
        let lead = try ContactInput.cards(in: Array(photo.utf8), source: "f")[0].lead
        #expect(lead.entries(.email).first?.value == "big@example.com")
        #expect(lead.values.values.allSatisfy { $0.count < 100 })
    }
}
