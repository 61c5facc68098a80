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

    /// The same inside a transaction in hand, so a capture validates and saves in one.
    func schema(_ db: Database) throws -> PortalSchema? {
        try captureContext(db).schema
    }

    /// What a capture checks before it saves, in one statement: the cached schema (decoded only
    /// when a refresh wrote a newer list than the one in memory) and whether any purge has run
    /// (only then can `lead_contact` hold hashed keys worth a second probe).
    func captureContext(_ db: Database) throws -> (schema: PortalSchema?, anyPurge: Bool) {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT (SELECT fetched_at FROM portal_cache WHERE kind = ?), EXISTS (SELECT 1 FROM maintenance WHERE kind = 'purge')
                    """), arguments: [PortalSchema.cacheKey])
        let anyPurge: Bool = row?[1] ?? false
        guard let fetchedAt = row?[0] as Double? else { return (nil, anyPurge) }
        if let memo = decodedSchema.withLock({ $0 }), memo.fetchedAt == fetchedAt { return (memo.schema, anyPurge) }
        let json =
            try String.fetchOne(db.cachedStatement(sql: "SELECT json FROM portal_cache WHERE kind = ?"), arguments: [PortalSchema.cacheKey]) ?? ""
        let schema = try? JSONDecoder().decode(PortalSchema.self, from: Data(json.utf8))
        decodedSchema.withLock { $0 = (fetchedAt, schema) }
        return (schema, anyPurge)
    }
}
