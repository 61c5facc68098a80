import Foundation
import LeadCore

/// Contact input (a file, standard input or a scan) could not be taken; `description` is one
/// sentence naming the file, row or card and what to do.
public struct ContactInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Text read from bytes, with the name of the encoding it was read in (shown by `--dry-run` and
/// in warnings, so a wrong guess is visible rather than silent mojibake).
public struct DecodedText: Sendable, Equatable {
    public let text: String
    /// "UTF-8", "UTF-16LE", "windows-1251", "KOI8-R", "Shift_JIS", …
    public let encoding: String

    public init(text: String, encoding: String) {
        self.text = text
        self.encoding = encoding
    }
}

/// The one place where bytes from outside become text: files, standard input and scans.
///
/// Detection, in order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16/32 without a mark, by
/// where the NUL bytes fall; valid UTF-8 (a vCard's folds that split characters mended first);
/// otherwise the legacy heuristic of `LegacyGuess` (Windows-1251, KOI8-R, Windows-1252,
/// ISO-8859-15, Shift_JIS — whichever reads as the most plausible words). Bytes that are an image
/// or an archive, or that no encoding reads plausibly, are refused with a sentence rather than
/// turned into mojibake.
public enum TextDecoding {
    /// The names `--encoding` and vCard `CHARSET=` accept (spelling and case are forgiven).
    public static let supportedNames = [
        "UTF-8", "UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE", "US-ASCII",
        "windows-1250", "windows-1251", "windows-1252", "KOI8-R", "KOI8-U", "IBM866",
        "ISO-8859-1", "ISO-8859-2", "ISO-8859-5", "ISO-8859-15", "Shift_JIS",
    ]

    /// BOM (UTF-8/16/32), UTF-16 without BOM by NUL pattern, valid UTF-8, else the documented legacy heuristic.
    public static func decode(_ bytes: [UInt8], encoding override: String? = nil, source: String) throws(ContactInputError) -> DecodedText {
        if let override {
            guard let charset = Charset(name: override) else {
                throw ContactInputError(
                    "leadbox does not know the encoding \"\(override.escapedForTerminal)\"; use one of \(supportedNames.joined(separator: ", ")).")
            }
            guard let text = read(charset.strippingBOM(bytes), as: charset) else {
                throw ContactInputError(
                    "\(source) is not valid \(charset.name) text; check the --encoding name, or leave --encoding out to detect it.")
            }
            return DecodedText(text: text, encoding: charset.name)
        }
        let magic = Charset.byBOM(bytes) == nil ? BinaryKind(magic: bytes) : nil
        if let charset = magic == nil ? Charset.byBOM(bytes) ?? Charset.byNULPattern(bytes) : nil {
            guard let text = read(charset.strippingBOM(bytes), as: charset) else {
                throw ContactInputError("\(source) looks like \(charset.name) but is damaged; save it again, or give its encoding with --encoding.")
            }
            return DecodedText(text: text, encoding: charset.name)
        }
        if let kind = magic ?? (bytes.prefix(8192).contains(0) ? .other : nil) {
            throw ContactInputError("\(source) is \(kind.description), not a contact file; \(kind.advice)")
        }
        if let text = read(bytes[...], as: .utf8) {
            return DecodedText(text: text, encoding: Charset.utf8.name)
        }
        guard let guess = LegacyGuess.best(bytes) else {
            throw ContactInputError(
                "\(source) is not UTF-8 and does not read as Russian, Western European or Japanese text; give its encoding, such as --encoding windows-1251 or --encoding ISO-8859-15."
            )
        }
        return DecodedText(text: guess.text, encoding: guess.charset.name)
    }

    /// `bytes` read in `charset`; UTF-8 also when only a vCard's folds split its characters
    /// (folded at 75 octets without looking at characters: see `VCardLines.mendingSplitCharacters`).
    private static func read(_ bytes: ArraySlice<UInt8>, as charset: Charset) -> String? {
        if let text = charset.decode(bytes) { return text }
        guard charset == .utf8, let mended = VCardLines.mendingSplitCharacters(bytes) else { return nil }
        return String(decoding: mended, as: UTF8.self)
    }

    /// `bytes` read in the character set `name` (a vCard `CHARSET=` value); nil when the name is
    /// unknown or the bytes are not valid in it.
    public static func decode(_ bytes: ArraySlice<UInt8>, charset name: String) -> String? {
        Charset(name: name)?.decode(bytes)
    }
}

/// A character set leadbox can read.
enum Charset: Sendable, Equatable {
    case utf8, utf16LE, utf16BE, utf32LE, utf32BE, shiftJIS
    case single(SingleByteCharset)

    /// The usual spelling, as `DecodedText.encoding` reports it.
    var name: String {
        switch self {
        case .utf8: "UTF-8"
        case .utf16LE: "UTF-16LE"
        case .utf16BE: "UTF-16BE"
        case .utf32LE: "UTF-32LE"
        case .utf32BE: "UTF-32BE"
        case .shiftJIS: "Shift_JIS"
        case .single(let table): table.rawValue
        }
    }

    /// Reads the names people and exporters write: `cp1251`, `Windows-1251`, `latin1`, `SJIS`, …
    init?(name: String) {
        let key = name.uppercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "UTF8", "USASCII", "ASCII", "ANSIX341968", "UNICODE11UTF8": self = .utf8
        case "UTF16LE", "UCS2LE", "UNICODE": self = .utf16LE
        case "UTF16BE", "UTF16", "UCS2", "UCS2BE": self = .utf16BE
        case "UTF32LE": self = .utf32LE
        case "UTF32BE", "UTF32": self = .utf32BE
        case "SHIFTJIS", "SJIS", "CP932", "WINDOWS31J", "MSKANJI", "XSJIS", "MS932": self = .shiftJIS
        case "WINDOWS1250", "CP1250", "WIN1250", "XCP1250": self = .single(.windows1250)
        case "WINDOWS1251", "CP1251", "WIN1251", "XCP1251": self = .single(.windows1251)
        case "WINDOWS1252", "CP1252", "WIN1252", "XCP1252", "ANSI": self = .single(.windows1252)
        case "KOI8R", "KOI8", "CSKOI8R": self = .single(.koi8R)
        case "KOI8U": self = .single(.koi8U)
        case "IBM866", "CP866", "866", "DOS866": self = .single(.ibm866)
        case "ISO88591", "LATIN1", "L1", "ISOLATIN1", "CP819", "IBM819", "88591": self = .single(.iso8859_1)
        case "ISO88592", "LATIN2", "L2", "ISOLATIN2": self = .single(.iso8859_2)
        case "ISO88595", "ISOLATINCYRILLIC", "CYRILLIC": self = .single(.iso8859_5)
        case "ISO885915", "LATIN9", "LATIN0", "L9": self = .single(.iso8859_15)
        default: return nil
        }
    }

    /// The text, or nil when the bytes are not valid in this character set.
    func decode(_ bytes: ArraySlice<UInt8>) -> String? {
        switch self {
        case .utf8:
            return String(validating: bytes, as: UTF8.self)
        case .utf16LE, .utf16BE:
            guard bytes.count % 2 == 0 else { return nil }
            let big = self == .utf16BE
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var index = bytes.startIndex
            while index < bytes.endIndex {
                let a = UInt16(bytes[index])
                let b = UInt16(bytes[index + 1])
                units.append(big ? a << 8 | b : b << 8 | a)
                index += 2
            }
            return String(validating: units, as: UTF16.self)
        case .utf32LE, .utf32BE:
            guard bytes.count % 4 == 0 else { return nil }
            var scalars = String.UnicodeScalarView()
            var index = bytes.startIndex
            while index < bytes.endIndex {
                let b = bytes[index..<index + 4].map(UInt32.init)
                let value = self == .utf32BE ? b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3] : b[3] << 24 | b[2] << 16 | b[1] << 8 | b[0]
                guard let scalar = Unicode.Scalar(value) else { return nil }
                scalars.append(scalar)
                index += 4
            }
            return String(scalars)
        case .shiftJIS:
            return String(bytes: bytes, encoding: .shiftJIS)  // Foundation's table is CP932's, as Windows writes it
        case .single(let table):
            return table.decode(bytes)
        }
    }

    /// The charset a byte-order mark announces.
    static func byBOM(_ bytes: [UInt8]) -> Charset? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return .utf8 }
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) { return .utf32LE }
        if bytes.starts(with: [0, 0, 0xFE, 0xFF]) { return .utf32BE }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LE }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BE }
        return nil
    }

    /// UTF-16 or UTF-32 without a mark: contact text is mostly ASCII (field names, separators,
    /// digits), so its NUL bytes fall in a fixed column of every 2- or 4-byte unit.
    static func byNULPattern(_ bytes: [UInt8]) -> Charset? {
        let sample = bytes.prefix(4096)
        guard sample.count >= 4 else { return nil }
        var zeros = [Int](repeating: 0, count: 4)
        for (offset, byte) in sample.enumerated() where byte == 0 { zeros[offset % 4] += 1 }
        let quarter = sample.count / 4
        let units = sample.count / 2
        if zeros[2] * 10 >= quarter * 9, zeros[3] * 10 >= quarter * 9, zeros[0] * 10 <= quarter { return .utf32LE }
        if zeros[0] * 10 >= quarter * 9, zeros[1] * 10 >= quarter * 9, zeros[3] * 10 <= quarter { return .utf32BE }
        let even = zeros[0] + zeros[2]
        let odd = zeros[1] + zeros[3]
        if odd * 5 >= units, even * 20 <= units { return .utf16LE }  // ≥ 20 % of units, ≤ 5 % stray
        if even * 5 >= units, odd * 20 <= units { return .utf16BE }
        return nil
    }

    /// The bytes without this charset's byte-order mark, when they start with it.
    func strippingBOM(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        let mark: [UInt8] =
            switch self {
            case .utf8: [0xEF, 0xBB, 0xBF]
            case .utf16LE: [0xFF, 0xFE]
            case .utf16BE: [0xFE, 0xFF]
            case .utf32LE: [0xFF, 0xFE, 0, 0]
            case .utf32BE: [0, 0, 0xFE, 0xFF]
            default: []
            }
        return !mark.isEmpty && bytes.starts(with: mark) ? bytes.dropFirst(mark.count) : bytes[...]
    }
}

