import LeadCore

extension Bitrix24Client {
    /// Which of `originIDs` already exist as leads from this app: ORIGIN_ID → the portal's lead ID
    /// (the lowest, should an ID exist twice). An ID missing from the answer is proven absent.
    ///
    /// Uses `crm.lead.list` with `=ORIGINATOR_ID` and `@ORIGIN_ID`, `select [ID, ORIGIN_ID]`,
    /// `start=-1`. The portal silently drops filter keys it does not understand and would then
    /// return all leads, so every returned ORIGIN_ID is checked against the question; a stranger
    /// means the lookup cannot be trusted on this portal (`.portalUnusable`, code FILTER_IGNORED).
    /// A full page (50 rows) proves nothing about the IDs not on it, so those are asked again.
    ///
    /// - Precondition: at most `lookupLimit` IDs.
    public func findLeads(originIDs: [String]) async throws(CallFailure) -> [String: Int] {
        precondition(originIDs.count <= Self.lookupLimit, "findLeads takes at most \(Self.lookupLimit) ORIGIN_IDs")
        var found: [String: Int] = [:]
        var remaining = Array(Set(originIDs)).sorted()
        while !remaining.isEmpty {
            let rows = try await listPage(originIDs: remaining)
            let asked = Set(remaining)
            for row in rows {
                guard let origin = row["ORIGIN_ID"]?.phpText, asked.contains(origin), let id = row["ID"]?.phpInt else {
                    throw CallFailure(
                        .portalUnusable, code: "FILTER_IGNORED",
                        message:
                            "The portal ignored leadbox's ORIGIN_ID filter and listed other leads, so leadbox cannot check whether a lead was already delivered: ask the portal administrator whether the lead fields ORIGINATOR_ID and ORIGIN_ID are available.",
                        httpStatus: 200)
                }
                found[origin] = min(id, found[origin] ?? id)
            }
            guard rows.count >= Self.lookupLimit else { break }
            remaining = remaining.filter { found[$0] == nil }
        }
        return found
    }

    /// The raw rows of one `crm.lead.list` page for these ORIGIN_IDs (also used by `PortalCheck`).
    func listPage(originIDs: [String]) async throws(CallFailure) -> [[String: JSONValue]] {
        let params: [String: JSONValue] = [
            "filter": ["=ORIGINATOR_ID": .string(configuration.originatorID), "@ORIGIN_ID": .array(originIDs.map { .string($0) })],
            "select": ["ID", "ORIGIN_ID"],
            "order": ["ID": "ASC"],
            "start": -1,
        ]
        let envelope = try await call("crm.lead.list", params).get()
        guard let rows = envelope.result.phpList else {
            throw CallFailure(
                .outcomeUnknown, code: "UNEXPECTED_ANSWER",
                message: "The portal answered crm.lead.list without a list of leads; leadbox will ask again.", httpStatus: 200)
        }
        return rows.map { $0.phpMap ?? [:] }
    }
}
