import Foundation

/// One timeline comment as `crm.timeline.comment.list` shows it (numbers as strings).
public struct FakeComment: Sendable, Equatable {
    public var id: Int
    public var entityType: String
    public var entityID: Int
    public var authorID: Int
    public var created: String
    public var comment: String
    /// The files attached with `FILES`, in the order they were sent.
    public var files: [FakeFile] = []

    /// As `crm.timeline.comment.list` answers: FILES, when there are any, is an object keyed by
    /// the attached file's ID, each with its name, size and links, never the bytes.
    var json: PortalJSON {
        var members: [PortalJSON.Member] = [
            .init("ID", .string(String(id))), .init("CREATED", .string(created)), .init("ENTITY_ID", .string(String(entityID))),
            .init("ENTITY_TYPE", .string(entityType)), .init("AUTHOR_ID", .string(String(authorID))), .init("COMMENT", .string(comment)),
        ]
        if !files.isEmpty {
            members.append(
                .init(
                    "FILES",
                    .object(
                        files.map { file in
                            .init(
                                String(file.id),
                                [
                                    "id": .int(file.id), "date": .string(created), "type": .string(file.isImage ? "image" : "file"),
                                    "name": .string(file.name), "size": .int(file.bytes.count),
                                    "urlDownload": .string("/bitrix/tools/crm_show_file.php?fileId=\(file.id)&download=1"),
                                ])
                        })))
        }
        return .object(members)
    }

    /// The control API's view (`GET /_control/comments`): the comment with each file's name,
    /// size and SHA-256, so a test can check the bytes that arrived without fetching them.
    var controlJSON: PortalJSON {
        var members = json.members ?? []
        members.removeAll { $0.key == "FILES" }
        members.append(.init("FILES", .array(files.map(\.controlJSON))))
        return .object(members)
    }
}

/// A file attached to a timeline comment, kept byte for byte.
public struct FakeFile: Sendable, Equatable {
    public var id: Int
    public var name: String
    public var bytes: [UInt8]

    /// The digest of the bytes as 64 lower-case hex digits.
    public var sha256: String { FileDigest.sha256Hex(bytes) }

    var isImage: Bool { bytes.starts(with: [0xFF, 0xD8, 0xFF]) || bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) }

    var controlJSON: PortalJSON { ["id": .int(id), "name": .string(name), "size": .int(bytes.count), "sha256": .string(sha256)] }
}

/// The portal's timeline comments, in creation order; in memory only (a restarted fake forgets
/// them, which the tests never need).
struct CommentBook {
    private(set) var comments: [FakeComment] = []
    private var nextID = 1
    private var nextFileID = 1

    mutating func insert(entityType: String, entityID: Int, authorID: Int, comment: String, files: [(name: String, bytes: [UInt8])] = []) -> Int {
        defer { nextID += 1 }
        let attached = files.map { file in
            defer { nextFileID += 1 }
            return FakeFile(id: nextFileID, name: file.name, bytes: file.bytes)
        }
        comments.append(
            FakeComment(
                id: nextID, entityType: entityType, entityID: entityID, authorID: authorID,
                created: PortalClock.isoString(Date()), comment: comment, files: attached))
        return nextID
    }
}

extension PortalState {
    /// `crm.timeline.comment.add`: `fields {ENTITY_ID, ENTITY_TYPE, COMMENT, FILES}` (lower-case
    /// `fields` only, as since crm 23.100) → the new comment's ID. The owner must exist; only
    /// leads exist on this portal. FILES is a list of `[name, base64 content]` pairs (from JSON,
    /// or from a query string as `FILES[0][0]`, `FILES[0][1]`); content that is no base64 is
    /// refused rather than stored wrong.
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
        let files = try Self.files(fields["FILES"])
        return comments.insert(entityType: type, entityID: entityID, authorID: settings.webhookUser, comment: text, files: files)
    }

    /// The `[name, base64]` pairs of a comment's FILES, decoded.
    static func files(_ value: PortalJSON?) throws(RestError) -> [(name: String, bytes: [UInt8])] {
        guard let value, value != .null, value != .string("") else { return [] }
        guard let entries = value.elements else { throw RestError.crm("FILES must be a list of [name, content] pairs.") }
        var files: [(name: String, bytes: [UInt8])] = []
        for entry in entries {
            guard let pair = entry.elements, pair.count >= 2, let name = pair[0].scalarString, !name.isEmpty,
                let content = pair[1].scalarString
            else { throw RestError.crm("Each file in FILES must be a [name, content] pair.") }
            guard let bytes = Data(base64Encoded: content) else { throw RestError.crm("The content of file \(name) is not base64.") }
            files.append((name, [UInt8](bytes)))
        }
        return files
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
