/// The TOML subset settings files use, read into and written from the same tree (`JSONValue`
/// objects) the JSON form uses, so both syntaxes share one meaning and one serializer.
///
/// Read: `key = value` lines with strings (basic and literal), numbers, booleans, arrays (which may
/// span lines) and inline tables; `[table]`, `[table.sub]` and `[[array.of.tables]]` headers;
/// comments and blank lines. Errors name the line and never echo a value (a webhook carries a secret).
enum SettingsTOML {
    static func parse(_ text: String) throws(ConfigError) -> [String: JSONValue] {
        var root: [String: JSONValue] = [:]
        var table: [String] = []
        var pending = ""
        var pendingLine = 0
        for (index, rawLine) in text.replacingLineEndings().split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = strippingComment(String(rawLine)).trimmingSpaces
            if !pending.isEmpty {
                // Inside a multi-line array: gather until the brackets balance.
                pending += " " + line
                if bracketDepth(pending) > 0 { continue }
                try assign(pending, table: table, lineNumber: pendingLine, root: &root)
                pending = ""
                continue
            }
            if line.isEmpty { continue }
            if line.hasPrefix("[") {
                let isArray = line.hasPrefix("[[")
                guard line.hasSuffix(isArray ? "]]" : "]"), line.count > (isArray ? 4 : 2) else {
                    throw ConfigError("Line \(lineNumber) of the config file has a section header without a closing ']'.")
                }
                let name = (isArray ? line.dropFirst(2).dropLast(2) : line.dropFirst().dropLast()).trimmingSpaces
                table = name.split(separator: ".", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
                guard table.allSatisfy({ !$0.isEmpty }) else {
                    throw ConfigError("Line \(lineNumber) of the config file has an empty part in its section name.")
                }
                guard openTable(table, appending: isArray, in: &root) else {
                    throw ConfigError("Line \(lineNumber) of the config file reopens [\(name.escapedForTerminal)] as a different kind of section.")
                }
                continue
            }
            if bracketDepth(line) > 0 {
                pending = line
                pendingLine = lineNumber
                continue
            }
            try assign(line, table: table, lineNumber: lineNumber, root: &root)
        }
        if !pending.isEmpty { throw ConfigError("Line \(pendingLine) of the config file starts a list that never closes with ']'.") }
        return root
    }

    private static func assign(_ line: String, table: [String], lineNumber: Int, root: inout [String: JSONValue]) throws(ConfigError) {
        guard let eq = line.firstIndex(of: "=") else {
            throw ConfigError("Line \(lineNumber) of the config file is not `key = value`; fix or remove it.")
        }
        let key = unquotedKey(line[..<eq].trimmingSpaces)
        guard !key.isEmpty else { throw ConfigError("Line \(lineNumber) of the config file has no key before '='.") }
        var reader = ValueReader(line[line.index(after: eq)...])
        let value: JSONValue
        do throws(ConfigError) {
            value = try reader.value()
            reader.skipSpaces()
            guard reader.atEnd else { throw ConfigError("there is text after the value; put one `key = value` on each line.") }
        } catch {
            throw ConfigError("Line \(lineNumber) of the config file: \(error.description)")
        }
        guard store(value, key: key, at: table[...], in: &root) else {
            throw ConfigError("Line \(lineNumber) of the config file sets \(key.escapedForTerminal) twice in the same section.")
        }
    }

    private static func unquotedKey(_ key: String) -> String {
        key.count >= 2 && key.hasPrefix("\"") && key.hasSuffix("\"") ? String(key.dropFirst().dropLast()) : key
    }

    /// Stores `value` under `key` in the table at `path`; an array of tables means its last entry.
    private static func store(_ value: JSONValue, key: String, at path: ArraySlice<String>, in object: inout [String: JSONValue]) -> Bool {
        guard let head = path.first else {
            guard object[key] == nil else { return false }
            object[key] = value
            return true
        }
        switch object[head] {
        case .array(var items)?:
            guard case .object(var last)? = items.last else { return false }
            let stored = store(value, key: key, at: path.dropFirst(), in: &last)
            items[items.count - 1] = .object(last)
            object[head] = .array(items)
            return stored
        case .object(var child)?:
            let stored = store(value, key: key, at: path.dropFirst(), in: &child)
            object[head] = .object(child)
            return stored
        case nil:
            var child: [String: JSONValue] = [:]
            let stored = store(value, key: key, at: path.dropFirst(), in: &child)
            object[head] = .object(child)
            return stored
        default:
            return false
        }
    }

