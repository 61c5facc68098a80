import Bitrix24
import Foundation
import LeadCore
import LeadStore
import Logging

/// The note lane's rules, pure like `DeliveryPlanner` and following the same state diagram: a
/// note is `sending` in a committed transaction before its request leaves; an unknown outcome
/// makes it `in_doubt`; an in-doubt note is sent again only when a lookup of its lead's timeline
/// finds no comment with its marker once the portal can no longer be working on the add.
public enum NotePlanner {
    /// The note's move after `crm.timeline.comment.add` answered (or did not).
    public static func afterSend(_ note: NoteRecord, result: Result<Int, CallFailure>) -> (NoteTransition, PortalVerdict) {
        switch result {
        case .success(let commentID):
            return (NoteTransition(noteID: note.id, from: [.sending], to: .synced, remoteID: commentID, charged: true), .healthy)
        case .failure(let failure):
            // The kind → state table is the lead's: one place decides what a failure means.
            let lead = DeliveryPlanner.transition(for: note.id, failure: failure)
            let transition = NoteTransition(
                noteID: note.id, from: [.sending], to: lead.to, errorCode: failure.code,
                message: failure.message, charged: lead.charged)
            return (transition, DeliveryPlanner.verdict(for: failure))
        }
    }

    /// The move of an in-doubt note after its lead's timeline was read: found → synced; absent
    /// and sent `age` ≥ `settle` seconds ago → pending (safe to send again); absent but recent →
    /// still in doubt, looked up again once `settle` has passed. `age` comes from `SendAges`, as
    /// a lead's does, so no jump of the wall clock makes a note look older than it is; `now` (the
    /// wall clock) only dates the next lookup for the outbox's queue.
    public static func resolve(_ note: NoteRecord, found commentID: Int?, age: TimeInterval, now: Date, settle: TimeInterval) -> NoteTransition {
        if let commentID {
            return NoteTransition(noteID: note.id, from: [.inDoubt], to: .synced, remoteID: commentID)
        }
        if age >= settle {
            return NoteTransition(
                noteID: note.id, from: [.inDoubt], to: .pending,
                message: "The lead's timeline has no comment with this note's marker, so it will be sent again.")
        }
        return NoteTransition(noteID: note.id, from: [.inDoubt], to: .inDoubt, nextAttemptAt: now.addingTimeInterval(settle - age))
    }
}

/// The rules of a photo written into the lead's file field (`event.photo_field`) instead of a
/// timeline comment; pure like `NotePlanner`, and reading failures through the same table.
///
/// A write replaces what the field holds, so a write whose outcome is unknown needs no lookup:
/// the note goes back to `pending`, to be written again once `backoff` has passed, and can never
/// make a second copy. But the portal answers `true` even for a field it does not have (it drops
/// unknown fields without a word), so only the field read back decides: a file there is
/// `synced`; a missing field, or one holding no file, is `failed` with a sentence naming it.
public enum PhotoFieldPlanner {
    /// The note's move after its photo was written into `field` and the lead read back (`result`
    /// is the read-back's value), or after either call failed.
    public static func afterWrite(
        _ note: NoteRecord, field: String, result: Result<LeadFileFieldValue, CallFailure>, now: Date, backoff: TimeInterval
    ) -> (NoteTransition, PortalVerdict) {
        switch result {
        case .success(.file(let fileID)):
            return (NoteTransition(noteID: note.id, from: [.sending], to: .synced, remoteID: fileID, charged: true), .healthy)
        case .success(.noSuchField):
            let message =
                "The portal has no lead field \(field), so it dropped the photo; create a lead field of type File with that code, or clear event.photo_field, then retry it (`leadbox retry`, or r on the lead)."
            return (failed(note, code: "NO_SUCH_FIELD", message: message), .healthy)
        case .success(.empty):
            let message =
                "The portal did not keep the photo in \(field): check that it is a lead field of type File that takes a .jpg of this size (or name another in event.photo_field, or clear it), then retry it (`leadbox retry`, or r on the lead)."
            return (failed(note, code: "FIELD_NOT_KEPT", message: message), .healthy)
        case .failure(let failure):
            // The comment's failure table, but for a lost answer, which a replacing write settles.
            var (transition, verdict) = NotePlanner.afterSend(note, result: Result<Int, CallFailure>.failure(failure))
            if transition.to == .inDoubt {
                transition.to = .pending
                transition.nextAttemptAt = now.addingTimeInterval(backoff)
                transition.message =
                    "The portal's answer to the photo's write was lost (\(failure.code)); it will be written into \(field) again, which replaces rather than adds it."
            }
            return (transition, verdict)
        }
    }

    private static func failed(_ note: NoteRecord, code: String, message: String) -> NoteTransition {
        NoteTransition(noteID: note.id, from: [.sending], to: .failed, errorCode: code, message: message, charged: true)
    }
}