/// Files people pick by mistake, recognised by their first bytes so the sentence can say what
/// the file is instead of "not UTF-8".
enum BinaryKind {
    case jpeg, png, gif, pdf, zip, gzip, other

    /// The kind announced by the first bytes; `.other` (NUL bytes in what is not UTF-16) is the caller's.
    init?(magic bytes: [UInt8]) {
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) {
            self = .png
        } else if bytes.starts(with: Array("GIF8".utf8)) {
            self = .gif
        } else if bytes.starts(with: Array("%PDF".utf8)) {
            self = .pdf
        } else if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            self = .zip
        } else if bytes.starts(with: [0x1F, 0x8B]) {
            self = .gzip
        } else {
            return nil
        }
    }

    var description: String {
        switch self {
        case .jpeg: "a JPEG image"
        case .png: "a PNG image"
        case .gif: "a GIF image"
        case .pdf: "a PDF document"
        case .zip: "a ZIP archive (an .xlsx or .docx file is one too)"
        case .gzip: "a gzip archive"
        case .other: "binary data"
        }
    }

    var advice: String {
        switch self {
        case .jpeg, .png, .gif: "scan the badge's code instead, or type the contact in."
        case .zip: "unpack it, or save the sheet as CSV, and import that file."
        case .gzip: "unpack it and import the file inside."
        case .pdf, .other: "export the contacts as a .vcf or .csv file and import that."
        }
    }
}
