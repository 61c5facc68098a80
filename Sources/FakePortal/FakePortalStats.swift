/// What the portal has seen, for assertions in tests and chaos scripts (`GET /_control/stats`).
public struct FakePortalStats: Sendable, Equatable {
    /// Leads stored now.
    public var leads: Int
    /// How many ORIGIN_IDs are carried by more than one lead.
    public var duplicatedOriginIDs: Int
    /// Leads beyond the first for each such ORIGIN_ID: zero when delivery was exactly-once.
    public var extraCopies: Int
    /// Answers sent, by HTTP status (connections closed by a fault are not answers).
    public var requestsByStatus: [Int: Int]
    /// Faults injected, by kind.
    public var faultsInjected: [FaultKind: Int]
    /// REST requests received (control calls excluded).
    public var requestsTotal: Int
    /// Deals created by converting leads at once (simple CRM mode).
    public var deals: Int
    /// Files attached to timeline comments (`GET /_control/attachments` lists them).
    public var attachments: Int
    /// Files lead file fields hold now (`GET /_control/field-files` lists them).
    public var fieldFiles: Int
    /// Files written into lead file fields, replaced ones included.
    public var fieldFileWrites: Int

    var json: PortalJSON {
        [
            "leads": .int(leads),
            "duplicates_by_origin_id": ["origin_ids": .int(duplicatedOriginIDs), "extra_copies": .int(extraCopies)],
            "requests_by_status": .object(
                requestsByStatus.sorted { $0.key < $1.key }.map { .init(String($0.key), .int($0.value)) }),
            "faults_injected": .object(
                faultsInjected.sorted { $0.key.rawValue < $1.key.rawValue }.map { .init($0.key.rawValue, .int($0.value)) }),
            "requests_total": .int(requestsTotal),
            "deals": .int(deals),
            "attachments": .int(attachments),
            "field_files": .int(fieldFiles),
            "field_file_writes": .int(fieldFileWrites),
        ]
    }
}

/// A pair of OAuth tokens issued by the portal.
public struct OAuthTokens: Sendable, Equatable {
    public var accessToken: String
    public var refreshToken: String
}

/// One stored lead, as `crm.lead.get` would show it.
public struct FakeLead: Sendable, Equatable {
    public var id: Int
    /// Every stored field in order, values as the portal returns them (numbers as strings,
    /// multifields as `[{ID, VALUE_TYPE, VALUE, TYPE_ID}]`).
    public var fields: [PortalJSON.Member]

    public subscript(field: String) -> PortalJSON? { fields.first { $0.key == field }?.value }

    /// A scalar field as text.
    public func string(_ field: String) -> String? { self[field]?.scalarString }

    public var title: String? { string("TITLE") }
    public var originID: String? { string("ORIGIN_ID") }
    public var originatorID: String? { string("ORIGINATOR_ID") }
    /// The VALUEs of a multifield such as PHONE or EMAIL.
    public func values(_ multifield: String) -> [String] {
        self[multifield]?.elements?.compactMap { $0["VALUE"]?.scalarString } ?? []
    }

    var json: PortalJSON { .object(fields) }

    /// Sets a field's read-form value, in place or, for a field the lead did not show, at the end.
    mutating func set(_ field: String, _ value: PortalJSON) {
        if let index = fields.firstIndex(where: { $0.key == field }) { fields[index].value = value } else { fields.append(.init(field, value)) }
    }
}
