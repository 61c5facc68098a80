import Foundation
import LeadCore

/// One lead on its way to `crm.lead.add`: the outbox row's id, its UUID and its stored JSON.
///
/// The fields travel as the JSON text the outbox wrote at capture or edit (compact, keys sorted);
/// the batch command is made from it by `PHPQuery`.
public struct LeadSubmission: Sendable, Equatable {
    /// The outbox row id; names the lead in a batch (`l<localID>`) and in `BatchResult`.
    public var localID: Int64
    /// The lead's UUID, sent as ORIGIN_ID so a lost answer can be looked up.
    public var originID: String
    /// The `fields` object as compact JSON text with sorted keys (`Lead.fieldsJSON`, as stored);
    /// ORIGINATOR_ID and ORIGIN_ID in it are ignored, the client sets them.
    public var fieldsText: String
    /// The `params` object as JSON text (`Lead.optionsJSON`, REGISTER_SONET_EVENT).
    public var optionsText: String

    /// A submission straight from the outbox's stored `fields` and `options` columns.
    public init(localID: Int64, originID: String, fieldsText: String, optionsText: String = "{}") {
        self.localID = localID
        self.originID = originID
        self.fieldsText = fieldsText
        self.optionsText = optionsText
    }

    public init(localID: Int64, originID: String, fields: [String: JSONValue], options: [String: JSONValue] = [:]) {
        self.init(
            localID: localID, originID: originID, fieldsText: JSONValue.object(fields).compactText,
            optionsText: JSONValue.object(options).compactText)
    }

    /// The `fields` object, decoded.
    public var fields: [String: JSONValue] { LeadSubmission.decode(fieldsText) }
    /// The `params` object, decoded.
    public var options: [String: JSONValue] { LeadSubmission.decode(optionsText) }

    private static func decode(_ text: String) -> [String: JSONValue] {
        text == "{}" ? [:] : JSONValue.parse(Data(text.utf8))?.objectValue ?? [:]
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

    static let dedupeFields: Set<String> = ["ORIGINATOR_ID", "ORIGIN_ID"]

    /// The batch command `crm.lead.add?fields[…]=…&params[…]=…`: fields in name order, then
    /// ORIGINATOR_ID and ORIGIN_ID, then params, every value percent-encoded (see `PHPQuery`),
    /// as the bytes the request body carries (`RequestBody.batch`). One encoder for every
    /// request: the stored JSON is decoded and flattened by `PHPQuery.appendPairs`.
    func batchCommandBytes(originatorID: String) -> [UInt8] {
        let fields = self.fields
        let options = self.options
        var query: [UInt8] = []
        query.reserveCapacity(fieldsText.utf8.count * 2 + 128)
        var name: [UInt8] = []
        func append(_ prefix: String, _ key: String, _ value: JSONValue) {
            name.removeAll(keepingCapacity: true)
            name.append(contentsOf: prefix.utf8)
            name.append(UInt8(ascii: "["))
            PHPQuery.appendEncoded(key.utf8, to: &name)
            name.append(UInt8(ascii: "]"))
            PHPQuery.appendPairs(&name, value, to: &query)
        }
        for key in fields.keys.sorted() where !LeadSubmission.dedupeFields.contains(key) { append("fields", key, fields[key]!) }
        append("fields", "ORIGINATOR_ID", .string(originatorID))
        append("fields", "ORIGIN_ID", .string(originID))
        for key in options.keys.sorted() { append("params", key, options[key]!) }
        return Array("crm.lead.add?".utf8) + query
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
