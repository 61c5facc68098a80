import Camera
import Foundation
import LeadCore
import LeadStore

/// The UI's state together with the outbox it shows: runs the reducer's commands against the
/// store, keeps the visible data fresh, and autosaves the draft. No terminal code here, so the
/// whole loop minus drawing runs in tests.
public final class Session {
    public private(set) var state: AppState
    let store: LeadStore
    let onSyncNow: (@Sendable () -> Void)?
    let onLeadSaved: (@Sendable () -> Void)?
    let cameraSetup: CameraSetup
    /// F7's still read as a business card, off the input thread (Tesseract takes seconds).
    private let cardReading: BackgroundQuery<CardAnswer>
    /// The camera's reader while it is on, and the last one stopped (a new one waits for it to
    /// give the device back).
    private var camera: CameraReader?
    private var stoppedCamera: CameraReader?
    private var lastToken: String?
    /// The list window and the status-line counts are asked off the input thread.
    private let outboxQuery: BackgroundQuery<OutboxAnswer>
    private let statusQuery: BackgroundQuery<StatusInfo>
    private var askedOutbox: OutboxQuery?
    /// The filter and search the shown total belongs to.
    private var answeredKey: String?
    private var savedDraftRevision: Int
    private var lastEditAt: Date?
    /// Set by the quit command; the loop ends.
    public private(set) var finished = false
    /// Set by the suspend command; the backend suspends and clears it.
    public var suspendRequested = false

    /// How long typing must pause before the draft is written (it is also written on quit).
    static let draftDelay: TimeInterval = 0.7

    /// - parameter queriesInBackground: false answers every list and count query at once on the
    ///   calling thread (tests that step through the flow key by key).
    public init(
        store: LeadStore, options: TerminalUIOptions, width: Int, height: Int, now: Date = Date(), timeZone: TimeZone = .current,
        queriesInBackground: Bool = true
    ) {
        self.store = store
        outboxQuery = BackgroundQuery(label: "outbox", inBackground: queriesInBackground)
        statusQuery = BackgroundQuery(label: "status", inBackground: queriesInBackground)
        onSyncNow = options.onSyncNow
        onLeadSaved = options.onLeadSaved
        cameraSetup = options.camera
        cardReading = BackgroundQuery(label: "card", inBackground: queriesInBackground)
        let schema = (try? store.cachedSchema()) ?? nil
        var form = FormState(
            schema: schema, profile: EventProfile(defaults: options.eventDefaults, questions: options.questions, consent: options.consent))
        form.scanField = options.scanField
        var banner: Banner?
        if let json = try? store.draft(), let draft = Draft.decode(json) {
            draft.restore(into: &form)
            banner = Banner(
                .info, "Restored the lead you were typing before leadbox closed\(form.photo == nil ? "" : ", with its card photo").")
        }
        savedDraftRevision = form.revision
        state = AppState(
            form: form, width: width, height: height, now: now, timeZone: timeZone,
            theme: Theme(ascii: options.ascii, color: !options.noColor))
        state.banner = banner
        refresh(now: now, force: true)
    }

    // MARK: - Events

    /// One key through the reducer, then its commands against the store.
    public func handle(_ key: KeyEvent, now: Date = Date()) {
        state.now = now
        // The quit guard decides on how many leads wait: read that now (a counter read), not
        // from the background answer that may still be on its way after a save.
        if key == .control("q") || key == .control("c") { readWaitingNow() }
        let revision = state.form.revision
        let commands = state.handle(key)
        if state.form.revision != revision { lastEditAt = now }
        for command in commands { perform(command) }
        refresh(now: now, force: !commands.isEmpty)
    }

    private func readWaitingNow() {
        guard let counts = try? store.counts() else { return }
        state.status.waiting = counts.waiting
        state.status.failed = counts[.failed]
        state.status.engineElsewhere = QuitGuard.engineElsewhere(databasePath: store.path)
    }

    /// Called a few times a second: picks up what the daemon or another process changed, and
    /// writes the draft once typing has paused. Returns whether the screen needs redrawing.
    @discardableResult
    public func tick(now: Date = Date()) -> Bool {
        let before = state
        state.now = now
        if let edited = lastEditAt, now.timeIntervalSince(edited) >= Session.draftDelay { saveDraft() }
        refresh(now: now, force: false)
        // Ages and clocks move by the minute; redraw then, not on every tick.
        var comparable = state
        comparable.now = before.now
        return comparable != before || Int(now.timeIntervalSince1970) / 60 != Int(before.now.timeIntervalSince1970) / 60
    }

