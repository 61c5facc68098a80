import Foundation
import LeadCore
import Testing

@testable import LeadStore

/// Migration 0007: a scanned lead keeps the scanner's text; other leads have none.
@Suite struct RawScanTests {
    let folder = TemporaryFolder()

    @Test func rawScanIsStoredWithTheLeadAndReadBack() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let raw = "BIZCARD:N:Sean;X:Owen;E:srowen@example.com;;\r\nREG-\u{1B}[31m"
        let scanned = try store.add(CaptureRequest(asCaptured: Lead(values: ["NAME": "Sean"]), rawScan: raw)).record
        let typed = try store.add(Lead(values: ["NAME": "Ann"])).record
        #expect(scanned.rawScan == raw)
        #expect(try store.record(id: scanned.id).rawScan == raw)
        #expect(try store.record(id: typed.id).rawScan == nil)
        #expect(try store.list(state: nil, limit: 10, offset: 0).map(\.rawScan) == [nil, raw])
    }

    @Test func anEditKeepsTheRawScan() throws {
        let store = try LeadStore(path: folder.file("leads.sqlite"))
        let id = try store.add(CaptureRequest(asCaptured: Lead(values: ["TITLE": "Badge REG-1"]), rawScan: "REG-1")).record.id
        _ = try store.edit(id: id, lead: Lead(values: ["TITLE": "Badge REG-1", "NAME": "Anna"]))
        #expect(try store.record(id: id).rawScan == "REG-1")
    }
}
