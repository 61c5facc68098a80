import FakePortal
import Foundation
import LeadCore
import Logging
import Testing

@testable import Bitrix24
@testable import LeadStore
@testable import SyncEngine

/// A lead's photo through the note lane: a timeline comment with `FILES`, exactly once and byte
/// for byte through lost answers, and paced with the leads.
@Suite(.serialized) struct PhotoDeliveryTests {
    static func jpeg(_ count: Int, seed: UInt64) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        return [0xFF, 0xD8, 0xFF, 0xE0] + (4..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
    }

    static func capture(_ name: String, photo: [UInt8]?) throws -> CaptureRequest {
        CaptureRequest(
            asCaptured: Lead(values: ["NAME": name, "TITLE": name]), photo: try photo.map { try LeadPhoto(fileName: "\(name).jpg", jpeg: $0) })
    }

    /// The files on each lead's timeline, by ORIGIN_ID: (name, sha256) in order.
    static func attachments(_ portal: FakePortal) async -> [String: [String]] {
        let origin = Dictionary(uniqueKeysWithValues: await portal.leads().compactMap { lead in lead.originID.map { (lead.id, $0) } })
        var files: [String: [String]] = [:]
        for comment in await portal.comments() where comment.entityType == "lead" {
            files[origin[comment.entityID] ?? "?", default: []] += comment.files.map { "\($0.name) \($0.sha256)" }
        }
        return files
    }

    @Test func everyPhotoReachesItsTimelineOnceByteForByteThroughLostAnswers() async throws {
        let harness = try await TestPortal.start { $0.seed = 5 }
        defer { Task { await harness.stop() } }
        let photos = (0..<6).map { Self.jpeg(LeadPhoto.maximumBytes - $0 * 1000, seed: UInt64($0)) }
        let leads = try harness.store.addAll(try photos.enumerated().map { try Self.capture("Гость \($0.offset)", photo: $0.element) })
        // The leads reach the portal first, as the lead lane leaves them; then answers get lost.
        let client = harness.client()
        try await harness.syncLeadsByHand(leads)
        // A process died after claiming one photo and sending it: the comment exists, unrecorded.
        let abandoned = try #require(try harness.store.claimDueNote())
        let bytes = try #require(try harness.store.noteFileBytes(noteID: abandoned.id))
        let started = ContinuousClock.now
        _ = try await client.addTimelineComment(
            leadID: abandoned.leadRemoteID!, text: abandoned.comment, files: [TimelineFile(name: abandoned.fileName!, bytes: bytes)])
        let oneSend = ContinuousClock.now - started
        await harness.portal.configure { $0.faults = [.drop: 0.35, .reset: 0.1] }

        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let clock = SystemClock()
        var ages = SendAges(engineStart: clock.steadyNow())
        var lost = 0
        let delivered = try await waitUntil(90) {
            if case .troubled = try await deliverDueNotes(
                store: harness.store, client: client, clock: clock, settle: 0.2, ages: &ages, logger: logger)
            {
                lost += 1
            }
            return try leads.allSatisfy { lead in try harness.store.notes(leadID: lead.id).allSatisfy { $0.state == .synced } }
        }
        #expect(delivered)
        #expect(lost > 0, "no answer was lost")
        let onPortal = await Self.attachments(harness.portal)
        for (lead, photo) in zip(leads, photos) {
            #expect(onPortal[lead.uuid] == ["\(lead.lead["NAME"]!).jpg \(SHA256.hex(photo))"], "lead \(lead.id)")
        }
        #expect(await harness.portal.stats().attachments == 6)
        // Each note's remote ID is the comment that carries its file.
        for lead in leads {
            let note = try #require(try harness.store.notes(leadID: lead.id).first)
            #expect(await harness.portal.comments().first { $0.id == note.remoteID }.map { NoteText.marker(in: $0.comment) } == note.uuid)
        }
        // A 300 KB comment over loopback: the figure the report quotes.
        #expect(oneSend < .seconds(5), "one photo took \(oneSend)")
    }

    /// The photos' requests take slots of the same bucket as the leads' batches: a portal with
    /// a small bucket never refuses one, every lead arrives, and every photo once.
    @Test func photosArePacedWithTheLeadsAndNeverProvokeARefusal() async throws {
        let harness = try await TestPortal.start {
            $0.rate = 20
            $0.burst = 5
        }
        defer { Task { await harness.stop() } }
        let requests = try (0..<300).map {
            try Self.capture("Лид \($0)", photo: $0 % 30 == 0 ? Self.jpeg(LeadPhoto.maximumBytes, seed: UInt64($0)) : nil)
        }
        _ = try harness.store.addAll(requests)
        let started = ContinuousClock.now
        let result = await harness.engine(rate: 20, burst: 5).drain(deadline: Date().addingTimeInterval(60))
        let took = ContinuousClock.now - started
        #expect(result == .finished(failed: 0))
        let stats = await harness.portal.stats()
        #expect(stats.requestsByStatus[503] == nil)
        #expect(stats.leads == 300 && stats.extraCopies == 0)
        #expect(stats.attachments == 10)
        #expect(try await harness.exactlyOnceProblems(expected: 300).isEmpty)
        #expect(took < .seconds(30), "300 leads and 10 photos took \(took)")
        // The leads go first: no photo's upload holds up a lead.
        let leads = try harness.store.list(limit: 400)
        let lastLead = try #require(leads.compactMap(\.syncedAt).max())
        let firstPhoto = try #require(try leads.flatMap { try harness.store.notes(leadID: $0.id) }.compactMap(\.syncedAt).min())
        #expect(lastLead <= firstPhoto)
    }
}
