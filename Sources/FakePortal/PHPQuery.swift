import Foundation

/// PHP's `parse_str`: turns `fields[PHONE][0][VALUE]=%2B7…&select[]=ID` into nested ordered arrays.
///
/// The portal runs form bodies, query strings and every `batch` command through it, so the
/// fake must too: percent-decoding, `+` as space, `[]` appending the next integer index, and
/// later duplicates replacing earlier ones.
enum PHPQuery {
    static func parse(_ query: String) -> PortalJSON {
        var root = PHPArray()
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            let path = keyPath(key)
            guard let first = path.first, let name = first, !name.isEmpty else { continue }
            root.assign(.string(value), at: [name] + path.dropFirst())
        }
        return root.json
    }

    /// Percent-decoding with `+` as space, leaving malformed escapes as they are (like PHP).
    static func decode(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        let source = Array(text.utf8)
        var index = 0
        while index < source.count {
            let byte = source[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), index + 2 < source.count,
                let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Splits `a[b][]` into `["a", "b", nil]`; nil means "append". An unclosed bracket ends the
    /// path, and PHP turns `.` and space in the base name into `_`.
    private static func keyPath(_ key: String) -> [String?] {
        guard let open = key.firstIndex(of: "["), key[open...].contains("]") else {
            return [phpBaseName(key)]
        }
        var path: [String?] = [phpBaseName(String(key[..<open]))]
        var rest = key[open...]
        while rest.first == "[", let close = rest.firstIndex(of: "]") {
            let segment = rest[rest.index(after: rest.startIndex)..<close]
            path.append(segment.isEmpty ? nil : String(segment))
            rest = rest[rest.index(after: close)...]
        }
        return path
    }

    private static func phpBaseName(_ name: String) -> String {
        String(name.map { $0 == "." || $0 == " " ? "_" : $0 })
    }
}

/// A PHP array under construction: ordered keys, integer append index.
private struct PHPArray {
    private var members: [(key: String, value: Node)] = []
    private var nextIndex = 0

    private enum Node {
        case scalar(PortalJSON)
        case array(PHPArray)
    }

    mutating func assign(_ value: PortalJSON, at path: some Collection<String?>) {
        guard let head = path.first else { return }
        let key: String
        if let named = head {
            key = named
            if let number = Int(named), number >= nextIndex { nextIndex = number + 1 }
        } else {
            key = String(nextIndex)
            nextIndex += 1
        }
        let rest = path.dropFirst()
        let position = members.firstIndex { $0.key == key }
        if rest.isEmpty {
            if let position { members[position].value = .scalar(value) } else { members.append((key, .scalar(value))) }
            return
        }
        var child = PHPArray()
        if let position, case .array(let existing) = members[position].value { child = existing }
        child.assign(value, at: rest)
        if let position { members[position].value = .array(child) } else { members.append((key, .array(child))) }
    }

    var json: PortalJSON {
        .object(
            members.map { member in
                switch member.value {
                case .scalar(let value): PortalJSON.Member(member.key, value)
                case .array(let array): PortalJSON.Member(member.key, array.json)
                }
            })
    }
}