    /// Creates the table a header names; `[[x]]` appends a new entry to the array `x`.
    private static func openTable(_ path: [String], appending: Bool, in root: inout [String: JSONValue]) -> Bool {
        func open(_ path: ArraySlice<String>, _ object: inout [String: JSONValue]) -> Bool {
            let head = path.first!
            if path.count == 1 {
                switch (object[head], appending) {
                case (nil, true): object[head] = .array([.object([:])])
                case (.array(let items)?, true): object[head] = .array(items + [.object([:])])
                case (nil, false): object[head] = .object([:])
                case (.object?, false): break
                default: return false
                }
                return true
            }
            switch object[head] {
            case .array(var items)?:
                guard case .object(var last)? = items.last, open(path.dropFirst(), &last) else { return false }
                items[items.count - 1] = .object(last)
                object[head] = .array(items)
            case .object(var child)?:
                guard open(path.dropFirst(), &child) else { return false }
                object[head] = .object(child)
            case nil:
                var child: [String: JSONValue] = [:]
                guard open(path.dropFirst(), &child) else { return false }
                object[head] = .object(child)
            default: return false
            }
            return true
        }
        return open(path[...], &root)
    }

    /// Unclosed `[` and `{` outside strings: above 0 while an array continues on the next line.
    private static func bracketDepth(_ text: String) -> Int {
        var depth = 0
        var inString: Character? = nil
        var escaping = false
        for ch in text {
            if escaping {
                escaping = false
                continue
            }
            if let quote = inString {
                if ch == "\\" && quote == "\"" { escaping = true } else if ch == quote { inString = nil }
                continue
            }
            switch ch {
            case "\"", "'": inString = ch
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            default: break
            }
        }
        return text.hasPrefix("[") ? 0 : depth  // a header line is never a continued value
    }

    private static func strippingComment(_ line: String) -> String {
        var inString: Character? = nil
        var escaping = false
        for (offset, ch) in line.enumerated() {
            if escaping {
                escaping = false
                continue
            }
            if let quote = inString {
                if ch == "\\" && quote == "\"" { escaping = true } else if ch == quote { inString = nil }
                continue
            }
            if ch == "\"" || ch == "'" { inString = ch }
            if ch == "#" { return String(line.prefix(offset)) }
        }
        return line
    }

    /// Reads one value from the text after `=`.
    private struct ValueReader {
        let text: [Character]
        var position = 0
        init(_ text: Substring) { self.text = Array(text) }

        var atEnd: Bool { position >= text.count }

        mutating func skipSpaces() {
            while !atEnd, text[position] == " " || text[position] == "\t" { position += 1 }
        }

        mutating func value() throws(ConfigError) -> JSONValue {
            skipSpaces()
            guard !atEnd else { throw ConfigError("the value is missing after '='.") }
            switch text[position] {
            case "\"": return .string(try basicString())
            case "'": return .string(try literalString())
            case "[": return try array()
            case "{": return try inlineTable()
            default: return try bare()
            }
        }

