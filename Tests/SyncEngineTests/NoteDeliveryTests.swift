import FakePortal
import Foundation
import LeadCore
import Logging
import Testing

@testable import Bitrix24
@testable import LeadStore
@testable import SyncEngine

/// The note lane: its pure rules with a manual clock, and its runner against the fake portal.
@Suite(.serialized) struct NoteDeliveryTests {
    /// A lead the portal has as `remoteID`, as the lead lane leaves it.
    private func syncedLead(_ store: LeadStore, remoteID: Int = 41) throws -> LeadRecord {
        let lead = try store.add(Lead(values: ["NAME": "Ася"])).record
        _ = try store.claimDueLeads(limit: 1)
        try store.apply([LeadTransition(leadID: lead.id, from: [.sending], to: .synced, outcome: "created", remoteID: remoteID)])
        return try store.record(id: lead.id)
    }

    private func temporaryStore() throws -> LeadStore {
        let folder = NSTemporaryDirectory() + "notes-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return try LeadStore(path: folder + "/leads.sqlite")
    }

    @Test func aNoteGoesToCommentsWhileTheLeadWaitsAndToTheOutboxOnceItIsOnItsWay() throws {
        let store = try temporaryStore()
        let waiting = try store.add(Lead(values: ["NAME": "Ждёт", "COMMENTS": "first"])).record
        guard case .appendedToLead(let edited) = try store.addNote(leadID: waiting.id, text: "second") else {
            Issue.record("a waiting lead's note must go to its COMMENTS")
            return
        }
        #expect(edited.lead["COMMENTS"]?.hasPrefix("first\n") == true)
        #expect(edited.lead["COMMENTS"]?.hasSuffix(" second") == true)
        #expect(try store.notes(leadID: waiting.id).isEmpty)

        let claimed = try store.claimDueLeads(limit: 1)  // now `sending`: its fields are on the wire
        #expect(claimed.map(\.id) == [waiting.id])
        guard case .queued(let note) = try store.addNote(leadID: waiting.id, text: "during the send") else {
            Issue.record("a lead being sent must not be edited")
            return
        }
        #expect(note.state == .pending)
        #expect(try store.record(id: waiting.id).lead["COMMENTS"] == edited.lead["COMMENTS"])
        // Not claimable before the lead is synced: there is no ENTITY_ID yet.
        #expect(try store.claimDueNote() == nil)
        try store.apply([LeadTransition(leadID: waiting.id, from: [.sending], to: .synced, outcome: "created", remoteID: 9)])
        let due = try #require(try store.claimDueNote())
        #expect(due.id == note.id && due.leadRemoteID == 9 && due.state == .sending)
        #expect(due.comment.hasSuffix("\nleadbox-note: \(due.uuid)"))
    }

    @Test func theRulesFollowTheLeadsStateDiagram() throws {
        let store = try temporaryStore()
        let lead = try syncedLead(store)
        _ = try store.addNote(leadID: lead.id, text: "x")
        let start = Date(timeIntervalSince1970: 1_000_000)
        let note = try #require(try store.claimDueNote(now: start))

        #expect(
            NotePlanner.afterSend(note, result: .success(5)).0
                == NoteTransition(noteID: note.id, from: [.sending], to: .synced, remoteID: 5, charged: true))
        let lost = NotePlanner.afterSend(note, result: .failure(TestFailures.lostAnswer))
        #expect(lost.0.to == .inDoubt && lost.0.charged)
        #expect(NotePlanner.afterSend(note, result: .failure(TestFailures.rejected)).0.to == .failed)
        #expect(NotePlanner.afterSend(note, result: .failure(TestFailures.refused)).0.to == .pending)

        // Found → synced; absent but recent → looked up again once the settle time is over;
        // absent after it → safe to send again.
        // The age is the steady clock's: a wall clock a day ahead changes only when the next
        // lookup is queued, never whether the note may be sent again.
        #expect(NotePlanner.resolve(note, found: 5, age: 0, now: start, settle: 75).to == .synced)
        let recent = NotePlanner.resolve(note, found: nil, age: 10, now: start.addingTimeInterval(10), settle: 75)
        #expect(recent.to == .inDoubt && recent.nextAttemptAt == start.addingTimeInterval(75))
        let jumped = NotePlanner.resolve(note, found: nil, age: 10, now: start.addingTimeInterval(86_400), settle: 75)
        #expect(jumped.to == .inDoubt && jumped.nextAttemptAt == start.addingTimeInterval(86_400 + 65))
        #expect(NotePlanner.resolve(note, found: nil, age: 75, now: start.addingTimeInterval(75), settle: 75).to == .pending)
    }

    @Test func everyNoteReachesTheTimelineOnceThroughLostAnswersAndAbandonedSends() async throws {
        let harness = try await TestPortal.start {
            $0.seed = 11
            $0.faults = [.drop: 0.35, .reset: 0.1]
        }
        defer { Task { await harness.stop() } }
        let client = harness.client()
        await harness.portal.configure { $0.faults = [:] }
        let remoteID = try await client.addLead(LeadSubmission(localID: 1, originID: "o-1", fields: ["NAME": "Ася"]))
        let lead = try syncedLead(harness.store, remoteID: remoteID)
        await harness.portal.configure { $0.faults = [.drop: 0.35, .reset: 0.1] }
        for index in 0..<12 { _ = try harness.store.addNote(leadID: lead.id, text: "note \(index)") }
        // A process died after claiming one note and sending it: the comment exists, unrecorded.
        let abandoned = try #require(try harness.store.claimDueNote())
        await harness.portal.configure { $0.faults = [:] }
        _ = try await client.addTimelineComment(leadID: remoteID, text: abandoned.comment)
        await harness.portal.configure { $0.faults = [.drop: 0.35, .reset: 0.1] }

        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let clock = SystemClock()
        var verdicts: [PortalVerdict] = []
        var ages = SendAges(engineStart: clock.steadyNow())
        let delivered = try await waitUntil(60) {
            if let verdict = try await deliverDueNotes(store: harness.store, client: client, clock: clock, settle: 0.2, ages: &ages, logger: logger) {
                verdicts.append(verdict)
            }
            return try harness.store.notes(leadID: lead.id).allSatisfy { $0.state == .synced }
        }
        #expect(delivered)
        #expect(verdicts.contains { if case .troubled = $0 { true } else { false } }, "no answer was lost")
        let comments = await harness.portal.comments()
        let markers = comments.compactMap { NoteText.marker(in: $0.comment) }
        let notes = try harness.store.notes(leadID: lead.id)
        #expect(markers.count == 12 && Set(markers) == Set(notes.map(\.uuid)), "\(markers.count) comments for 12 notes")
        for note in notes {
            #expect(comments.first { NoteText.marker(in: $0.comment) == note.uuid }?.id == note.remoteID)
            #expect(comments.first { $0.id == note.remoteID }?.entityID == remoteID)
        }
    }
}

/// Failures of each class, as the client would report them.
enum TestFailures {
    static let lostAnswer = failure(#"{"error":"INTERNAL_SERVER_ERROR","error_description":"x"}"#, status: 500)
    static let rejected = failure(#"{"error":"","error_description":"Not found"}"#, status: 400)
    static let refused = failure(#"{"error":"QUERY_LIMIT_EXCEEDED","error_description":"Too many requests"}"#, status: 503)

    private static func failure(_ body: String, status: Int) -> CallFailure {
        Classifier(method: "crm.timeline.comment.add", endpoint: try! .webhook("https://portal.example/rest/1/code/"))
            .classify(RawResponse(status: status, location: nil, body: Array(body.utf8))).failure!
    }
}
