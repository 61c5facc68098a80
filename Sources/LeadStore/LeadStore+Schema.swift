import Foundation
import LeadCore

extension LeadStore {
    /// The portal schema `leadbox portal refresh` cached, or nil before the first refresh (or when
    /// an older leadbox wrote a cache this one cannot read: validation then works offline-only).
    /// The one place the cache is read, for `add`, `edit`, `import`, the UI form and `LeadStore.add`.
    public func cachedSchema() throws -> PortalSchema? {
        guard let cached = try cache(PortalSchema.cacheKey) else { return nil }
        return try? JSONDecoder().decode(PortalSchema.self, from: Data(cached.json.utf8))
    }
}
