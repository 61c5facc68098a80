import Foundation
import GRDB
import LeadCore
import Testing

@testable import LeadStore

/// A lead's photo in the outbox: saved with the lead in one transaction, a note of the note lane
/// with its file beside it, carried by a handover, removed by a purge and a discard.
@Suite struct PhotoStoreTests {
    let folder = TemporaryFolder()

    /// A JPEG-looking file of `count` bytes whose body is seeded noise, so it appears nowhere else.
    static func jpeg(_ count: Int = 20_000, seed: UInt64 = 7) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        return [0xFF, 0xD8, 0xFF, 0xE0] + (4..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    static func request(_ name: String, photo: [UInt8]) throws -> CaptureRequest {
        CaptureRequest(
            asCaptured: OutboxTests.lead(name, email: "\(name.lowercased())@example.com"), photo: try LeadPhoto(fileName: "card.jpg", jpeg: photo))
    }

    /// Claims and delivers every pending lead, as the engine would, with portal IDs from 100.
    static func deliverLeads(_ store: LeadStore, now: Date = Date()) throws {
        let claimed = try store.claimDueLeads(limit: 50, now: now)
        try store.apply(
            claimed.enumerated().map { LeadTransition(leadID: $1.id, from: [.sending], to: .synced, outcome: "created", remoteID: 100 + $0) },
            now: now)
    }

    @Test func aPhotoIsSavedWithItsLeadAndReadBackByteForByte() throws {
        let path = folder.file("leads.sqlite")
        let bytes = Self.jpeg(LeadPhoto.maximumBytes)
        let saved = try LeadStore(path: path).add(try Self.request("Anna", photo: bytes)).record
        // Another process opening the file sees the same.
        let store = try LeadStore(path: path)
        let photo = try #require(try store.photo(leadID: saved.id))
        #expect(photo.fileName == "card.jpg")
        #expect(photo.jpeg == bytes)
        let note = try #require(try store.notes(leadID: saved.id).first)
        #expect(note.state == .pending)
        #expect(note.fileName == "card.jpg" && note.fileSize == bytes.count)
        #expect(note.text.hasSuffix(" Photo taken at capture (card.jpg)"))
        #expect(NoteText.marker(in: note.comment) == note.uuid)
        #expect(try store.noteFileBytes(noteID: note.id) == bytes)
        // A lead without a photo has no note.
        let plain = try store.add(OutboxTests.lead("Boris")).record
        #expect(try store.notes(leadID: plain.id).isEmpty)
        #expect(try store.photo(leadID: plain.id) == nil)
    }

    /// A photo the portal refused waits for a person, counted and named; `retry` of its lead
    /// queues it again (its lead is in the CRM, so only the photo moves), due at once with the
    /// error cleared; `retry --failed` takes failed leads and failed notes together.
    @Test func aRefusedPhotoIsCountedAndQueuedAgainByRetry() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let anna = try store.add(try Self.request("Anna", photo: Self.jpeg())).record
        let boris = try store.add(OutboxTests.lead("Boris")).record
        try Self.deliverLeads(store)
        let claimed = try #require(try store.claimDueNote())
        try store.apply([
            NoteTransition(noteID: claimed.id, from: [.sending], to: .failed, errorCode: "ERROR_CORE", message: "File too large", charged: true)
        ])
        #expect(try store.noteCounts() == (waiting: 0, failed: 1))
        #expect(try store.failedNotes().map(\.leadID) == [anna.id])
        #expect(throws: StoreError.self) { try store.retry(id: boris.id) }

        let requeued = try store.retry(id: anna.id)
        #expect(requeued.leads == 0 && requeued.notes == 1 && requeued.record.state == .synced)
        let note = try #require(try store.notes(leadID: anna.id).first)
        #expect(note.state == .pending && note.lastErrorMessage == nil && note.nextAttemptAt == nil && note.attempts == 1)
        #expect(try store.noteCounts() == (waiting: 1, failed: 0))
        #expect(try store.claimDueNote()?.id == note.id, "due at once")

        // A failed lead and another lead's failed photo, queued again in one call.
        try store.apply([NoteTransition(noteID: note.id, from: [.sending], to: .failed, message: "File too large")])
        let carl = try store.add(OutboxTests.lead("Carl")).record
        let claimedCarl = try store.claimDueLeads(limit: 50)
        try store.apply(claimedCarl.map { LeadTransition(leadID: $0.id, from: [.sending], to: .failed, outcome: "rejected", message: "bad") })
        let all = try store.retryAllFailed()
        #expect(all == RequeuedCount(leads: 1, notes: 1))
        #expect(try store.record(id: carl.id).state == .pending)
        #expect(try store.noteCounts() == (waiting: 1, failed: 0))
        #expect(try store.retryAllFailed() == RequeuedCount(leads: 0, notes: 0))
    }