        private mutating func basicString() throws(ConfigError) -> String {
            position += 1
            var out = ""
            while !atEnd {
                let ch = text[position]
                position += 1
                if ch == "\"" { return out }
                guard ch == "\\" else {
                    out.append(ch)
                    continue
                }
                guard !atEnd else { break }
                let escaped = text[position]
                position += 1
                switch escaped {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\"", "\\": out.append(escaped)
                case "u":
                    guard position + 4 <= text.count, let code = UInt32(String(text[position..<position + 4]), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else { throw ConfigError("a string value has a broken \\u escape.") }
                    out.unicodeScalars.append(scalar)
                    position += 4
                default: throw ConfigError("a string value has an unknown escape \\\(escaped).")
                }
            }
            throw ConfigError("a string value is missing its closing quote.")
        }

        private mutating func literalString() throws(ConfigError) -> String {
            position += 1
            guard let end = text[position...].firstIndex(of: "'") else { throw ConfigError("a string value is missing its closing quote.") }
            defer { position = end + 1 }
            return String(text[position..<end])
        }

        private mutating func array() throws(ConfigError) -> JSONValue {
            position += 1
            var items: [JSONValue] = []
            while true {
                skipSpaces()
                guard !atEnd else { throw ConfigError("a list is missing its closing ']'.") }
                if text[position] == "]" {
                    position += 1
                    return .array(items)
                }
                items.append(try value())
                skipSpaces()
                guard !atEnd else { throw ConfigError("a list is missing its closing ']'.") }
                if text[position] == "," {
                    position += 1
                } else if text[position] != "]" {
                    throw ConfigError("list items must be separated by commas.")
                }
            }
        }

        private mutating func inlineTable() throws(ConfigError) -> JSONValue {
            position += 1
            var members: [String: JSONValue] = [:]
            while true {
                skipSpaces()
                guard !atEnd else { throw ConfigError("an inline table is missing its closing '}'.") }
                if text[position] == "}" {
                    position += 1
                    return .object(members)
                }
                guard let eq = text[position...].firstIndex(of: "=") else { throw ConfigError("an inline table entry is not `key = value`.") }
                let key = unquotedKey(String(text[position..<eq]).trimmingSpaces)
                guard !key.isEmpty, members[key] == nil else { throw ConfigError("an inline table has an empty or repeated key.") }
                position = eq + 1
                members[key] = try value()
                skipSpaces()
                guard !atEnd else { throw ConfigError("an inline table is missing its closing '}'.") }
                if text[position] == "," {
                    position += 1
                } else if text[position] != "}" {
                    throw ConfigError("inline table entries must be separated by commas.")
                }
            }
        }

        private mutating func bare() throws(ConfigError) -> JSONValue {
            let start = position
            while !atEnd, !",]} \t".contains(text[position]) { position += 1 }
            let word = String(text[start..<position])
            if word == "true" || word == "false" { return .bool(word == "true") }
            let digits = word.replacingOccurrences(of: "_", with: "")
            guard !digits.isEmpty,
                digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E") }),
                let number = Double(digits)
            else {
                // The value is not echoed: on a `webhook` line it would carry the secret.
                throw ConfigError("the value is neither a quoted string nor a number; put text in double quotes.")
            }
            return .number(number)
        }
    }

    // MARK: - Writing

    /// The tree as TOML; keys follow `order` (then the rest alphabetically). Objects become
    /// `[tables]`, arrays of objects `[[array tables]]`, and those nested inside an array table
    /// are written inline.
    static func render(_ root: [String: JSONValue], order: [String]) -> String {
        var out = ["# leadbox settings (see `leadbox config --help`)"]
        writeTable(root, path: [], inArrayTable: false, order: order, to: &out)
        return out.joined(separator: "\n") + "\n"
    }

    private static func writeTable(_ object: [String: JSONValue], path: [String], inArrayTable: Bool, order: [String], to out: inout [String]) {
        let keys = sortedKeys(object, order: order)
        var tables: [(String, JSONValue)] = []
        for key in keys {
            let value = object[key]!
            switch value {
            case .object where !inArrayTable, .array(_) where !inArrayTable && isArrayOfTables(value):
                tables.append((key, value))
            default:
                out.append("\(bareOrQuoted(key)) = \(inline(value, order: order))")
            }
        }
        for (key, value) in tables {
            let name = (path + [key]).map(bareOrQuoted).joined(separator: ".")
            if case .array(let items) = value {
                for case .object(let item) in items {
                    out.append("")
                    out.append("[[\(name)]]")
                    writeTable(item, path: path + [key], inArrayTable: true, order: order, to: &out)
                }
            } else if case .object(let child) = value {
                out.append("")
                out.append("[\(name)]")
                writeTable(child, path: path + [key], inArrayTable: false, order: order, to: &out)
            }
        }
    }

    private static func isArrayOfTables(_ value: JSONValue) -> Bool {
        guard case .array(let items) = value, !items.isEmpty else { return false }
        return items.allSatisfy { $0.objectValue != nil }
    }

    private static func sortedKeys(_ object: [String: JSONValue], order: [String]) -> [String] {
        object.keys.sorted { a, b in
            let ia = order.firstIndex(of: a) ?? Int.max
            let ib = order.firstIndex(of: b) ?? Int.max
            return ia != ib ? ia < ib : a < b
        }
    }

    private static func inline(_ value: JSONValue, order: [String]) -> String {
        switch value {
        case .null: return "\"\""
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .string(let s): return quoted(s)
        case .array(let items): return "[" + items.map { inline($0, order: order) }.joined(separator: ", ") + "]"
        case .object(let members):
            let parts = sortedKeys(members, order: order).map { "\(bareOrQuoted($0)) = \(inline(members[$0]!, order: order))" }
            return "{ " + parts.joined(separator: ", ") + " }"
        }
    }

    private static func bareOrQuoted(_ key: String) -> String {
        !key.isEmpty && key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) ? key : quoted(key)
    }

    /// A TOML basic string: JSON's string escapes are exactly TOML's, so one writer serves both.
    static func quoted(_ value: String) -> String {
        JSONValue.string(value).compactText
    }
}
