import LeadCore

/// Glyphs and colour choice: Unicode by default, plain ASCII with `--ascii` (Linux console,
/// old fonts), no colour with NO_COLOR. States always show a word too, so nothing depends on
/// colour or on a glyph rendering.
public struct Theme: Sendable, Hashable {
    public var ascii: Bool
    public var color: Bool

    public init(ascii: Bool = false, color: Bool = true) {
        self.ascii = ascii
        self.color = color
    }

    public func glyph(_ state: LeadState) -> String {
        switch state {
        case .pending: ascii ? "." : "○"
        case .sending: ascii ? ">" : "↑"
        case .inDoubt: ascii ? "?" : "?"
        case .synced: ascii ? "+" : "✓"
        case .failed: ascii ? "!" : "✗"
        case .discarded: ascii ? "-" : "–"
        case .handedOver: ascii ? "=" : "⇄"
        }
    }

    var ellipsis: String { ascii ? "~" : "…" }
    var separator: String { ascii ? " | " : " │ " }
    var focusMark: String { ascii ? ">" : "▸" }
    var choiceLeft: String { ascii ? "<" : "◂" }
    var choiceRight: String { ascii ? ">" : "▸" }
    var warningMark: String { ascii ? "!" : "⚠" }
    var errorMark: String { ascii ? "x" : "✗" }
    var dash: String { ascii ? "-" : "—" }
    var rule: String { ascii ? "-" : "─" }
}