    @Test func thePhotoWaitsForItsLeadThenGoesThroughTheNoteLane() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let lead = try store.add(try Self.request("Anna", photo: Self.jpeg())).record
        #expect(try store.claimDueNote() == nil, "the lead is not in the CRM yet")
        try Self.deliverLeads(store)
        let claimed = try #require(try store.claimDueNote())
        #expect(claimed.leadID == lead.id && claimed.leadRemoteID == 100 && claimed.fileName == "card.jpg")
        #expect(claimed.state == .sending)
        // The engine dies mid-send: the next one looks it up before anything else.
        #expect(try store.markAbandonedNoteSendsInDoubt() == 1)
        #expect(try store.inDoubtNotesDue(limit: 5).map(\.id) == [claimed.id])
    }

    @Test func leadAndPhotoAreSavedTogetherOrNotAtAll() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let bad = OutboxTests.lead("Broken", email: "not-an-address")
        let good = try Self.request("Anna", photo: Self.jpeg())
        let broken = CaptureRequest(asCaptured: bad, photo: try LeadPhoto(fileName: "b.jpg", jpeg: Self.jpeg(seed: 8)))
        #expect(throws: (any Error).self) { try store.addAll([good, broken]) }
        #expect(try store.counts().total == 0)
        let notes = try store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM note") }
        let files = try store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM note_file") }
        #expect(notes == 0 && files == 0)
        // A failure inside the transaction after the lead's INSERT (the photo's row refused by a
        // trigger standing in for a full disk) leaves no lead behind either.
        try store.writer.write {
            try $0.execute(sql: "CREATE TEMP TRIGGER refuse BEFORE INSERT ON note_file BEGIN SELECT RAISE(ABORT, 'disk full'); END")
        }
        #expect(throws: (any Error).self) { try store.add(good) }
        #expect(try store.counts().total == 0)
    }

    @Test func aHandoverCarriesThePhotoAndLeavesNoneBehind() throws {
        let a = try LeadStore(path: folder.file("a.sqlite"))
        let b = try LeadStore(path: folder.file("b.sqlite"))
        let bytes = Self.jpeg()
        let withPhoto = try a.add(try Self.request("Anna", photo: bytes)).record
        _ = try a.add(OutboxTests.lead("Boris"))
        var file: [HandoverLead] = []
        #expect(try a.handOver { file = $0 } == 2)
        #expect(file.map { $0.photo?.fileName } == ["card.jpg", nil])
        #expect(try a.photo(leadID: withPhoto.id) == nil, "the photo left with its lead")
        // Through the file's JSON, as it travels.
        let json = try JSONEncoder().encode(file)
        let travelled = try JSONDecoder().decode([HandoverLead].self, from: json)
        #expect(try b.takeOver(travelled).added == 2)
        let arrived = try #require(try b.list(limit: 5).first { $0.uuid == withPhoto.uuid })
        let photo = try #require(try b.photo(leadID: arrived.id))
        #expect(photo.jpeg == bytes && photo.fileName == "card.jpg")
        #expect(try b.notes(leadID: arrived.id).map(\.text) == [file[0].photo?.text])
    }

    @Test func aHandoverFileWrittenBeforePhotosStillReads() throws {
        // A lead as a handover file of the first format holds it: no "photo" member.
        let old = Data(
            #"[{"uuid":"2b1c6c3e-93a5-4b47-8f35-6d0f5a9e7c11","state":"pending","may_have_reached_portal":false,"fields":{"TITLE":"Old"},"options":{},"attempts":0,"created_at":1780000000,"history":[]}]"#
                .utf8)
        let leads = try JSONDecoder().decode([HandoverLead].self, from: old)
        #expect(leads.first?.photo == nil)
        let store = try LeadStore(path: folder.file("b.sqlite"))
        #expect(try store.takeOver(leads).added == 1)
        // And a lead without a photo is written as before (the checksum of old files is unchanged).
        #expect(!String(decoding: try JSONEncoder().encode(leads), as: UTF8.self).contains("photo"))
    }

    @Test func aHandoverPhotoThatIsNoJPEGIsRefusedAndNothingImported() throws {
        let store = try LeadStore(path: folder.file("b.sqlite"))
        let lead = HandoverLead(
            uuid: "2b1c6c3e-93a5-4b47-8f35-6d0f5a9e7c11", state: .pending, mayHaveReachedPortal: false, fields: ["TITLE": "Old"], options: [:],
            attempts: 0, createdAt: 1_780_000_000, history: [],
            photo: .init(fileName: "x.jpg", text: "t", jpegBase64: Data("not a jpeg".utf8).base64EncodedString()))
        #expect(throws: LeadPhotoError.self) { try store.takeOver([lead]) }
        #expect(try store.counts().total == 0)
    }

    @Test func aPurgeRemovesADeliveredPhotoFromTheFile() throws {
        let path = folder.file("leads.sqlite")
        let store = try LeadStore(path: path)
        let bytes = Self.jpeg(50_000)
        let lead = try store.add(try Self.request("Anna", photo: bytes)).record
        try Self.deliverLeads(store)
        let note = try #require(try store.claimDueNote())
        try store.apply([NoteTransition(noteID: note.id, from: [.sending], to: .synced, remoteID: 5, charged: true)])
        let probe = Data(bytes[1000..<1064])
        #expect(Self.fileBytes(path).range(of: probe) != nil, "the photo is in the file before the purge")
        #expect(try store.purgeDelivered(before: Date().addingTimeInterval(60)).purged == 1)
        #expect(try store.photo(leadID: lead.id) == nil)
        #expect(try store.notes(leadID: lead.id).map(\.state) == [.synced])
        #expect(Self.fileBytes(path).range(of: probe) == nil, "no page of the photo is left in the file or its log")
    }

    @Test func aPhotoNotYetDeliveredSurvivesAPurge() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let bytes = Self.jpeg()
        let lead = try store.add(try Self.request("Anna", photo: bytes)).record
        try Self.deliverLeads(store)
        #expect(try store.purgeDelivered(before: Date().addingTimeInterval(60)).purged == 1)
        #expect(try store.photo(leadID: lead.id)?.jpeg == bytes, "it still has to reach the timeline")
        #expect(try store.claimDueNote()?.leadID == lead.id)
    }

    @Test func aDiscardedLeadsPhotoIsRemoved() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let lead = try store.add(try Self.request("Anna", photo: Self.jpeg())).record
        _ = try store.discard(id: lead.id)
        #expect(try store.photo(leadID: lead.id) == nil)
        #expect(try store.notes(leadID: lead.id).isEmpty)
    }

    /// A typed note written while its lead was in doubt goes with the lead when the lead, refused
    /// after all, is discarded: it would otherwise wait for a lead that never reaches the CRM.
    @Test func aDiscardedLeadsTypedNoteGoesWithIt() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let lead = try store.add(OutboxTests.lead("Boris")).record
        _ = try store.claimDueLeads(limit: 1)
        try store.apply([LeadTransition(leadID: lead.id, from: [.sending], to: .inDoubt, outcome: "unknown")])
        guard case .queued = try store.addNote(leadID: lead.id, text: "call back") else {
            Issue.record("a note on a lead in doubt is queued")
            return
        }
        try store.apply([LeadTransition(leadID: lead.id, from: [.inDoubt], to: .failed, outcome: "rejected", message: "bad")])
        _ = try store.discard(id: lead.id)
        #expect(try store.notes(leadID: lead.id).isEmpty)
        #expect(try store.noteCounts() == (waiting: 0, failed: 0))
    }

    static func fileBytes(_ path: String) -> Data {
        ["", "-wal"].reduce(into: Data()) { $0 += FileManager.default.contents(atPath: path + $1) ?? Data() }
    }
}
