import CNcursesw

/// How many terminal columns text takes, measured exactly as ncurses and the terminal measure it
/// (the C library's `wcwidth` in the current locale), so the cursor lands where the glyphs are.
///
/// A grapheme cluster is measured scalar by scalar: a spacing scalar opens a new cell, a
/// zero-width one (combining accent, variation selector, ZWJ) joins the cell before it. That is
/// what a terminal does with the bytes, which is what matters for cursor placement.
enum DisplayWidth {
    /// Columns one Unicode scalar takes: 0 (combining), 1, or 2 (CJK, emoji). Control characters
    /// count as 0; the grid never receives them because text is escaped before it is drawn.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x7F { return scalar.value < 0x20 ? 0 : 1 }
        return max(0, Int(cn_wcwidth(scalar.value)))
    }

    /// Columns a whole string takes.
    static func of(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    /// The text split into terminal cells: each is a spacing scalar with the zero-width scalars
    /// that follow it, and the number of columns it occupies. A zero-width scalar with nothing to
    /// join gets a dotted circle as its base, as typography does.
    static func cells(_ text: some StringProtocol) -> [(text: String, width: Int)] {
        var cells: [(text: String, width: Int)] = []
        var current = ""
        var width = 0
        for scalar in text.unicodeScalars {
            let w = of(scalar)
            if w == 0 {
                if current.isEmpty {
                    current = "\u{25CC}"
                    width = 1
                }
                current.unicodeScalars.append(scalar)
            } else {
                if !current.isEmpty { cells.append((current, width)) }
                current = String(scalar)
                width = w
            }
        }
        if !current.isEmpty { cells.append((current, width)) }
        return cells
    }
}
