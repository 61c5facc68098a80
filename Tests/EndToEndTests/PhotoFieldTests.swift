import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `event.photo_field` through real processes: a photo saved by `leadbox add --attach-photo` is
/// written into the lead's file field in the fake portal process byte for byte — also when the
/// daemon is killed with SIGKILL while the portal holds the write's answer and the next daemon's
/// answers are lost — with no timeline comment; a field the portal lacks fails the photo with a
/// sentence while the lead stays delivered.
@Suite struct PhotoFieldTests {
    let cli = CLIHarness()
    static let field = "UF_CRM_CARD_PHOTO"

    /// Makes a lead field on the portal as its admin would: `crm.lead.userfield.add` over REST.
    private func addField(_ portal: PortalProcess, code: String, type: String) throws {
        var request = URLRequest(url: URL(string: portal.webhook + "crm.lead.userfield.add")!)
        request.httpMethod = "POST"
        request.httpBody = Data(#"{"fields":{"FIELD_NAME":"\#(code)","USER_TYPE_ID":"\#(type)","LIST_COLUMN_LABEL":"Card photo"}}"#.utf8)
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        let box = ResultBox()
        URLSession.shared.dataTask(with: request) { data, _, error in box.set(data, error) }.resume()
        let (data, error) = box.wait()
        if let error { throw error }
        let answer = try JSONSerialization.jsonObject(with: data ?? Data()) as? [String: Any]
        guard answer?["result"] as? Int != nil else { throw HarnessError("crm.lead.userfield.add answered \(String(describing: answer))") }
    }

    /// The file each lead's file fields hold, by the portal's lead ID: "field name size sha256".
    private func fieldFiles(_ portal: PortalProcess) throws -> [String: [String]] {
        let byLead = try #require(try portal.control("field-files") as? [String: [String: [String: Any]]])
        return byLead.mapValues { fields in
            fields.keys.sorted().map { key in "\(key) \(fields[key]?["name"] ?? "") \(fields[key]?["size"] ?? "") \(fields[key]?["sha256"] ?? "")" }
        }
    }

    /// Runs the daemon until `done` holds (or 60 s pass), then stops it with SIGTERM; returns its log.
    private func daemonUntil(_ done: () throws -> Bool) throws -> (Bool, String) {
        let (daemon, _, err) = try cli.start(["daemon"])
        let log = ReadAll(err.fileHandleForReading)
        defer { if daemon.isRunning { kill(daemon.processIdentifier, SIGKILL) } }
        let finished = try eventually(60, done)
        kill(daemon.processIdentifier, SIGTERM)
        daemon.waitUntilExit()
        return (finished, log.text())
    }

    @Test func aCardPhotoIsWrittenIntoTheFileFieldByteForByte() throws {
        let portal = try PortalProcess(["--rate", "0"])
        defer { portal.stop() }
        try addField(portal, code: "CARD_PHOTO", type: "file")
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        let set = try cli.run(["config", "set", "event.photo_field", "uf_crm_card_photo"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(try cli.run(["config", "show"]).stdout.contains("photo_field = \"\(Self.field)\""))
        let check = try cli.run(["portal", "check"])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("ok   Photo field: card photos are written into UF_CRM_CARD_PHOTO, a field of type File."))

        let photo = try cli.photoFile("визитка.jpg", count: 250_000, seed: 3)
        let added = try cli.run(["add", "--name", "Марина", "--email", "marina@example.com", "--attach-photo", photo.path])
        #expect(added.status == 0, "\(added.stderr)")
        let (done, log) = try daemonUntil { try cli.noteStates() == ["synced"] && (try cli.sqlite("SELECT state FROM lead") == "synced") }
        let states = try cli.noteStates()
        #expect(done, "\(states) \(log)")

        let remote = try cli.sqlite("SELECT remote_id FROM lead")
        #expect(try fieldFiles(portal) == [remote: ["\(Self.field) визитка.jpg 250000 \(photo.sha256)"]])
        #expect(try cli.sqlite("SELECT remote_id FROM note") == "1", "the note's remote ID is the field's file")
        let stats = try #require(try portal.control("stats") as? [String: Any])
        #expect(stats["attachments"] as? Int == 0 && stats["field_file_writes"] as? Int == 1)
        #expect(try #require(try portal.control("comments") as? [Any]).isEmpty, "no timeline comment")
    }

    @Test func thePhotoEndsInTheFieldOnceAfterAKillAndLostAnswers() throws {
        let portal = try PortalProcess(["--rate", "0", "--seed", "7"])
        defer { portal.stop() }
        try addField(portal, code: "CARD_PHOTO", type: "file")
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        #expect(try cli.run(["config", "set", "event.photo_field", Self.field]).status == 0)
        // The field holds the first photo while the killed daemon still waited to hear so; the
        // next daemon's first answers are lost (its batch, then the photo's lookup or write).
        let (first, second) = try cli.photosThroughAKillAndLostAnswers(portal) { try fieldFiles(portal).count == 1 }
        let stats = try #require(try portal.control("stats") as? [String: Any])
        #expect(stats["field_files"] as? Int == 2)
        #expect(stats["field_file_writes"] as? Int ?? 0 >= 3, "the first photo was written again after the kill")
        #expect(stats["attachments"] as? Int == 0)
        #expect(try #require(try portal.control("comments") as? [Any]).isEmpty, "no timeline comment was made")
        let remote = try cli.sqlite("SELECT remote_id FROM lead ORDER BY id").split(separator: "\n").map(String.init)
        #expect(
            try fieldFiles(portal) == [
                remote[0]: ["\(Self.field) card.jpg \(300 * 1024) \(first.sha256)"], remote[1]: ["\(Self.field) badge.jpeg 120000 \(second.sha256)"],
            ])
    }

    @Test func aFieldThePortalLacksFailsThePhotoWithASentenceAndTheLeadStaysSynced() throws {
        let portal = try PortalProcess(["--rate", "0"])
        defer { portal.stop() }
        #expect(try cli.run(["config", "set", "webhook", portal.webhook]).status == 0)
        #expect(try cli.run(["config", "set", "event.photo_field", Self.field]).status == 0)
        let check = try cli.run(["portal", "check"])
        #expect(check.status == 0, "a warning, not a failure: \(check.stdout)")
        #expect(check.stdout.contains("WARN Photo field: event.photo_field names UF_CRM_CARD_PHOTO, which this portal has no field for"))
        // The cached schema lacks the field too; the lead is saved all the same.
        #expect(try cli.run(["portal", "refresh"]).status == 0)
        let photo = try cli.photoFile("card.jpg", count: 40_000, seed: 5)
        let added = try cli.run(["add", "--name", "Ольга", "--attach-photo", photo.path])
        #expect(added.status == 0, "\(added.stderr)")

        let (done, log) = try daemonUntil { try cli.noteStates() == ["failed"] && (try cli.sqlite("SELECT state FROM lead") == "synced") }
        let states = try cli.noteStates()
        #expect(done, "\(states) \(log)")
        #expect(
            try cli.sqlite("SELECT last_error_message FROM note")
                == "The portal has no lead field UF_CRM_CARD_PHOTO, so it dropped the photo; create a lead field of type File with that code, or clear event.photo_field, then retry it (`leadbox retry`, or r on the lead)."
        )
        #expect(try cli.sqlite("SELECT state FROM lead") == "synced")
        #expect(try fieldFiles(portal).isEmpty)
        #expect(try #require(try portal.control("comments") as? [Any]).isEmpty)
        #expect(try cli.sqlite("SELECT length(bytes) FROM note_file") == "40000", "the failed photo is kept for a retry")
    }
}
