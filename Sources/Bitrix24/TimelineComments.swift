import Foundation
import LeadCore

/// A file a timeline comment carries (a lead's card photo): its name on the portal and its bytes.
public struct TimelineFile: Sendable, Equatable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

extension Bitrix24Client {
    /// Adds a comment to lead `leadID`'s timeline with `crm.timeline.comment.add` and returns
    /// the comment's ID. A timeline comment has no ORIGIN_ID: the caller puts a marker in the
    /// text and looks it up with `findTimelineComments` before resending an unknown outcome.
    ///
    /// `files` go in `fields.FILES` as the portal takes them: a list of `[name, base64 content]`
    /// pairs (`fields[FILES][0][0]=card.jpg&fields[FILES][0][1]=/9j/…` in query form).
    public func addTimelineComment(leadID: Int, text: String, files: [TimelineFile] = []) async throws(CallFailure) -> Int {
        var fields: [String: JSONValue] = ["ENTITY_ID": .number(Double(leadID)), "ENTITY_TYPE": "lead", "COMMENT": .string(text)]
        if !files.isEmpty {
            fields["FILES"] = .array(files.map { .array([.string($0.name), .string(Data($0.bytes).base64EncodedString())]) })
        }
        let params: [String: JSONValue] = ["fields": .object(fields)]
        let envelope = try await call("crm.timeline.comment.add", params).get()
        guard let id = envelope.result.phpInt, id > 0 else {
            throw CallFailure(
                .outcomeUnknown, code: "UNEXPECTED_ANSWER",
                message:
                    "The portal answered crm.timeline.comment.add without a comment ID, so it is unknown whether the note was added; leadbox will check before sending again.",
                httpStatus: 200)
        }
        return id
    }

    /// The comments on lead `leadID` whose marker line (`NoteText.marker`) names one of `uuids`:
    /// note UUID → the comment's ID, the lowest should one be there twice. Reads every page of
    /// `crm.timeline.comment.list` (50 a page, `next` until there is none), since the filter
    /// cannot search the text; a UUID missing from the answer is proven absent.
    public func findTimelineComments(leadID: Int, uuids: Set<String>) async throws(CallFailure) -> [String: Int] {
        var found: [String: Int] = [:]
        var start = 0
        while true {
            let params: [String: JSONValue] = [
                "filter": ["ENTITY_ID": .number(Double(leadID)), "ENTITY_TYPE": "lead"],
                "select": ["ID", "COMMENT"],
                "order": ["ID": "ASC"],
                "start": .number(Double(start)),
            ]
            let envelope = try await call("crm.timeline.comment.list", params).get()
            guard let rows = envelope.result.phpList else {
                throw CallFailure(
                    .outcomeUnknown, code: "UNEXPECTED_ANSWER",
                    message: "The portal answered crm.timeline.comment.list without a list of comments; leadbox will ask again.", httpStatus: 200)
            }
            for row in rows {
                let map = row.phpMap ?? [:]
                guard let text = map["COMMENT"]?.phpText, let key = NoteText.marker(in: text), uuids.contains(key), let id = map["ID"]?.phpInt else {
                    continue
                }
                found[key] = min(id, found[key] ?? id)
            }
            guard let next = envelope.members["next"]?.phpInt, next > start else { return found }
            start = next
        }
    }
}
