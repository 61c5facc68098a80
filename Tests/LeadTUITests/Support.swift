import Foundation
import Glibc
import LeadCore

@testable import LeadTUI

/// Widths come from the C library, which needs a UTF-8 locale, as the real UI sets one.
let utf8Locale: Void = {
    setlocale(LC_ALL, "C.UTF-8")
    return ()
}()

/// A fixed clock and zone, so ages and times in snapshots never move.
let fixedNow = Date(timeIntervalSince1970: 1_742_300_000)  // 2025-03-18 12:13:20 UTC
let utc = TimeZone(identifier: "UTC")!

func makeState(width: Int = 80, height: Int = 24, schema: PortalSchema? = nil, defaults: [String: String] = [:], ascii: Bool = false) -> AppState {
    _ = utf8Locale
    return AppState(
        form: FormState(schema: schema, defaults: defaults), width: width, height: height, now: fixedNow, timeZone: utc, theme: Theme(ascii: ascii))
}

extension AppState {
    /// Feeds keys and collects the commands, as the session would.
    @discardableResult
    mutating func press(_ keys: [KeyEvent]) -> [Command] {
        keys.flatMap { handle($0) }
    }

    mutating func type(_ text: String) {
        press(KeyEvent.typing(text))
    }

    var screenText: String { ScreenRenderer.render(self).grid.text }
}

/// A temporary outbox file, removed when the test ends.
final class TemporaryStore {
    let folder: String
    let path: String

    init() {
        folder = NSTemporaryDirectory() + "leadtui-\(UUID().uuidString)"
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/leads.sqlite"
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }
}