    /// Writes the form as the draft, or clears it once the form is empty. Only new leads have
    /// drafts: an edit is short, and its lead is already safe on disk.
    public func saveDraft() {
        lastEditAt = nil
        // While an existing lead is being edited, the new lead set aside is the draft.
        guard let newLead = state.form.editing == nil ? state.form : state.newLeadAside,
            newLead.revision != savedDraftRevision
        else { return }
        do {
            if newLead.isBlank { try store.clearDraft() } else { try store.saveDraft(Draft(newLead).json) }
            savedDraftRevision = newLead.revision
        } catch {
            state.banner = Banner(.error, "The draft could not be saved: \(error)")
        }
    }

    // MARK: - Commands

    private func perform(_ command: Command) {
        do {
            switch command {
            case .save(let request):
                let result = try store.add(request, clearingDraft: true)
                onLeadSaved?()
                let id = result.record.id
                var text = "Saved lead #\(id) (\(result.record.state.word) to be sent): \(result.record.title)."
                if let duplicate = result.duplicates.first {
                    text += " Same \(duplicate.kind.spokenName) as lead #\(duplicate.leadID)."
                }
                state.form.reset()
                savedDraftRevision = state.form.revision
                lastEditAt = nil
                state.banner = Banner(result.duplicates.isEmpty ? .success : .warning, text)
            case .update(let id, let lead):
                let record = try store.edit(id: id, lead: lead)
                state.finishEdit()
                try openDetail(id)
                state.banner = Banner(
                    .success, "Lead #\(id) saved; it is \(record.state.word)" + (record.state == .failed ? ". Press r to retry it." : "."))
            case .retry(let id):
                let requeued = try store.retry(id: id)
                try openDetail(id)
                state.banner = Banner(
                    .success,
                    requeued.leads > 0
                        ? "Lead #\(id) is queued again and will be sent on the next sync."
                        : "Lead #\(id)'s refused \(requeued.notes == 1 ? "photo or note is" : "photos or notes are") queued again for the next sync.")
                onSyncNow?()
            case .discard(let id):
                _ = try store.discard(id: id)
                try openDetail(id)
                state.banner = Banner(.info, "Lead #\(id) was discarded; it will not be sent.")
            case .openDetail(let id):
                try openDetail(id)
                state.banner = nil
            case .addNote(let id, let text):
                state.banner = NoteInput.banner(for: try store.addNote(leadID: id, text: text), leadID: id)
                if state.screen == .detail { try openDetail(id) }
            case .checkDuplicates(let lead, let excluding):
                state.form.duplicates = try store.duplicates(of: lead, excluding: excluding)
            case .syncNow:
                if let onSyncNow {
                    onSyncNow()
                    state.banner = Banner(.info, "Asked the sync engine to send now.")
                } else {
                    state.banner = Banner(.warning, "No sync engine is connected here; run `leadbox daemon` or `leadbox sync`.")
                }
            case .openCamera:
                camera = CameraReader.start(cameraSetup, after: stoppedCamera ?? camera)
            case .stopCamera:
                stopCamera()
            case .takeCardPhoto:
                camera?.takeStill()
                state.banner = Banner(.info, "Taking a card photo…")
            case .suspend:
                saveDraft()
                state.camera = nil
                stopCamera()
                suspendRequested = true
            case .quit:
                saveDraft()
                stopCamera()
                // The device is given back before the process ends (bounded: one poll and one scan).
                stoppedCamera?.waitUntilFinished()
                finished = true
            }
        } catch {
            state.banner = Banner(.error, "\(error)")
        }
    }

    // MARK: - Camera

    /// Whether the camera is on: the loop then looks for its answers sooner.
    public var isCameraOn: Bool { camera != nil }

    /// Gives the camera back (Esc, a code read, quitting); its thread lets go of the device
    /// within a frame. Does not wait.
    public func stopCamera() {
        guard let camera else { return }
        camera.stop()
        stoppedCamera = camera
        self.camera = nil
    }

