import Foundation

/// Turns the HTML-ish text Bitrix24 puts in `error_description` ("The required field 'Lead Name'
/// is missing.<br />", "&quot;E-mail&quot; is invalid") into plain text a person can read in a
/// terminal: `<br>` and `<p>` become line breaks, other tags are dropped, entities are decoded,
/// and runs of spaces and blank lines collapse.
public enum PortalText {
    public static func plain(_ text: String) -> String {
        guard text.contains("<") || text.contains("&") else { return text.trimmingCharacters(in: .whitespaces) }
        var out = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "<", let close = text[index...].firstIndex(of: ">") {
                let tag = text[text.index(after: index)..<close].lowercased()
                let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter })
                if ["br", "p", "div", "li", "tr"].contains(String(name)) { out += "\n" }
                index = text.index(after: close)
            } else if character == "&", let semicolon = text[index...].prefix(10).firstIndex(of: ";"),
                let decoded = entity(String(text[text.index(after: index)..<semicolon]))
            {
                out += decoded
                index = text.index(after: semicolon)
            } else {
                out.append(character)
                index = text.index(after: index)
            }
        }
        let lines = out.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ") }
            .filter { !$0.isEmpty }
        return lines.joined(separator: "\n")
    }

    /// The same on one line, for a table cell or a wrapped paragraph.
    public static func oneLine(_ text: String) -> String {
        plain(text).replacingOccurrences(of: "\n", with: " ")
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
        "laquo": "«", "raquo": "»", "mdash": "—", "ndash": "–", "hellip": "…",
    ]

    private static func entity(_ name: String) -> String? {
        if let known = named[name.lowercased()] { return known }
        guard name.hasPrefix("#") else { return nil }
        let digits = name.dropFirst()
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
    }
}