/// Does one step of the note lane — look up the in-doubt notes of one lead, or send one due
/// note — and returns what it taught about the portal; nil when no note needed anything. A
/// lead's photo is a note whose comment carries the JPEG (`FILES`): the same claim, marker and
/// lookup make it reach the timeline once.
///
/// With `photoField` (the settings' `event.photo_field`) a photo is written into that field of
/// the lead instead (`PhotoFieldPlanner`); typed notes stay timeline comments. The field is read
/// from the settings each time a photo is sent, not recorded with the photo when it is saved:
/// photos that wait while the setting changes (the admin made the field in the middle of the
/// show, or it proved wrong) go where the booth now wants them, and a failed photo retried after
/// the fix goes to the fixed place. Exactly-once holds either way: an in-doubt note is always
/// looked up on the timeline before anything is sent again (a comment that may exist is found,
/// whatever is set now), and a field write needs no lookup since it replaces. One case leaves
/// two copies, never none: a field write whose answer was lost, then the setting cleared before
/// it is written again, puts the photo in the field and on the timeline.
///
/// Every store call goes through `LeadStore.awaiting`, as the lead lane's do, so the engine's
/// actor never waits on SQLite. Runs inside the engine (one per database, see `EngineLock`) and finishes its request before
/// it returns, so a note found `sending` when it starts was left by a process that died: it is
/// made in doubt first (the policy has already booked the request slot). `ages`
/// times the notes this engine sent whose outcome is unknown, on the steady clock.
public func deliverDueNotes(
    store: LeadStore, client: Bitrix24Client, clock: any SyncClock, settle: TimeInterval, ages: inout SendAges,
    photoField: String? = nil, logger: Logger
) async throws -> PortalVerdict? {
    let startedAt = clock.now()
    let abandoned = try await store.awaiting { try $0.markAbandonedNoteSendsInDoubt(now: startedAt) }
    if abandoned > 0 { logger.notice("\(abandoned) note(s) were being sent when the last engine stopped; they will be looked up before any resend") }
    let inDoubt = try await store.awaiting { try $0.inDoubtNotesDue(limit: 50, now: startedAt) }
    if let first = inDoubt.first, let leadRemoteID = first.leadRemoteID {
        let group = inDoubt.filter { $0.leadID == first.leadID }
        let found: [String: Int]
        do {
            found = try await client.findTimelineComments(leadID: leadRemoteID, uuids: Set(group.map(\.uuid)))
        } catch {
            let verdict = DeliveryPlanner.verdict(for: error)
            return verdict == .healthy ? .troubled(reason: error.message) : verdict
        }
        let now = clock.instant()
        let transitions = group.map {
            NotePlanner.resolve($0, found: found[$0.uuid], age: ages.age(of: $0.id, now: now.steady), now: now.wall, settle: settle)
        }
        _ = try await store.awaiting { try $0.apply(transitions, now: now.wall) }
        ages.forget(transitions.filter { $0.to != .inDoubt }.map(\.noteID))
        logger.info("looked up \(group.count) in-doubt note(s) of lead #\(first.leadID): \(transitions.filter { $0.to == .synced }.count) found")
        return .healthy
    }
    let claimedAt = clock.instant()
    guard let note = try await store.awaiting({ try $0.claimDueNote(now: claimedAt.wall) }), let leadRemoteID = note.leadRemoteID else { return nil }
    ages.sent([note.id], at: claimedAt.steady)
    // A photo's bytes are read only now, for the one request that carries them.
    var files: [TimelineFile] = []
    if let fileName = note.fileName, let bytes = try await store.awaiting({ try $0.noteFileBytes(noteID: note.id) }) {
        files = [TimelineFile(name: fileName, bytes: bytes)]
    }
    if let field = photoField, let file = files.first {
        return try await writePhotoField(
            note, file: file, field: field, leadRemoteID: leadRemoteID, store: store, client: client, clock: clock, backoff: settle,
            ages: &ages, logger: logger)
    }
    let result: Result<Int, CallFailure>
    do { result = .success(try await client.addTimelineComment(leadID: leadRemoteID, text: note.comment, files: files)) } catch {
        result = .failure(error)
    }
    let (transition, verdict) = NotePlanner.afterSend(note, result: result)
    let answeredAt = clock.now()
    _ = try await store.awaiting { try $0.apply([transition], now: answeredAt) }
    if transition.to != .inDoubt { ages.forget([note.id]) }
    logger.info(
        "\(files.isEmpty ? "note" : "photo note") #\(note.id) on lead #\(note.leadID): \(transition.to == .synced ? "added to the timeline" : transition.message ?? transition.to.rawValue)"
    )
    return verdict
}

/// Writes a claimed photo note's file into the lead's `field` and reads the lead back: two
/// requests for the one slot the policy booked (the portal refuses a file upload inside `batch`),
/// the second a small read. Never leaves the note in doubt (see `PhotoFieldPlanner`).
private func writePhotoField(
    _ note: NoteRecord, file: TimelineFile, field: String, leadRemoteID: Int, store: LeadStore, client: Bitrix24Client,
    clock: any SyncClock, backoff: TimeInterval, ages: inout SendAges, logger: Logger
) async throws -> PortalVerdict {
    let result: Result<LeadFileFieldValue, CallFailure>
    do {
        try await client.writeLeadFileField(leadID: leadRemoteID, field: field, file: file)
        result = .success(try await client.leadFileField(leadID: leadRemoteID, field: field))
    } catch {
        result = .failure(error)
    }
    let answeredAt = clock.now()
    let (transition, verdict) = PhotoFieldPlanner.afterWrite(note, field: field, result: result, now: answeredAt, backoff: backoff)
    _ = try await store.awaiting { try $0.apply([transition], now: answeredAt) }
    ages.forget([note.id])
    logger.info(
        "photo note #\(note.id) on lead #\(note.leadID): \(transition.to == .synced ? "written into \(field)" : transition.message ?? transition.to.rawValue)"
    )
    return verdict
}