    /// What the camera found since the last look, into the state as a scan would come.
    private func collectCamera() -> Bool {
        guard let reader = camera else { return false }
        let events = reader.take()
        // Events after the one that stopped the camera (a code, a still, a failure, the end) are
        // the stopped reader's leftovers: a still after a code would read a card over the badge.
        for event in events where camera != nil {
            switch event {
            case .watching(let device):
                state.cameraWatching(device: device)
            case .read(let code):
                for command in state.cameraRead(code.text) { perform(command) }
                reader.noteNow("filled")
            case .still(let still):
                state.cameraStillTaken(width: still.grey.width, height: still.grey.height)
                stopCamera()
                cardReading.ask { _ in try CardAnswer(reading: still) }
            case .failed(let error):
                state.cameraFailed(error.description)
                stopCamera()
            case .ended:
                state.cameraEnded()
                stopCamera()
            }
        }
        return !events.isEmpty
    }

    private func openDetail(_ id: Int64) throws {
        state.detail = try store.detail(id: id)
        state.detailScroll = 0
        state.screen = .detail
    }

    // MARK: - Keeping the data fresh

    /// Whether a list or count query is still out (the loop then polls for its answer sooner).
    public var isWaitingForQueries: Bool { outboxQuery.isWaiting || statusQuery.isWaiting || cardReading.isWaiting }

    /// Puts answers that arrived into the state; returns whether any did.
    @discardableResult
    public func collectAnswers() -> Bool {
        // A badge from the camera or a card read fills the form without a key: the draft is
        // written after the same pause as typing, so a crash then keeps what was read.
        let revision = state.form.revision
        defer { if state.form.revision != revision { lastEditAt = state.now } }
        var arrived = collectCamera()
        if let result = cardReading.take() {
            arrived = true
            switch result {
            case .success(let answer):
                for command in state.cardRead(answer.reading, photo: answer.photo) { perform(command) }
            case .failure(let error):
                state.cardReadFailed("\(error)")
            }
        }
        if let result = statusQuery.take() {
            arrived = true
            switch result {
            case .success(let status): state.statusArrived(status)
            case .failure(let error): state.banner = Banner(.error, "\(error)")
            }
        }
        if let result = outboxQuery.take() {
            arrived = true
            switch result {
            case .success(let answer):
                // The rows are shown as they came, even when the person moved on meanwhile: the
                // previous rows stay until newer ones arrive.
                state.outbox.total = answer.total
                state.outbox.keepSelectionVisible(height: state.height)
                state.outbox.rows = answer.rows
                state.outbox.rowsOffset = answer.offset
                answeredKey = answer.key
            case .failure(let error):
                state.banner = Banner(.error, "\(error)")
            }
        }
        return arrived
    }

    /// Waits (bounded) until every query asked so far is answered, then takes the answers.
    @discardableResult
    public func settle(timeout: TimeInterval = 10) -> Bool {
        let answered = outboxQuery.waitUntilAnswered(timeout: timeout) && statusQuery.waitUntilAnswered(timeout: timeout)
        collectAnswers()
        return answered
    }

    /// Asks again for the status line, the visible list window and the open lead when the
    /// store's change token moved, and for the list window whenever the view needs other rows.
    private func refresh(now: Date, force: Bool) {
        collectAnswers()
        // A token that cannot be read says nothing: ask again rather than keep an old screen.
        let token = try? store.changeToken()
        let changed = force || token == nil || token != lastToken
        lastToken = token
        if changed {
            let store = self.store
            statusQuery.ask { _ in
                let counts = try store.counts()
                let refused = try store.noteCounts().failed
                return StatusInfo(
                    portal: try store.portalStatus(), waiting: counts.waiting, failed: counts[.failed], sentToday: counts.syncedToday,
                    engineElsewhere: QuitGuard.engineElsewhere(databasePath: store.path), refusedNotes: refused,
                    refusedNoteLead: refused > 0 ? try store.failedNotes(limit: 1).first?.leadID : nil)
            }
            if state.screen == .detail, let id = state.detail?.id {
                do {
                    state.detail = try store.detail(id: id)
                } catch {
                    state.banner = Banner(.error, "\(error)")
                }
            }
        }
        if state.screen == .outbox { askOutboxWindow(force: changed) }
        collectAnswers()
    }

    private func askOutboxWindow(force: Bool) {
        let sameLeads = !force && answeredKey == OutboxQuery(state.outbox, height: state.height, knownTotal: nil).key
        let query = OutboxQuery(state.outbox, height: state.height, knownTotal: sameLeads ? state.outbox.total : nil)
        guard force || !query.asksSame(as: askedOutbox) else { return }
        askedOutbox = query
        let store = self.store
        outboxQuery.ask { cancellation in try query.run(store, cancellation) }
    }
}
