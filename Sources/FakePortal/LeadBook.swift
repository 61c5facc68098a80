import Foundation

/// The stored leads, optionally mirrored to a JSON file so a restarted portal keeps them.
///
/// Each lead is kept in its read form (`crm.lead.get` shape: catalog order, numbers as strings).
struct LeadBook {
    private(set) var leads: [FakeLead] = []
    private var nextID = 1
    private var nextMultifieldID = 1
    private let storePath: String?

    init(storePath: String?) throws {
        self.storePath = storePath
        guard let storePath, FileManager.default.fileExists(atPath: storePath) else { return }
        guard let data = FileManager.default.contents(atPath: storePath),
            let json = PortalJSON.parse(String(decoding: data, as: UTF8.self)),
            let nextID = json["next_id"]?.intValue, let nextMultifieldID = json["next_multifield_id"]?.intValue,
            let stored = json["leads"]?.elements
        else { throw FakePortalError.unreadableStore(path: storePath) }
        self.nextID = nextID
        self.nextMultifieldID = nextMultifieldID
        leads = stored.compactMap { lead in
            guard let id = lead["ID"]?.intValue, let fields = lead.members else { return nil }
            return FakeLead(id: id, fields: fields)
        }
    }

    /// Reserves the next lead ID.
    mutating func takeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    /// Reserves the next multifield value ID.
    mutating func takeMultifieldID() -> Int {
        defer { nextMultifieldID += 1 }
        return nextMultifieldID
    }

    mutating func insert(_ lead: FakeLead) {
        leads.append(lead)
        save()
    }

    func lead(id: Int) -> FakeLead? { leads.first { $0.id == id } }

    /// Stores `lead` in place of the lead with its ID (`crm.lead.update`).
    mutating func replace(_ lead: FakeLead) {
        guard let index = leads.firstIndex(where: { $0.id == lead.id }) else { return }
        leads[index] = lead
        save()
    }

    mutating func removeAll() {
        leads = []
        nextID = 1
        nextMultifieldID = 1
        save()
    }

    private func save() {
        guard let storePath else { return }
        let json: PortalJSON = [
            "next_id": .int(nextID), "next_multifield_id": .int(nextMultifieldID), "leads": .array(leads.map(\.json)),
        ]
        // A failed write is not the client's problem; the in-memory state stays authoritative.
        try? Data(json.text.utf8).write(to: URL(fileURLWithPath: storePath), options: .atomic)
    }
}
