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
    private var lastToken: String?
    private var loadedWindow: (key: String, range: Range<Int>)?
    private var savedDraftRevision: Int
    private var lastEditAt: Date?
    /// Set by the quit command; the loop ends.
    public private(set) var finished = false
    /// Set by the suspend command; the backend suspends and clears it.
    public var suspendRequested = false

    /// How long typing must pause before the draft is written (it is also written on quit).
    static let draftDelay: TimeInterval = 0.7

    public init(store: LeadStore, options: TerminalUIOptions, width: Int, height: Int, now: Date = Date(), timeZone: TimeZone = .current) {
        self.store = store
        onSyncNow = options.onSyncNow
        let schema = (try? store.cachedSchema()) ?? nil
        var form = FormState(schema: schema, defaults: options.eventDefaults)
        form.scanField = options.scanField
        var banner: Banner?
        if let json = try? store.draft(), let draft = Draft.decode(json) {
            draft.restore(into: &form)
            banner = Banner(.info, "Restored the lead you were typing before leadbox closed.")
        }
        savedDraftRevision = form.revision
        state = AppState(form: form, width: width, height: height, now: now, timeZone: timeZone,
                         theme: Theme(ascii: options.ascii, color: !options.noColor))
        state.banner = banner
        refresh(now: now, force: true)
    }

    // MARK: - Events

    /// One key through the reducer, then its commands against the store.
    public func handle(_ key: KeyEvent, now: Date = Date()) {
        state.now = now
        let revision = state.form.revision
        let commands = state.handle(key)
        if state.form.revision != revision { lastEditAt = now }
        for command in commands { perform(command) }
        refresh(now: now, force: !commands.isEmpty)
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
              newLead.revision != savedDraftRevision else { return }
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
            case .save(let lead, let rawScan):
                let result = try store.add(lead, rawScan: rawScan, clearingDraft: true)
                let id = result.record.id
                var text = "Saved lead #\(id) (\(result.record.state.word) to be sent): \(result.record.title)."
                if let duplicate = result.duplicates.first {
                    text += " Same \(duplicate.kind == "email" ? "e-mail" : "phone") as lead #\(duplicate.leadID)."
                }
                state.form.reset()
                savedDraftRevision = state.form.revision
                lastEditAt = nil
                state.banner = Banner(result.duplicates.isEmpty ? .success : .warning, text)
            case .update(let id, let lead):
                let record = try store.edit(id: id, lead: lead)
                state.finishEdit()
                try openDetail(id)
                state.banner = Banner(.success, "Lead #\(id) saved; it is \(record.state.word)" + (record.state == .failed ? ". Press r to retry it." : "."))
            case .retry(let id):
                _ = try store.retry(id: id)
                try openDetail(id)
                state.banner = Banner(.success, "Lead #\(id) is queued again and will be sent on the next sync.")
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
            case .suspend:
                saveDraft()
                suspendRequested = true
            case .quit:
                saveDraft()
                finished = true
            }
        } catch {
            state.banner = Banner(.error, "\(error)")
        }
    }

    private func openDetail(_ id: Int64) throws {
        state.detail = try store.detail(id: id)
        state.detailScroll = 0
        state.screen = .detail
    }

    // MARK: - Keeping the data fresh

    /// Reloads the status line, the visible list window and the open lead when the store's
    /// change token moved, and the list window whenever the view needs other rows.
    private func refresh(now: Date, force: Bool) {
        let token = try? store.changeToken()
        let changed = force || token != lastToken
        lastToken = token
        do {
            if changed {
                let counts = try store.counts()
                state.status = StatusInfo(portal: try store.portalStatus(), waiting: counts.waiting, failed: counts[.failed], sentToday: counts.syncedToday,
                                          engineElsewhere: QuitGuard.engineElsewhere(databasePath: store.path))
                if state.screen == .detail, let id = state.detail?.id {
                    state.detail = try store.detail(id: id)
                }
            }
            if state.screen == .outbox { try loadOutboxWindow(force: changed) }
        } catch {
            state.banner = Banner(.error, "\(error)")
        }
    }

    private func loadOutboxWindow(force: Bool) throws {
        var outbox = state.outbox
        let search = outbox.search.trimmingSpaces.isEmpty ? nil : outbox.search
        let key = "\(outbox.filter?.rawValue ?? "all")|\(outbox.search)"
        if force || loadedWindow?.key != key {
            outbox.total = try store.count(state: outbox.filter, search: search)
            outbox.keepSelectionVisible(height: state.height)
        }
        let range = outbox.neededWindow(height: state.height)
        if force || loadedWindow?.key != key || loadedWindow?.range != range {
            outbox.rows = try store.list(state: outbox.filter, search: search, limit: max(1, range.count), offset: range.lowerBound).map(OutboxRow.init)
            outbox.rowsOffset = range.lowerBound
            loadedWindow = (key, range)
        }
        state.outbox = outbox
    }
}
