import Foundation
import LeadCore

/// What a lead's file field holds when read back. The portal drops a field it does not know
/// without an error (reference §6), so a write's `true` proves nothing: only the lead read back
/// tells whether the file was kept.
public enum LeadFileFieldValue: Sendable, Equatable {
    /// The field holds a file: its ID on the portal.
    case file(id: Int)
    /// The lead has the field, but it holds no file (empty, or a field of another type).
    case empty
    /// The lead has no such field: it was never made, was deleted, or its code is misspelt.
    case noSuchField
}

extension Bitrix24Client {
    /// Writes `file` into lead `leadID`'s file field `field` with `crm.lead.update`, as
    /// `fields[FIELD] = {"fileData": [name, base64 content]}` (the portal's form for a file
    /// field that is not linked to Drive). The write replaces what the field held, so sending it
    /// again after an unknown outcome cannot make a second copy; the caller reads the field back
    /// with `leadFileField` to learn whether the portal kept it.
    public func writeLeadFileField(leadID: Int, field: String, file: TimelineFile) async throws(CallFailure) {
        let value: JSONValue = ["fileData": .array([.string(file.name), .string(Data(file.bytes).base64EncodedString())])]
        let params: [String: JSONValue] = [
            "id": .number(Double(leadID)), "fields": .object([field: value]), "params": ["REGISTER_SONET_EVENT": "N"],
        ]
        let envelope = try await call("crm.lead.update", params).get()
        guard envelope.result == .bool(true) || envelope.result.phpInt == 1 else {
            throw CallFailure(
                .outcomeUnknown, code: "UNEXPECTED_ANSWER",
                message:
                    "The portal answered crm.lead.update without saying it succeeded, so it is unknown whether the photo was written; leadbox will write it again.",
                httpStatus: 200)
        }
    }

    /// What lead `leadID`'s field `field` holds, read with `crm.lead.get` (which answers every
    /// field of the lead, custom ones included; it takes no `select`). A file field reads as
    /// `{id, showUrl, downloadUrl}`, or a list of those when the field takes several files.
    public func leadFileField(leadID: Int, field: String) async throws(CallFailure) -> LeadFileFieldValue {
        let envelope = try await call("crm.lead.get", ["id": .number(Double(leadID))]).get()
        guard let lead = envelope.result.phpMap, !lead.isEmpty else {
            throw CallFailure(
                .outcomeUnknown, code: "UNEXPECTED_ANSWER",
                message: "The portal answered crm.lead.get without the lead's fields; leadbox will ask again.", httpStatus: 200)
        }
        guard let value = lead[field] else { return .noSuchField }
        let first = value.phpMap?["id"] != nil ? value : value.phpList?.first
        if let id = first?.phpMap?["id"]?.phpInt, id > 0 { return .file(id: id) }
        return .empty
    }
}
