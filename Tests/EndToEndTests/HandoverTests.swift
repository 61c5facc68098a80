import Foundation
import Testing

/// `handover export|import` between two laptops (two databases) and one stand-in portal whose
/// answers get lost: each lead ends up on the portal exactly once.
@Suite struct HandoverTests {
    let laptopA = CLIHarness()
    let laptopB = CLIHarness()

    func portalStats(_ portal: PortalProcess) throws -> [String: Any] {
        try #require(try portal.control("stats") as? [String: Any])
    }

    @Test func aLeadSentWithItsAnswerLostAndHandedOverIsOnThePortalOnce() throws {
        let portal = try PortalProcess(["--rate", "0"])
        defer { portal.stop() }
        for cli in [laptopA, laptopB] { #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0) }
        for i in 1...2 { #expect(try laptopA.run(["add", "--name", "Sent \(i)", "--email", "sent\(i)@example.com"]).status == 0) }

        // Laptop A sends, the portal creates the leads, and every answer is lost.
        _ = try portal.control("config", body: #"{"faults": {"drop": 1}}"#)
        let lost = try laptopA.run(["sync", "--timeout", "3"])
        #expect(lost.status == 75, "\(lost.stderr)")
        #expect(try portalStats(portal)["leads"] as? Int == 2)
        #expect(try laptopA.statusCounts()["synced"] as? Int == 0)
        _ = try portal.control("config", body: #"{"faults": {}}"#)

        // Two more leads, never sent, then the laptop hands everything over.
        for i in 1...2 { #expect(try laptopA.run(["add", "--name", "Waiting \(i)"]).status == 0) }
        let file = laptopA.folder + "/booth.handover.json"
        let exported = try laptopA.run(["handover", "export", file])
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(exported.stdout.contains("Handed over 4 leads"))
        #expect(exported.stdout.contains("2 may already be on the portal"))
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try laptopA.statusCounts()["handed_over"] as? Int == 4)
        #expect(try laptopA.run(["list"]).stdout.contains("handed"))

        // Laptop A sends none of them any more.
        let requestsBefore = try portalStats(portal)["requests_total"] as? Int
        let idle = try laptopA.run(["sync", "--timeout", "5"])
        #expect(idle.status == 0, "\(idle.stderr)")
        #expect(try portalStats(portal)["leads"] as? Int == 2)
        #expect(try portalStats(portal)["requests_total"] as? Int == requestsBefore)

        // Laptop B takes them over: the two that may be there are looked up, the rest are sent.
        let imported = try laptopB.run(["handover", "import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Imported 4 leads"))
        #expect(try laptopB.statusCounts()["in_doubt"] as? Int == 2)
        let delivered = try laptopB.run(["sync", "--timeout", "30"])
        #expect(delivered.status == 0, "\(delivered.stderr)")
        let stats = try portalStats(portal)
        #expect(stats["leads"] as? Int == 4)
        #expect((stats["duplicates_by_origin_id"] as? [String: Any])?["extra_copies"] as? Int == 0)
        #expect(try laptopB.statusCounts()["synced"] as? Int == 4)

        // The UUIDs travelled: B's leads carry A's.
        let uuidsA = Set(try laptopA.sqlite("SELECT uuid FROM lead").split(separator: "\n"))
        let uuidsB = Set(try laptopB.sqlite("SELECT uuid FROM lead").split(separator: "\n"))
        #expect(uuidsA == uuidsB)

        // The same file again adds nothing.
        let again = try laptopB.run(["handover", "import", file])
        #expect(again.status == 0)
        #expect(again.stdout.contains("Imported 0 leads"))
        #expect(try laptopB.statusCounts()["total"] as? Int == 4)
    }

    @Test func aTruncatedTamperedOrNewerFileIsRefusedWithNothingChanged() throws {
        for i in 1...3 { #expect(try laptopA.run(["add", "--name", "Guest \(i)", "--phone", "+7 900 000-00-0\(i)"]).status == 0) }
        let file = laptopA.folder + "/h.json"
        #expect(try laptopA.run(["handover", "export", file]).status == 0)
        let original = try String(contentsOfFile: file, encoding: .utf8)

        let damaged: [(String, String, String)] = [
            ("truncated", String(original.prefix(original.count / 2)), "cut off"),
            ("tampered", original.replacingOccurrences(of: "Guest 2", with: "Guest 9"), "checksum"),
            ("newer", original.replacingOccurrences(of: #""version" : 1"#, with: #""version" : 3"#), "newer leadbox"),
            ("foreign", #"{"name": "not a handover"}"#, "not a leadbox handover file"),
        ]
        for (name, text, phrase) in damaged {
            let path = laptopB.folder + "/\(name).json"
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try laptopB.run(["handover", "import", path])
            #expect(result.status == 65, "\(name): \(result.stderr)")
            #expect(result.stderr.contains(phrase), "\(name): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(try laptopB.statusCounts()["total"] as? Int == 0)
        }
        #expect(try laptopB.run(["handover", "import", file]).stdout.contains("Imported 3 leads"))
    }

    /// A lead's photo moves with it in a version 2 file (an older leadbox then says it needs
    /// updating instead of blaming the file), and arrives byte for byte; files without photos
    /// stay version 1, which every leadbox reads.
    @Test func aPhotoTravelsInAVersionTwoFile() throws {
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0] + (0..<2000).map { UInt8($0 % 251) } + [0xFF, 0xD9])
        let photo = laptopA.folder + "/card.jpg"
        try jpeg.write(to: URL(fileURLWithPath: photo))
        #expect(try laptopA.run(["add", "--name", "Anna", "--attach-photo", photo]).status == 0)
        let file = laptopA.folder + "/with-photo.json"
        #expect(try laptopA.run(["handover", "export", file]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains(#""version" : 2"#))
        #expect(try laptopB.run(["handover", "import", file]).status == 0)
        #expect(try laptopB.sqlite("SELECT hex(bytes) FROM note_file") == jpeg.map { String(format: "%02X", $0) }.joined())

        #expect(try laptopA.run(["add", "--name", "Boris"]).status == 0)
        let plain = laptopA.folder + "/plain.json"
        #expect(try laptopA.run(["handover", "export", plain]).status == 0)
        #expect(try String(contentsOfFile: plain, encoding: .utf8).contains(#""version" : 1"#))
    }

    @Test func exportNeverReplacesAFileAndLeavesTheLeadsWhenItCannotWrite() throws {
        #expect(try laptopA.run(["add", "--name", "Guest"]).status == 0)
        let existing = laptopA.folder + "/old.json"
        try "earlier handover".write(toFile: existing, atomically: true, encoding: .utf8)
        let refused = try laptopA.run(["handover", "export", existing])
        #expect(refused.status == 73)
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "earlier handover")
        let missingFolder = try laptopA.run(["handover", "export", laptopA.folder + "/no/such/folder/h.json"])
        #expect(missingFolder.status == 73)
        #expect(try laptopA.statusCounts()["pending"] as? Int == 1)

        let empty = CLIHarness()
        let nothing = try empty.run(["handover", "export", empty.folder + "/h.json"])
        #expect(nothing.status == 0)
        #expect(!FileManager.default.fileExists(atPath: empty.folder + "/h.json"))
    }

    @Test func purgeLeavesNoPersonalDataInTheFileAndKeepsCountsAndDuplicateWarnings() throws {
        let portal = try PortalProcess(["--rate", "0"])
        defer { portal.stop() }
        #expect(try laptopA.run(["config", "set", "webhook", portal.webhook]).status == 0)
        #expect(
            try laptopA.run([
                "add", "--name", "Zebulon", "--last-name", "Quackenbush", "--company", "Xylophagous Ltd",
                "--email", "zq.private@example.org", "--phone", "+7 912 555-01-99",
            ]).status == 0)
        #expect(try laptopA.run(["sync"]).status == 0)
        #expect(try laptopA.run(["add", "--name", "Still waiting"]).status == 0)

        #expect(try laptopA.run(["purge"]).status == 64)
        #expect(try laptopA.run(["purge", "--before", "yesterday"]).status == 64)
        let purged = try laptopA.run(["purge", "--older-than", "0"])
        #expect(purged.status == 0, "\(purged.stderr)")
        #expect(purged.stdout.contains("1 delivered lead"))

        var bytes = Data()
        for suffix in ["", "-wal"] { bytes += FileManager.default.contents(atPath: laptopA.database + suffix) ?? Data() }
        let text = String(decoding: bytes, as: UTF8.self)
        for secret in ["Zebulon", "Quackenbush", "Xylophagous", "zq.private", "79125550199", "912 555"] {
            #expect(!text.contains(secret), "\(secret) is still in the file")
        }
        #expect(text.contains("Still waiting"))
        let counts = try laptopA.statusCounts()
        #expect(counts["synced"] as? Int == 1)
        #expect(counts["total"] as? Int == 2)
        let duplicate = try laptopA.run(["add", "--name", "Again", "--email", "ZQ.private@example.org"])
        #expect(duplicate.status == 0)
        #expect((duplicate.stdout + duplicate.stderr).contains("#1"))
    }
}
