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

/// Does one step of the note lane — look up the in-doubt notes of one lead, or send one due
/// note — and returns what it taught about the portal; nil when no note needed anything. A
/// lead's photo is a note whose comment carries the JPEG (`FILES`): the same claim, marker and
/// lookup make it reach the timeline once.
///
/// Every store call goes through `LeadStore.awaiting`, as the lead lane's do, so the engine's
/// actor never waits on SQLite. Runs inside the engine (one per database, see `EngineLock`) and finishes its request before
/// it returns, so a note found `sending` when it starts was left by a process that died: it is
/// made in doubt first (the policy has already booked the request slot). `ages`
/// times the notes this engine sent whose outcome is unknown, on the steady clock.
public func deliverDueNotes(
    store: LeadStore, client: Bitrix24Client, clock: any SyncClock, settle: TimeInterval, ages: inout SendAges,
    logger: Logger
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
