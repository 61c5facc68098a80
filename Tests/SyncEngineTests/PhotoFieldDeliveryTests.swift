import FakePortal
import Foundation
import LeadCore
import Logging
import Testing

@testable import Bitrix24
@testable import LeadStore
@testable import SyncEngine

/// A lead's photo written into its file field (`event.photo_field`): `PhotoFieldPlanner`'s table
/// on real notes, and `deliverDueNotes` against the stand-in — the field holds the photo byte for
/// byte through lost answers, a field the portal lacks fails the photo with a sentence, and an
/// in-doubt comment is looked up on the timeline whatever is set now.
@Suite(.serialized) struct PhotoFieldDeliveryTests {
    static let field = "UF_CRM_CARD_PHOTO"

    private static var quiet: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    /// Leads with photos (and one typed note on the first), synced as the lead lane leaves them.
    private static func syncedLeadsWithPhotos(_ harness: TestPortal, photos: [[UInt8]]) async throws -> [LeadRecord] {
        let requests = try photos.enumerated().map { index, jpeg in
            CaptureRequest(
                asCaptured: Lead(values: ["NAME": "Гость \(index)", "TITLE": "Гость \(index)"]),
                photo: try LeadPhoto(fileName: "card-\(index).jpg", jpeg: jpeg))
        }
        let leads = try harness.store.addAll(requests)
        try await harness.syncLeadsByHand(leads)
        return leads
    }

    private static func addFileField(_ harness: TestPortal, code: String = "CARD_PHOTO", type: String = "file") async throws {
        _ = try await harness.client().call(
            "crm.lead.userfield.add", ["fields": ["FIELD_NAME": .string(code), "USER_TYPE_ID": .string(type)]]
        ).get()
    }

    // MARK: The planner's table

    @Test func everyAnswerMovesThePhotoNoteToAnHonestState() async throws {
        let harness = try await TestPortal.start()
        defer { Task { await harness.stop() } }
        _ = try await Self.syncedLeadsWithPhotos(harness, photos: [PhotoDeliveryTests.jpeg(1000, seed: 1)])
        let note = try #require(try harness.store.claimDueNote())
        let now = Date(timeIntervalSince1970: 2_000_000)
        func plan(_ result: Result<LeadFileFieldValue, CallFailure>) -> (NoteTransition, PortalVerdict) {
            PhotoFieldPlanner.afterWrite(note, field: Self.field, result: result, now: now, backoff: 30)
        }

        let (synced, healthy) = plan(.success(.file(id: 77)))
        #expect(synced == NoteTransition(noteID: note.id, from: [.sending], to: .synced, remoteID: 77, charged: true))
        #expect(healthy == .healthy)

        let (missing, missingVerdict) = plan(.success(.noSuchField))
        #expect(missing.to == .failed && missing.errorCode == "NO_SUCH_FIELD" && missing.charged)
        #expect(
            missing.message
                == "The portal has no lead field UF_CRM_CARD_PHOTO, so it dropped the photo; create a lead field of type File with that code, or clear event.photo_field, then retry it (`leadbox retry`, or r on the lead)."
        )
        #expect(missingVerdict == .healthy, "one lead's field is no trouble of the portal's")
        let (notKept, _) = plan(.success(.empty))
        #expect(notKept.to == .failed && notKept.errorCode == "FIELD_NOT_KEPT" && notKept.message?.contains("UF_CRM_CARD_PHOTO") == true)

