import Testing

@testable import ContactInput
@testable import LeadCore

@Suite struct CSVTests {
    @Test func quotedFieldsNewlinesAndBOM() throws {
        let rows = try CSV.parse("\u{FEFF}NAME,COMMENTS\r\n\"Глеб\",\"line1\nline2, \"\"quoted\"\"\"\r\nАнна,\r\n")
        #expect(rows == [["NAME", "COMMENTS"], ["Глеб", "line1\nline2, \"quoted\""], ["Анна", ""]])
    }

    @Test func semicolonDelimiterIsDetected() throws {
        #expect(try CSV.parse("NAME;EMAIL\nA;a@b.co\n") == [["NAME", "EMAIL"], ["A", "a@b.co"]])
    }

    @Test func unterminatedQuoteNamesTheRow() {
        #expect(throws: CSVError("Row 2 has a quoted field that never ends; a closing quote is missing.")) {
            try CSV.parse("NAME\n\"open\n")
        }
    }

    @Test func writeThenReadRoundTrips() throws {
        let fields = ["a,b", "Привет", "x\"y", "multi\nline", ""]
        #expect(try CSV.parse(CSV.line(fields) + "\r\n") == [fields])
    }

    @Test func multifieldCellsRoundTrip() throws {
        var lead = Lead()
        lead.append(.phone, .init(value: "+7 999", valueType: "MOBILE"))
        lead.append(.phone, .init(value: "8 800", valueType: "WORK"))
        var again = Lead()
        try again.setCSVCell("PHONE", lead.csvCell("PHONE"))
        #expect(again.entries(.phone) == lead.entries(.phone))
    }
}
