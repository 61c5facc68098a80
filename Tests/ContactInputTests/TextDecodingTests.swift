import Foundation
import Testing

@testable import ContactInput
@testable import LeadCore

@Suite struct TextDecodingTests {
    @Test(arguments: [
        ("vcard/utf-8-bom.vcf", "UTF-8"), ("vcard/utf-16le-bom.vcf", "UTF-16LE"), ("vcard/utf-16be-bom.vcf", "UTF-16BE"),
        ("vcard/utf-16le-nobom.vcf", "UTF-16LE"), ("vcard/utf-16be-nobom.vcf", "UTF-16BE"),
    ])
    func unicodeFilesAreDetected(_ file: String, _ encoding: String) throws {
        let decoded = try TextDecoding.decode(CardFixture.bytes(file), source: file)
        #expect(decoded.encoding == encoding)
        #expect(decoded.text.hasPrefix("BEGIN:VCARD\r\n"))  // the BOM is gone
        #expect(decoded.text.contains("ORG:Łódzkie Zakłady Włókiennicze"))
    }

    @Test(arguments: [
        ("vcard/windows-1251.vcf", "windows-1251", "Смирнов;Алексей;Петрович"),
        ("vcard/koi8-r.vcf", "KOI8-R", "Волкова;Екатерина"),
        ("vcard/outlook-21-windows1252.vcf", "windows-1252", "Bäckerei Müller GmbH"),
        ("vcard/iso-8859-1.vcf", "windows-1252", "Société Générale d'Équipement"),
        ("vcard/shift_jis-5c.vcf", "Shift_JIS", "ソニー能力開発"),
    ])
    func legacyEncodingsAreGuessed(_ file: String, _ encoding: String, _ expected: String) throws {
        let decoded = try TextDecoding.decode(CardFixture.bytes(file), source: file)
        #expect(decoded.encoding == encoding)
        #expect(decoded.text.contains(expected))
    }

    /// Folds at 75 octets inside characters (issue 19): the file is UTF-8 once each fold moves
    /// behind the character it split; lines and unfolded text stay as they were.
    @Test func vCardFoldsInsideCharactersAreJudgedAsUTF8() throws {
        let bytes = try CardFixture.bytes("vcard/nextcloud-30-fold-75-octets.vcf")
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        for override in [nil, "UTF-8"] {
            let decoded = try TextDecoding.decode(bytes, encoding: override, source: "f")
            #expect(decoded.encoding == "UTF-8")
            #expect(Array(decoded.text.utf8).count == bytes.count)
            #expect(decoded.text.replacingOccurrences(of: "\r\n ", with: "") == String(decoding: VCardLines.joiningFolds(bytes), as: UTF8.self))
            #expect(decoded.text.components(separatedBy: "\r\n").count == bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count)
        }
        // Legacy bytes are never "mended": no fold there completes a UTF-8 character.
        for file in ["vcard/windows-1251.vcf", "vcard/koi8-r.vcf", "vcard/shift_jis-5c.vcf", "vcard/outlook-21-windows1252.vcf"] {
            #expect(VCardLines.mendingSplitCharacters(try CardFixture.bytes(file)) == nil, "\(file)")
        }
    }

    @Test func iso885915IsReadWithItsOwnTableWhenNamed() throws {
        let bytes = try CardFixture.bytes("vcard/iso-8859-15.vcf")
        let named = try TextDecoding.decode(bytes, encoding: "latin9", source: "f")
        #expect(named.encoding == "ISO-8859-15")
        #expect(named.text.contains("Šimonová;Žofia") && named.text.contains("5000 €"))
    }

    @Test func iso885915IsGuessedFromItsLetters() throws {
        let decoded = try TextDecoding.decode(CardFixture.bytes("vcard/iso-8859-15.vcf"), source: "f")
        #expect(decoded.encoding == "ISO-8859-15")
        #expect(decoded.text.contains("Žofia Šimonová"))
    }

    @Test func overrideWinsOverDetection() throws {
        let bytes = Array("Привет".data(using: .utf8)!)
        #expect(try TextDecoding.decode(bytes, encoding: "cp1251", source: "f").text == "РџСЂРёРІРµС‚")
        #expect(try TextDecoding.decode(bytes, encoding: "UTF8", source: "f").text == "Привет")
    }

    @Test func unknownEncodingNamesTheChoices() {
        #expect(throws: ContactInputError.self) { try TextDecoding.decode([0x41], encoding: "EBCDIC", source: "f") }
        do { _ = try TextDecoding.decode([0x41], encoding: "EBCDIC", source: "f") } catch {
            #expect(error.description.hasPrefix("leadbox does not know the encoding \"EBCDIC\"; use one of UTF-8,"))
        }
    }

    @Test func invalidBytesForTheNamedEncodingAreASentence() {
        #expect(throws: ContactInputError("f is not valid UTF-8 text; check the --encoding name, or leave --encoding out to detect it.")) {
            try TextDecoding.decode([0x41, 0xC3], encoding: "UTF-8", source: "f")
        }
    }

    @Test(arguments: [
        ([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] as [UInt8], "a JPEG image"),
        ([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] as [UInt8], "a ZIP archive"),
        ([0x25, 0x50, 0x44, 0x46, 0x2D] as [UInt8], "a PDF document"),
        ([0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x03, 0x9C] as [UInt8], "binary data"),
    ])
    func binaryFilesAreNamed(_ bytes: [UInt8], _ kind: String) {
        do {
            _ = try TextDecoding.decode(bytes, source: "The file x")
            Issue.record("decoded binary data")
        } catch {
            #expect(error.description.hasPrefix("The file x is \(kind)"))
        }
    }

    @Test func noPlausibleReadingAsksForAnEncoding() {
        // Bytes that are no text in any candidate: C1 controls in Western, mixed-case junk in Cyrillic.
        let bytes: [UInt8] = [0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x81, 0x8D, 0x20, 0x8F, 0x90, 0x9D, 0x81]
        do {
            let decoded = try TextDecoding.decode(bytes, source: "The file x")
            Issue.record("guessed \(decoded.encoding)")
        } catch {
            #expect(error.description.contains("--encoding windows-1251"))
        }
    }

    @Test func plainASCIIAndEmptyAreUTF8() throws {
        #expect(try TextDecoding.decode([], source: "f") == DecodedText(text: "", encoding: "UTF-8"))
        #expect(try TextDecoding.decode(Array("FN:A".utf8), source: "f").encoding == "UTF-8")
    }

    @Test func everySingleByteTableDecodesEveryByte() throws {
        for charset in SingleByteCharset.allCases {
            let text = try #require(TextDecoding.decode(ArraySlice(0...255), charset: charset.rawValue))
            #expect(text.unicodeScalars.count == 256, "\(charset)")
        }
        #expect(TextDecoding.decode([0xC1, 0xC2], charset: "KOI8-R") == "аб")
        #expect(TextDecoding.decode([0xA4], charset: "ISO-8859-15") == "€")
        #expect(TextDecoding.decode([0x80], charset: "windows-1251") == "Ђ")
        #expect(TextDecoding.decode([0x80], charset: "CP866") == "А")
    }
}

@Suite struct ShortWesternWordTests {
    @Test func aShortFrenchNameInLatin1IsRead() throws {
        let decoded = try TextDecoding.decode([0x4E, 0x41, 0x4D, 0x45, 0x0A, 0xC9, 0x6C, 0xE9, 0x0A], source: "f")
        #expect(decoded == DecodedText(text: "NAME\nÉlé\n", encoding: "windows-1252"))
    }
}
