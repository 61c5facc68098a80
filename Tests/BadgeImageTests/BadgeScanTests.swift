import LeadCore
import Testing

@testable import BadgeImage

/// Which code a picture's lead is made from, and the lead: the same front door as a typed scan.
@Suite struct BadgeScanTests {
    static let vcard =
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Titov;Gleb;;;\r\nFN:Gleb Titov\r\nORG:IP Titov\r\nEMAIL;TYPE=WORK:gleb@example.com\r\nEND:VCARD"

    @Test func contactCardWinsOverOtherCodes() {
        let scan = BadgeScan(codes: [
            BadgeCode(format: "CODE_128", text: "TICKET-991"),
            BadgeCode(format: "QR_CODE", text: "REG-48213"),
            BadgeCode(format: "QR_CODE", text: Self.vcard),
            BadgeCode(format: "QR_CODE", text: Self.vcard),
        ])
        #expect(scan.codes.count == 3)
        #expect(scan.badgeCode?.text == Self.vcard)
        let contact = scan.contact(scanField: "COMMENTS")
        #expect(contact?.format == .vcard)
        #expect(contact?.lead.entries(.email).map(\.value) == ["gleb@example.com"])
        #expect(contact?.raw == Self.vcard)
        #expect(contact?.warnings.last?.contains("left aside: CODE_128 \"TICKET-991\", QR_CODE \"REG-48213\"") == true)
    }

    @Test func twoDimensionalWinsOverLinear() {
        let scan = BadgeScan(codes: [BadgeCode(format: "CODE_128", text: "TICKET-991"), BadgeCode(format: "QR_CODE", text: "REG-48213")])
        #expect(scan.badgeCode?.text == "REG-48213")
        let contact = scan.contact(scanField: "UF_CRM_BADGE")
        #expect(contact?.format == .unrecognized)
        #expect(contact?.lead["UF_CRM_BADGE"] == "REG-48213")
        #expect(contact?.lead.problems().isEmpty == true)
    }

    @Test func noCodeMakesNoLead() {
        #expect(BadgeScan(codes: []).contact(scanField: "COMMENTS") == nil)
    }

    @Test func zbarNamesInCommonNames() {
        #expect(BadgeCode.format(zbarSymbology: 64, zbarName: "QR-Code") == "QR_CODE")
        #expect(BadgeCode.format(zbarSymbology: 128, zbarName: "CODE-128") == "CODE_128")
        #expect(BadgeCode.format(zbarSymbology: 80, zbarName: "SQ-Code") == "SQ-Code")
    }

    @Test func missingLibraryNamesThePackage() {
        #expect(throws: BadgeImageError.missingLibrary(library: "libleadbox-absent.so.9", package: "leadbox-absent", purpose: "Reading X")) {
            try SharedLibrary("libleadbox-absent.so.9", package: "leadbox-absent", purpose: "Reading X")
        }
        let message = BadgeImageError.missingLibrary(library: "libzbar.so.0", package: "libzbar0", purpose: "Reading badge codes from pictures")
            .description
        #expect(
            message
                == "Reading badge codes from pictures needs libzbar.so.0, which is not installed; install it with `sudo apt-get install libzbar0`.")
    }
}
