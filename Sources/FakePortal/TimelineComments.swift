import Foundation

/// One timeline comment as `crm.timeline.comment.list` shows it (numbers as strings).
public struct FakeComment: Sendable, Equatable {
    public var id: Int
    public var entityType: String
    public var entityID: Int
    public var authorID: Int
    public var created: String
    public var comment: String

    var json: PortalJSON {
        [
            "ID": .string(String(id)), "CREATED": .string(created), "ENTITY_ID": .string(String(entityID)),
            "ENTITY_TYPE": .string(entityType), "AUTHOR_ID": .string(String(authorID)), "COMMENT": .string(comment),
        ]
    }
}

/// The portal's timeline comments, in creation order; in memory only (a restarted fake forgets
/// them, which the tests never need).
struct CommentBook {
    private(set) var comments: [FakeComment] = []
    private var nextID = 1

    mutating func insert(entityType: String, entityID: Int, authorID: Int, comment: String) -> Int {
        defer { nextID += 1 }
        comments.append(
            FakeComment(
                id: nextID, entityType: entityType, entityID: entityID, authorID: authorID,
                created: PortalClock.isoString(Date()), comment: comment))
        return nextID
    }
}

extension PortalState {
    /// `crm.timeline.comment.add`: `fields {ENTITY_ID, ENTITY_TYPE, COMMENT}` (lower-case
    /// `fields` only, as since crm 23.100) → the new comment's ID. The owner must exist; only
    /// leads exist on this portal.
    func addComment(_ params: PortalJSON) throws(RestError) -> Int {
        guard let fields = params["fields"], fields.members != nil else {
            throw RestError.crm("Parameter 'fields' must be array.")
        }
        let type = fields["ENTITY_TYPE"]?.scalarString?.lowercased() ?? ""
        guard let entityID = fields["ENTITY_ID"]?.intValue, entityID > 0, !type.isEmpty else {
            throw RestError.crm("ENTITY_ID and ENTITY_TYPE are required.")
        }
        guard type == "lead", book.lead(id: entityID) != nil else { throw RestError.crm("Not found") }
        guard let text = fields["COMMENT"]?.scalarString, !text.isEmpty else {
            throw RestError.crm("Comment is empty.")
        }
        return comments.insert(entityType: type, entityID: entityID, authorID: settings.webhookUser, comment: text)
    }

    /// `crm.timeline.comment.list`: `filter` must name ENTITY_ID and ENTITY_TYPE; `select` picks
    /// fields (none or `*` = all); pages of 50 by `start`, with `total` and `next` like every list.
    func listComments(_ params: PortalJSON) throws(RestError) -> MethodOutcome {
        let filter = params["filter"]
        guard let entityID = filter?["ENTITY_ID"]?.intValue, let type = filter?["ENTITY_TYPE"]?.scalarString?.lowercased() else {
            throw RestError.crm("ENTITY_ID and ENTITY_TYPE are required in the filter.")
        }
        let matches = comments.comments.filter { $0.entityID == entityID && $0.entityType == type }
        let requested = (params["select"]?.elements?.compactMap(\.scalarString) ?? []).map { $0.uppercased() }
        let start = max(0, params["start"]?.intValue ?? 0)
        let page = matches.dropFirst(start).prefix(50).map { comment -> PortalJSON in
            let all = comment.json.members ?? []
            guard !requested.isEmpty, !requested.contains("*") else { return .object(all) }
            return .object(all.filter { requested.contains($0.key) || $0.key == "ID" })
        }
        let next = start + 50 < matches.count ? start + 50 : nil
        return MethodOutcome(result: .array(page), total: matches.count, next: next)
    }
}
