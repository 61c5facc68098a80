import LeadCore

/// The kinds of contact data `crm.duplicate.findbycomm` can match on.
public enum CommunicationType: String, Sendable, CaseIterable {
    case phone = "PHONE"
    case email = "EMAIL"
}

extension Bitrix24Client {
    /// The most values one `crm.duplicate.findbycomm` call accepts.
    public static let duplicateLimit = 20

    /// CRM records that share a phone or e-mail with `values`: entity type (LEAD, CONTACT,
    /// COMPANY) → sorted IDs. Finds the same person, not the same submission: use it to warn about
    /// repeat visitors, never to decide whether an add went through. Lists longer than 20 are
    /// split into several calls and the answers merged.
    public func findDuplicates(_ type: CommunicationType, values: [String], entityType: String? = "LEAD") async throws(CallFailure) -> [String: [Int]] {
        var merged: [String: Set<Int>] = [:]
        let unique = Array(Set(values.filter { !$0.isEmpty })).sorted()
        for start in stride(from: 0, to: unique.count, by: Self.duplicateLimit) {
            let chunk = unique[start..<min(start + Self.duplicateLimit, unique.count)]
            var params: [String: JSONValue] = ["type": .string(type.rawValue), "values": .array(chunk.map { .string($0) })]
            if let entityType { params["entity_type"] = .string(entityType) }
            let envelope = try await call("crm.duplicate.findbycomm", params).get()
            for (entity, ids) in envelope.result.phpMap ?? [:] {
                merged[entity, default: []].formUnion((ids.phpList ?? []).compactMap(\.phpInt))
            }
        }
        return merged.mapValues { $0.sorted() }
    }
}
