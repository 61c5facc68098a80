import Foundation
import Testing

/// A lead's card photo through real processes: saved by `leadbox add --attach-photo`, attached
/// to the lead's timeline in the fake portal process exactly once and byte for byte, though the
/// daemon is killed with SIGKILL while the portal holds the photo's answer, and the next daemon's
/// first answers are lost.
@Suite struct PhotoTimelineTests {
    let cli = CLIHarness()

    /// Every file on each lead's timeline, by the portal's lead ID: "name size sha256".
    private func attachments(_ portal: PortalProcess) throws -> [String: [String]] {
        let byLead = try #require(try portal.control("attachments") as? [String: [[String: Any]]])
        return byLead.mapValues { files in files.map { "\($0["name"] ?? "") \($0["size"] ?? "") \($0["sha256"] ?? "")" } }
    }

    @Test func aCardPhotoIsOnTheTimelineOnceAfterAKillAndLostAnswers() throws {
        let portal = try PortalProcess(["--rate", "0", "--seed", "7"])
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        // The first photo's comment exists while the killed daemon still waited to hear so; the
        // next daemon works through lost answers before it finds that comment.
        let (first, second) = try cli.photosThroughAKillAndLostAnswers(portal) { try attachments(portal).count == 1 }
        let stats = try #require(try portal.control("stats") as? [String: Any])
        #expect(stats["attachments"] as? Int == 2)
        let remote = try cli.sqlite("SELECT remote_id FROM lead ORDER BY id").split(separator: "\n").map(String.init)
        #expect(
            try attachments(portal) == [
                remote[0]: ["card.jpg \(300 * 1024) \(first.sha256)"], remote[1]: ["badge.jpeg 120000 \(second.sha256)"],
            ])
        // Each note's remote ID is the comment whose marker names it.
        let comments = try #require(try portal.control("comments") as? [[String: Any]])
        for row in try cli.sqlite("SELECT uuid || ' ' || remote_id FROM note").split(separator: "\n") {
            let parts = row.split(separator: " ")
            let comment = comments.first { ($0["ID"] as? String) == String(parts[1]) }
            #expect((comment?["COMMENT"] as? String)?.hasSuffix("leadbox-note: \(parts[0])") == true, "\(row)")
            #expect((comment?["COMMENT"] as? String)?.contains("Photo taken at capture") == true)
        }
    }

    @Test func aPhotoThatIsNoJPEGOrTooLargeIsRefusedAndNothingIsSaved() throws {
        #expect(try cli.run(["add", "--name", "Первый"]).status == 0)
        let big = try cli.photoFile("big.jpg", count: 300 * 1024 + 1, seed: 3)
        let tooLarge = try cli.run(["add", "--name", "Большой", "--attach-photo", big.path])
        #expect(tooLarge.status == 65)
        #expect(tooLarge.stderr.contains("downscale"))
        let png = cli.folder + "/card.png"
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]).write(to: URL(fileURLWithPath: png))
        let notJPEG = try cli.run(["add", "--name", "Картинка", "--attach-photo", png])
        #expect(notJPEG.status == 65)
        #expect(notJPEG.stderr.contains("not a JPEG"))
        let missing = try cli.run(["add", "--name", "Нет", "--attach-photo", cli.folder + "/none.jpg"])
        #expect(missing.status == 64)
        #expect(try cli.sqlite("SELECT COUNT(*) FROM lead") == "1")
        #expect(try cli.sqlite("SELECT COUNT(*) FROM note_file") == "0")
    }
}
