import LeadCore

/// Turns a vCard file's bytes into cards of logical lines, as exporters really write them.
///
/// Works on bytes, before any decoding, so that a fold splitting a UTF-8 character is joined
/// before the character is read and each property can be read in its own `CHARSET=`. Line
/// breaks and folding whitespace are ASCII in every supported charset (Shift_JIS trail bytes
/// start at 0x40), so splitting bytes is safe; UTF-16/32 files are decoded to UTF-8 first.
///
/// Handled: CRLF, LF, CR and iPhone's `\r\r\n`; folds by space or tab (3.0/4.0 drop the one
/// whitespace, 2.1 keeps it); 2.1 quoted-printable soft breaks (`=` at the end of a line); 2.1
/// backslash continuations; blank lines and `#` comment lines; junk before `BEGIN:VCARD`;
/// nested cards (2.1 `AGENT:` followed by a card) kept inside their parent; PHOTO/LOGO/SOUND/KEY
/// values dropped as they are read, so a megabyte of base64 costs one pass.
struct VCardLines {
    /// One card: its logical lines, and whether END:VCARD was seen.
    struct Card {
        var lines: [[UInt8]] = []
        var ended = false
    }

    /// Properties whose values are binary blobs leadbox never stores.
    static let skippedProperties: Set<String> = ["PHOTO", "LOGO", "SOUND", "KEY"]

