import Foundation

@testable import ContactInput
@testable import LeadCore

/// The contact files and QR payloads under `Fixtures/`, written byte-exact as the named
/// exporters and scanners write them.
enum CardFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func cards(_ name: String, encoding: String? = nil) throws -> [ParsedContact] {
        try ContactInput.cards(in: bytes(name), encoding: encoding, source: name)
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }
}
