import Foundation
import GRDB
import LeadCore

extension LeadStore {
    /// The portal schema `leadbox portal refresh` cached, or nil before the first refresh (or when
    /// an older leadbox wrote a cache this one cannot read: validation then works offline-only).
    /// The one place the cache is read, for `add`, `edit`, `import`, the UI form and `LeadStore.add`.
    public func cachedSchema() throws -> PortalSchema? {
        try read { db in try schema(db) }
    }

    /// The same inside a transaction in hand, so a capture validates and saves in one: one cheap
    /// look at `fetched_at`, and the JSON decoded only when a refresh wrote a newer list.
    func schema(_ db: Database) throws -> PortalSchema? {
        guard let fetchedAt = try Double.fetchOne(db.cachedStatement(sql: "SELECT fetched_at FROM portal_cache WHERE kind = ?"),
                                                  arguments: [PortalSchema.cacheKey]) else { return nil }
        if let memo = decodedSchema.withLock({ $0 }), memo.fetchedAt == fetchedAt { return memo.schema }
        let json = try String.fetchOne(db.cachedStatement(sql: "SELECT json FROM portal_cache WHERE kind = ?"), arguments: [PortalSchema.cacheKey]) ?? ""
        let schema = try? JSONDecoder().decode(PortalSchema.self, from: Data(json.utf8))
        decodedSchema.withLock { $0 = (fetchedAt, schema) }
        return schema
    }
}