    static func cards(_ bytes: [UInt8], shiftJIS: Bool) -> [Card] {
        var cards: [Card] = []
        var current: Card?
        var depth = 0
        var logical: [UInt8]?
        var skipping = false  // the logical line is a PHOTO & co.: drop its continuations
        var version21 = false
        var softBreak = false  // the previous physical line ended a QP value with '='
        var lastNameWasEmptyAgent = false

        func finishLogical() {
            guard let line = logical else { return }
            logical = nil
            // BEGIN/END/AGENT/VERSION lines are short: a long line (a photo, a big note) is never one.
            let upper = line.count <= 32 ? trimmed(line).map(asciiUpper) : Array(line.prefix(12).map(asciiUpper))
            if upper == Array("BEGIN:VCARD".utf8) {
                if current == nil || depth == 1 && !lastNameWasEmptyAgent {
                    if let cutOff = current { cards.append(cutOff) }  // a card cut off by the next one
                    current = Card()
                    depth = 1
                    version21 = false
                } else {
                    depth += 1  // a 2.1 AGENT's card, inside its parent
                }
                lastNameWasEmptyAgent = false
                return
            }
            if upper == Array("END:VCARD".utf8) {
                guard current != nil else { return }  // a stray END
                depth -= 1
                if depth == 0 {
                    current!.ended = true
                    cards.append(current!)
                    current = nil
                }
                return
            }
            guard current != nil, depth == 1 else { return }  // junk before BEGIN, or a nested card's lines
            if upper.starts(with: Array("VERSION:".utf8)) {
                version21 = upper.dropFirst(8).starts(with: Array("2.1".utf8)) || upper.dropFirst(8).starts(with: Array("2.0".utf8))
            }
            lastNameWasEmptyAgent = upper == Array("AGENT:".utf8)
            if !skipping { current!.lines.append(line) }
        }

        var start = 0
        var index = 0
        let count = bytes.count
        while start <= count {
            // Find the end of this physical line and the length of its break.
            index = start
            while index < count, bytes[index] != 0x0A, bytes[index] != 0x0D { index += 1 }
            var next = index
            if index < count {
                if bytes[index] == 0x0D, index + 2 < count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                    next = index + 3
                } else if bytes[index] == 0x0D, index + 1 < count, bytes[index + 1] == 0x0A {
                    next = index + 2
                } else {
                    next = index + 1
                }
            } else {
                next = count + 1
            }
            let physical = bytes[start..<index]
            start = next

            if softBreak, logical != nil {
                if !skipping {
                    logical!.removeLast()  // the '=' of the soft break
                    logical!.append(contentsOf: physical)
                }
                softBreak = physical.last == UInt8(ascii: "=")
                continue
            }
            if let first = physical.first, first == 0x20 || first == 0x09, logical != nil {
                if !skipping { logical!.append(contentsOf: version21 ? physical[...] : physical.dropFirst()) }
                continue
            }
            if physical.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }  // a blank line
            if physical.first == UInt8(ascii: "#") { continue }  // a comment line
            if version21, let line = logical, endsInContinuation(line, shiftJIS: shiftJIS), !startsLikeProperty(physical) {
                if !skipping {
                    logical!.removeLast()
                    logical!.append(contentsOf: Array("\\n".utf8))
                    logical!.append(contentsOf: physical)
                }
                continue
            }
            finishLogical()
            logical = Array(physical)
            let name = propertyName(physical)
            skipping = skippedProperties.contains(name)
            if skipping { logical = Array(physical.prefix(while: { $0 != UInt8(ascii: ":") })) + Array(":".utf8) }
            softBreak = physical.last == UInt8(ascii: "=") && isQuotedPrintable(physical)
        }
        finishLogical()
        if let current { cards.append(current) }
        return cards
    }

    /// Whether the bytes hold a `BEGIN:VCARD` line (in any case), the sign of a vCard file.
    static func mentionsBegin(_ bytes: [UInt8]) -> Bool {
        let begin = Array("BEGIN:VCARD".utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            var matched = 0
            for byte in buffer {
                let upper = asciiUpper(byte)
                matched = upper == begin[matched] ? matched + 1 : (upper == begin[0] ? 1 : 0)
                if matched == begin.count { return true }
            }
            return false
        }
    }

    /// The bytes with every fold (a line break followed by a space or tab) removed, so that a
    /// character split by a fold is whole again for encoding detection.
    static func joiningFolds(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A {
                var next = index + 1
                while next < bytes.count, bytes[next] == 0x0D || bytes[next] == 0x0A, next - index < 3 { next += 1 }
                if next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 {
                    index = next + 1
                    continue
                }
            }
            out.append(byte)
            index += 1
        }
        return out
    }

    /// The bytes with every fold that splits a UTF-8 character moved to just after it, when that
    /// alone makes text that is not valid UTF-8 valid; nil otherwise (valid already, or another
    /// charset). Exporters that fold at 75 octets without looking at characters (the issue-19
    /// ownCloud export: `ο` = `CE` CRLF SPACE `BF`) write such files; moving the fold keeps every
    /// line and the unfolded text the same, so the whole file can be judged and shown as UTF-8.
    static func mendingSplitCharacters(_ bytes: some Collection<UInt8>) -> [UInt8]? {
        let bytes = Array(bytes)
        guard String(validating: bytes, as: UTF8.self) == nil, mentionsBegin(bytes) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var held: [UInt8] = []  // folds held back until the character they split is whole
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A {
                var fold = index + 1  // the break (CRLF, LF, CR, iPhone's CR CR LF), then one space or tab
                while fold < bytes.count, bytes[fold] == 0x0D || bytes[fold] == 0x0A, fold - index < 3 { fold += 1 }
                if fold + 1 < bytes.count, bytes[fold] == 0x20 || bytes[fold] == 0x09, bytes[fold + 1] & 0xC0 == 0x80,
                    missingContinuationBytes(out) > 0
                {
                    held += bytes[index...fold]
                    index = fold + 1
                    continue
                }
            }
            if !held.isEmpty, byte & 0xC0 != 0x80 {
                out += held
                held = []
            }
            out.append(byte)
            index += 1
            if !held.isEmpty, missingContinuationBytes(out) == 0 {
                out += held
                held = []
            }
        }
        out += held
        return String(validating: out, as: UTF8.self) != nil ? out : nil
    }

    /// How many continuation bytes the UTF-8 character at the end of `bytes` still needs (0 when
    /// it ends on a whole character or on something that is not a UTF-8 lead byte).
    private static func missingContinuationBytes(_ bytes: [UInt8]) -> Int {
        var seen = 0
        for byte in bytes.reversed().prefix(4) {
            if byte & 0xC0 == 0x80 {
                seen += 1
                continue
            }
            let length =
                switch byte {
                case 0xC2...0xDF: 2
                case 0xE0...0xEF: 3
                case 0xF0...0xF4: 4
                default: 0
                }
            return max(0, length - 1 - seen)
        }
        return 0
    }

    /// The upper-cased property name without its group (`item1.EMAIL;TYPE=…` → `EMAIL`).
    static func propertyName(_ line: some Collection<UInt8>) -> String {
        let head = line.prefix(while: { $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: ";") })
        let name = head.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false).last ?? head[...]
        return String(decoding: name.map(asciiUpper), as: UTF8.self).trimmingSpaces
    }

    /// A 2.1 quoted-printable property: `ENCODING=QUOTED-PRINTABLE` or the bare parameter.
    static func isQuotedPrintable(_ line: some Collection<UInt8>) -> Bool {
        let head = line.prefix(while: { $0 != UInt8(ascii: ":") })
        return String(decoding: head.map(asciiUpper), as: UTF8.self).contains("QUOTED-PRINTABLE")
    }

    /// `NAME:`, `NAME;`, `item1.NAME:` — what a new property line starts with.
    private static func startsLikeProperty(_ line: ArraySlice<UInt8>) -> Bool {
        let head = line.prefix(while: { $0 != UInt8(ascii: ":") && $0 != UInt8(ascii: ";") })
        guard head.count < line.count, !head.isEmpty else { return false }
        return head.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte) || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        }
    }

    /// An odd number of trailing backslashes: the last one escapes the line break. In Shift_JIS
    /// the byte 0x5C is also the second half of characters such as ソ or 表, so there the line is
    /// decoded first and only a real backslash counts.
    private static func endsInContinuation(_ line: [UInt8], shiftJIS: Bool) -> Bool {
        var count = 0
        for byte in line.reversed() {
            guard byte == UInt8(ascii: "\\") else { break }
            count += 1
        }
        guard count % 2 == 1 else { return false }
        let head = String(decoding: line.prefix(while: { $0 != UInt8(ascii: ":") }).map(asciiUpper), as: UTF8.self)
        if shiftJIS || head.contains("SHIFT_JIS") || head.contains("SJIS") || head.contains("CP932") {
            return Charset.shiftJIS.decode(line[...])?.hasSuffix("\\") ?? true
        }
        return true
    }

    private static func trimmed(_ line: [UInt8]) -> ArraySlice<UInt8> {
        var slice = line[...]
        while let first = slice.first, first == 0x20 || first == 0x09 { slice.removeFirst() }
        while let last = slice.last, last == 0x20 || last == 0x09 { slice.removeLast() }
        return slice
    }
}

@inline(__always) func asciiUpper(_ byte: UInt8) -> UInt8 {
    (0x61...0x7A).contains(byte) ? byte - 0x20 : byte
}