        // A lost answer: written again after the backoff, never looked up, never in doubt.
        let lost = CallFailure(.outcomeUnknown, code: "CONNECTION_LOST", message: "The connection closed before the portal answered.")
        let (again, troubled) = plan(.failure(lost))
        #expect(again.to == .pending && again.nextAttemptAt == now.addingTimeInterval(30) && again.charged)
        #expect(
            again.message
                == "The portal's answer to the photo's write was lost (CONNECTION_LOST); it will be written into UF_CRM_CARD_PHOTO again, which replaces rather than adds it."
        )
        #expect(troubled == .troubled(reason: lost.message))

        // The rest is the lead lane's table: a limit waits uncharged, a refusal needs a person.
        let limit = CallFailure(.rejectedBeforeRunning, code: "QUERY_LIMIT_EXCEEDED", message: "Too many requests.", httpStatus: 503)
        let (deferred, limited) = plan(.failure(limit))
        #expect(deferred.to == .pending && !deferred.charged && deferred.nextAttemptAt == nil)
        #expect(limited == .limited(until: nil, reason: "Too many requests."))
        let refused = CallFailure(.leadRejected, code: "", message: "Not found", httpStatus: 400)
        let (failed, _) = plan(.failure(refused))
        #expect(failed.to == .failed && failed.message == "Not found")
    }

    // MARK: Against the stand-in

    @Test func thePhotoLandsInTheFieldByteForByteAndATypedNoteStaysAComment() async throws {
        let harness = try await TestPortal.start()
        defer { Task { await harness.stop() } }
        try await Self.addFileField(harness)
        let photo = PhotoDeliveryTests.jpeg(LeadPhoto.maximumBytes, seed: 3)
        let lead = try #require(try await Self.syncedLeadsWithPhotos(harness, photos: [photo]).first)
        _ = try harness.store.addNote(leadID: lead.id, text: "Позвонить в понедельник")
        let client = harness.client()
        let clock = SystemClock()
        var ages = SendAges(engineStart: clock.steadyNow())
        for _ in 0..<2 {
            let verdict = try await deliverDueNotes(
                store: harness.store, client: client, clock: clock, settle: 0.2, ages: &ages, photoField: Self.field, logger: Self.quiet)
            #expect(verdict == .healthy)
        }
        let notes = try harness.store.notes(leadID: lead.id)
        let held = await harness.portal.fieldFiles()
        let comments = await harness.portal.comments()
        #expect(notes.map(\.state) == [.synced, .synced])
        #expect(held.count == 1)
        #expect(held.first?.bytes == photo && held.first?.name == "card-0.jpg" && held.first?.field == Self.field)
        #expect(held.first?.leadID == (try harness.store.record(id: lead.id).remoteID))
        #expect(notes.first?.remoteID == held.first?.id, "the photo note's remote ID is the field's file")
        #expect(comments.count == 1 && comments.first?.files.isEmpty == true, "only the typed note is a comment")
        #expect(comments.first?.comment.contains("Позвонить в понедельник") == true)
    }

    @Test func lostAnswersEndWithTheOnePhotoInEachFieldAndNoComment() async throws {
        let harness = try await TestPortal.start { $0.seed = 11 }
        defer { Task { await harness.stop() } }
        try await Self.addFileField(harness)
        let photos = (0..<4).map { PhotoDeliveryTests.jpeg(LeadPhoto.maximumBytes - $0 * 5000, seed: UInt64(20 + $0)) }
        let leads = try await Self.syncedLeadsWithPhotos(harness, photos: photos)
        await harness.portal.configure { $0.faults = [.drop: 0.3, .truncate: 0.1, .reset: 0.1] }
        let client = harness.client()
        let clock = SystemClock()
        var ages = SendAges(engineStart: clock.steadyNow())
        var lost = 0
        let delivered = try await waitUntil(90) {
            if case .troubled = try await deliverDueNotes(
                store: harness.store, client: client, clock: clock, settle: 0.05, ages: &ages, photoField: Self.field, logger: Self.quiet)
            {
                lost += 1
            }
            return try leads.allSatisfy { lead in try harness.store.notes(leadID: lead.id).allSatisfy { $0.state == .synced } }
        }
        #expect(delivered)
        #expect(lost > 0, "no answer was lost")
        let stats = await harness.portal.stats()
        #expect(stats.fieldFiles == 4 && stats.attachments == 0)
        #expect(stats.fieldFileWrites > 4, "a lost answer's photo was written again (\(stats.fieldFileWrites) writes)")
        #expect(await harness.portal.comments().isEmpty)
        let held = Dictionary(uniqueKeysWithValues: await harness.portal.fieldFiles().map { ($0.leadID, $0) })
        for (lead, photo) in zip(leads, photos) {
            let remoteID = try #require(try harness.store.record(id: lead.id).remoteID)
            #expect(held[remoteID]?.bytes == photo, "lead \(lead.id)")
            #expect(try harness.store.notes(leadID: lead.id).first?.remoteID == held[remoteID]?.id)
        }
    }

    @Test func aFieldThePortalLacksFailsThePhotoWithASentenceAndTheLeadStaysSynced() async throws {
        let harness = try await TestPortal.start()
        defer { Task { await harness.stop() } }
        try await Self.addFileField(harness, code: "REMARK", type: "string")
        let leads = try await Self.syncedLeadsWithPhotos(
            harness, photos: [PhotoDeliveryTests.jpeg(2000, seed: 4), PhotoDeliveryTests.jpeg(2000, seed: 5)])
        let client = harness.client()
        let clock = SystemClock()
        var ages = SendAges(engineStart: clock.steadyNow())
        for field in [Self.field, "UF_CRM_REMARK"] {
            let verdict = try await deliverDueNotes(
                store: harness.store, client: client, clock: clock, settle: 0.2, ages: &ages, photoField: field, logger: Self.quiet)
            #expect(verdict == .healthy)
        }
        let missing = try #require(try harness.store.notes(leadID: leads[0].id).first)
        let notAFile = try #require(try harness.store.notes(leadID: leads[1].id).first)
        #expect(missing.state == .failed && missing.lastErrorMessage?.hasPrefix("The portal has no lead field UF_CRM_CARD_PHOTO") == true)
        #expect(notAFile.state == .failed && notAFile.lastErrorMessage?.hasPrefix("The portal did not keep the photo in UF_CRM_REMARK") == true)
        #expect(try leads.map { try harness.store.record(id: $0.id).state } == [.synced, .synced])
        #expect(await harness.portal.fieldFiles().isEmpty)
        #expect(await harness.portal.comments().isEmpty)
    }

    /// The field is read when a photo is sent: a comment whose answer was lost is looked up on
    /// the timeline though photo_field was set meanwhile (found: no second copy in the field),
    /// and a photo that waited goes into the field set while it waited.
    @Test func aPhotoInDoubtAsACommentIsLookedUpOnTheTimelineAfterTheFieldIsSet() async throws {
        let harness = try await TestPortal.start()
        defer { Task { await harness.stop() } }
        try await Self.addFileField(harness)
        let photos = [PhotoDeliveryTests.jpeg(3000, seed: 6), PhotoDeliveryTests.jpeg(3000, seed: 7)]
        let leads = try await Self.syncedLeadsWithPhotos(harness, photos: photos)
        let client = harness.client()
        // The first photo went out as a comment; its sender died before the answer was recorded.
        let inDoubt = try #require(try harness.store.claimDueNote())
        _ = try await client.addTimelineComment(
            leadID: inDoubt.leadRemoteID!, text: inDoubt.comment, files: [TimelineFile(name: inDoubt.fileName!, bytes: photos[0])])
        let clock = SystemClock()
        var ages = SendAges(engineStart: clock.steadyNow().addingTimeInterval(-10))
        for _ in 0..<2 {
            _ = try await deliverDueNotes(
                store: harness.store, client: client, clock: clock, settle: 0.2, ages: &ages, photoField: Self.field, logger: Self.quiet)
        }
        #expect(try harness.store.notes(leadID: leads[0].id).first?.state == .synced)
        #expect(try harness.store.notes(leadID: leads[1].id).first?.state == .synced)
        let comments = await harness.portal.comments()
        let held = await harness.portal.fieldFiles()
        #expect(comments.count == 1 && comments.first?.files.first?.bytes == photos[0])
        #expect(held.count == 1 && held.first?.bytes == photos[1])
    }

    /// A photo in doubt as a comment that never reached the timeline (its sender died before
    /// the request left): the lookup finds nothing, and once the settle bound has passed the
    /// photo is written into the field — once, with no comment made.
    @Test func aPhotoInDoubtThatNeverArrivedIsWrittenIntoTheFieldOnce() async throws {
        let harness = try await TestPortal.start()
        defer { Task { await harness.stop() } }
        try await Self.addFileField(harness)
        let photo = PhotoDeliveryTests.jpeg(3000, seed: 8)
        let leads = try await Self.syncedLeadsWithPhotos(harness, photos: [photo])
        _ = try #require(try harness.store.claimDueNote())  // claimed, then the process died
        let clock = SystemClock()
        var ages = SendAges(engineStart: clock.steadyNow().addingTimeInterval(-10))
        let delivered = try await waitUntil(20) {
            _ = try await deliverDueNotes(
                store: harness.store, client: harness.client(), clock: clock, settle: 0.2, ages: &ages, photoField: Self.field,
                logger: Self.quiet)
            return try harness.store.notes(leadID: leads[0].id).first?.state == .synced
        }
        #expect(delivered)
        #expect(await harness.portal.comments().isEmpty, "no comment was made")
        let held = await harness.portal.fieldFiles()
        #expect(held.count == 1 && held.first?.bytes == photo)
    }
}
