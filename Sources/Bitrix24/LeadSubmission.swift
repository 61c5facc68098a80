import LeadCore

/// One lead on its way to `crm.lead.add`: the outbox row's id, its UUID and its stored JSON.
public struct LeadSubmission: Sendable, Equatable {
    /// The outbox row id; names the lead in a batch (`l<localID>`) and in `BatchResult`.
    public var localID: Int64
    /// The lead's UUID, sent as ORIGIN_ID so a lost answer can be looked up.
    public var originID: String
    /// The `fields` object (`Lead.fieldsJSON`); ORIGINATOR_ID and ORIGIN_ID are set by the client.
    public var fields: [String: JSONValue]
    /// The `params` object (`Lead.optionsJSON`, REGISTER_SONET_EVENT).
    public var options: [String: JSONValue]

    public init(localID: Int64, originID: String, fields: [String: JSONValue], options: [String: JSONValue] = [:]) {
        self.localID = localID
        self.originID = originID
        self.fields = fields
        self.options = options
    }

    /// The batch command key: never numeric, since numeric keys turn the answer into an array.
    var batchKey: String { "l\(localID)" }

    /// `fields` with the dedupe pair stamped in; a caller's own values for them are overwritten.
    func portalFields(originatorID: String) -> [String: JSONValue] {
        var all = fields
        all["ORIGINATOR_ID"] = .string(originatorID)
        all["ORIGIN_ID"] = .string(originID)
        return all
    }

    /// The batch command `crm.lead.add?fields[…]=…&params[…]=…`: fields in name order, then
    /// ORIGINATOR_ID and ORIGIN_ID, then params, every value percent-encoded (see `PHPQuery`).
    func batchCommand(originatorID: String) -> String {
        var pairs: [String] = []
        for name in fields.keys.sorted() where name != "ORIGINATOR_ID" && name != "ORIGIN_ID" {
            pairs += PHPQuery.pairs("fields[\(PHPQuery.encode(name))]", fields[name]!)
        }
        pairs += PHPQuery.pairs("fields[ORIGINATOR_ID]", .string(originatorID))
        pairs += PHPQuery.pairs("fields[ORIGIN_ID]", .string(originID))
        for name in options.keys.sorted() {
            pairs += PHPQuery.pairs("params[\(PHPQuery.encode(name))]", options[name]!)
        }
        return "crm.lead.add?" + pairs.joined(separator: "&")
    }
}

/// What happened to one lead of a batch.
public enum LeadOutcome: Sendable, Equatable {
    /// The portal created it with this ID.
    case created(remoteID: Int)
    /// Its command failed; the class says what to do (usually `.leadRejected`; a nested
    /// OPERATION_TIME_LIMIT is `.rejectedBeforeRunning`; a key missing from the answer is
    /// `.outcomeUnknown`).
    case failed(CallFailure)
}

/// The answer to `addLeads`: either the whole call failed, or each lead has its own outcome.
public enum BatchResult: Sendable, Equatable {
    /// The batch as a whole failed; the same failure applies to every lead sent in it.
    case callFailed(CallFailure)
    /// One outcome per submitted lead, keyed by `LeadSubmission.localID`.
    case completed([Int64: LeadOutcome])
}
