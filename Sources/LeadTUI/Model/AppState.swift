import Foundation
import LeadCore
import LeadStore

/// The screens; the status line and help are on all of them.
public enum Screen: Sendable, Hashable {
    case form
    case outbox
    case detail
}

/// A question that must be answered with y or n before anything destructive happens.
public enum Confirmation: Sendable, Hashable {
    case discard(id: Int64, title: String)
    case clearForm
    /// Quitting would leave undelivered leads with nothing to send them.
    case quit(DeliveryOutlook)
}

/// Work the reducer asks for; the session does it against the store and reports back.
public enum Command: Sendable, Equatable {
    /// A new lead, built as every front door builds one (with the scanner's raw text when it came
    /// from a scan, the answers, the consent and the rating).
    case save(CaptureRequest)
    case update(id: Int64, lead: Lead)
    case retry(Int64)
    case discard(Int64)
    case openDetail(Int64)
    case addNote(leadID: Int64, text: String)
    case checkDuplicates(Lead, excluding: Int64?)
    case syncNow
    /// The camera key: open the camera on its own thread.
    case openCamera
    /// Esc, a code read, or leaving: give the camera back.
    case stopCamera
    /// F7 while the camera is on: a still of the current frame for the card reader.
    case takeCardPhoto
    case suspend
    case quit
}

/// Everything the terminal UI shows, as a value: the reducer changes it, the views draw it.
public struct AppState: Sendable, Equatable {
    public var screen: Screen = .form
    public var showingHelp = false
    public var helpScroll = 0
    public var confirmation: Confirmation?
    /// The quick note being typed, over the outbox or detail screen.
    public var noteInput: NoteInput?
    /// The camera while it is on (F6).
    public var camera: CameraState?
    public var banner: Banner?
    public var form: FormState
    /// The new lead being typed when an edit of an existing lead began; it comes back when the
    /// edit ends, so opening a failed lead never throws away what was typed at the booth.
    public var newLeadAside: FormState?
    public var outbox = OutboxState()
    public var detail: LeadDetail?
    public var detailScroll = 0
    public var status = StatusInfo()
    public var width: Int
    public var height: Int
    /// The clock the views read ages and times from (fixed in tests).
    public var now: Date
    public var timeZone: TimeZone
    public var theme: Theme

    public init(form: FormState, width: Int = 80, height: Int = 24, now: Date = Date(), timeZone: TimeZone = .current, theme: Theme = Theme()) {
        self.form = form
        self.width = width
        self.height = height
        self.now = now
        self.timeZone = timeZone
        self.theme = theme
    }

    /// The smallest terminal the screens are laid out for.
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public var isTooSmall: Bool { width < AppState.minimumWidth || height < AppState.minimumHeight }

    /// Whether keys are going into a text input (so `q` and `?` are typed, not commands).
    var isTyping: Bool {
        if noteInput != nil { return true }
        switch screen {
        case .form: return true
        case .outbox: return outbox.searchEditor != nil
        case .detail: return false
        }
    }
}

extension AppState {
    /// Ends an edit: the new lead set aside comes back (or an empty form).
    mutating func finishEdit() {
        if let aside = newLeadAside {
            form = aside
            newLeadAside = nil
        } else {
            form.reset()
        }
    }
}

extension AppState {
    /// Takes the status line's new figures. A note or photo that newly failed also gets a
    /// banner naming its lead (the latest to fail): that lead reads "sent" in the list, and the refusal would
    /// otherwise wait unseen on its detail screen.
    mutating func statusArrived(_ new: StatusInfo) {
        if new.refusedNotes > status.refusedNotes, let lead = new.refusedNoteLead {
            banner = Banner(
                .warning,
                "A note or photo of lead #\(lead) did not reach the CRM, though the lead did; open the lead to see why, and press r there to send it again."
            )
        }
        status = new
    }
}
