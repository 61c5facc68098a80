/// Where a lead is on its way to the portal. Every lead is in exactly one visible state.
public enum LeadState: String, Sendable, CaseIterable, Codable {
    /// Saved locally, waiting to be sent.
    case pending
    /// Claimed by the sync engine; a request carrying it may be on the wire.
    case sending
    /// A request carrying it got no clear answer; the portal is asked before anything is resent.
    case inDoubt = "in_doubt"
    /// In the CRM; `remote_id` is the portal's lead ID.
    case synced
    /// The portal refused it; it waits for a person to edit, retry or discard it.
    case failed
    /// A person decided it should not be sent.
    case discarded
    /// Exported to a handover file for another laptop, which sends it from there; never sent here.
    case handedOver = "handed_over"

    /// A short word for lists and status lines.
    public var word: String {
        switch self {
        case .pending: "waiting"
        case .sending: "sending"
        case .inDoubt: "checking"
        case .synced: "sent"
        case .failed: "failed"
        case .discarded: "discarded"
        case .handedOver: "handed over"
        }
    }

    /// Whether a person may still change or discard the lead (it cannot be in the CRM).
    public var isEditable: Bool { self == .pending || self == .failed }
}
