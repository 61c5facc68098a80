import Foundation
import LeadCore
import Testing

@testable import Bitrix24

@Suite struct BatchCommandEncoding {
    @Test func everyHardCharacterIsPercentEncoded() {
        #expect(PHPQuery.encode("a&b=c[d]%e#f+g h") == "a%26b%3Dc%5Bd%5D%25e%23f%2Bg%20h")
        #expect(PHPQuery.encode("Иван") == "%D0%98%D0%B2%D0%B0%D0%BD")
        #expect(PHPQuery.encode("🙂\n") == "%F0%9F%99%82%0A")
        #expect(PHPQuery.encode("A-z_0.9~") == "A-z_0.9~")
    }

    /// The run-copying encoder against the rule read byte by byte: every byte value, random
    /// lengths, slices that start mid-array, and a buffer that already holds a command.
    @Test func encodingMatchesTheByteByByteRule() {
        func unreserved(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || Array("-._~".utf8).contains(byte)
        }
        func expected(_ bytes: some Sequence<UInt8>) -> String {
            bytes.map { unreserved($0) ? String(UnicodeScalar($0)) : "%" + String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined()
        }
        var random = SeededRandom(seed: 20_261_202)
        var inputs: [[UInt8]] = [Array(0...255), []]
        for _ in 0..<300 {
            inputs.append(
                (0..<Int.random(in: 0...40, using: &random)).map { _ in
                    // Mostly plain bytes, as in real leads, with some of every other kind.
                    Bool.random(using: &random) ? Array("azAZ09-._~".utf8).randomElement(using: &random)! : UInt8.random(in: 0...255, using: &random)
                })
        }
        for input in inputs {
            var out = Array("crm.lead.add?".utf8)
            PHPQuery.appendEncoded(input, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == "crm.lead.add?" + expected(input))
            let tail = input.dropFirst(input.count / 3)
            var sliced: [UInt8] = []
            PHPQuery.appendEncoded(tail, to: &sliced)
            #expect(String(decoding: sliced, as: UTF8.self) == expected(tail))
        }
    }

    @Test func commandCarriesFieldsThenDedupePairThenParams() {
        let lead = LeadSubmission(
            localID: 7, originID: "u-1",
            fields: ["TITLE": "T&1", "PHONE": [["VALUE": "+7 1", "VALUE_TYPE": "WORK"]], "ORIGIN_ID": "forged"],
            options: ["REGISTER_SONET_EVENT": "Y"])
        #expect(lead.batchKey == "l7")
        #expect(
            lead.batchCommand(originatorID: "app")
                == "crm.lead.add?fields[PHONE][0][VALUE]=%2B7%201&fields[PHONE][0][VALUE_TYPE]=WORK&fields[TITLE]=T%261"
                + "&fields[ORIGINATOR_ID]=app&fields[ORIGIN_ID]=u-1&params[REGISTER_SONET_EVENT]=Y")
        #expect(lead.portalFields(originatorID: "app")["ORIGIN_ID"] == "u-1")
    }

    @Test func scalarsFlattenAsPHPReadsThem() {
        #expect(PHPQuery.pairs("f[N]", .number(3)) == ["f[N]=3"])
        #expect(PHPQuery.pairs("f[N]", .number(2.5)) == ["f[N]=2.5"])
        #expect(PHPQuery.pairs("f[B]", .bool(true)) == ["f[B]=Y"])
        #expect(PHPQuery.pairs("f[Z]", .null) == ["f[Z]="])
        #expect(PHPQuery.pairs("f[E]", .array([])) == [])
    }
}

@Suite struct Endpoints {
    @Test func webhookIsNormalisedAndRedacted() throws {
        let endpoint = try PortalEndpoint.webhook("https://portal.example/rest/1/s3cretcode")
        #expect(endpoint.baseURL == "https://portal.example/rest/1/s3cretcode/")
        #expect(endpoint.url(for: "crm.lead.add") == "https://portal.example/rest/1/s3cretcode/crm.lead.add")
        #expect(endpoint.description == "https://portal.example/rest/1/***/")
        #expect(!String(reflecting: endpoint).contains("s3cretcode"))
        var dumped = ""
        dump(endpoint, to: &dumped)
        #expect(!dumped.contains("s3cretcode"))
    }

    @Test(arguments: ["http://127.0.0.1:8080/rest/1/c/", "http://127.5.6.7/rest/1/c/", "http://localhost:1/rest/1/c/", "http://[::1]:9/rest/1/c/"])
    func plainHTTPIsAllowedOnLoopback(_ url: String) throws {
        _ = try PortalEndpoint.webhook(url)
    }

    @Test(arguments: ["http://portal.example/rest/1/c/", "http://10.0.0.1/rest/1/c/", "http://127.0.0.1.evil.example/rest/1/c/", "ftp://x/rest/1/c/"])
    func plainHTTPElsewhereIsAConfigurationError(_ url: String) {
        #expect(throws: EndpointError.self) { try PortalEndpoint.webhook(url) }
    }

    @Test(arguments: [
        "https://portal.example/", "https://portal.example/rest/1/", "https://portal.example/rest/x/c/", "not a url",
        "https://portal.example/rest/1/c/?auth=1",
    ])
    func malformedWebhookIsRefusedWithoutLeakingIt(_ url: String) {
        do {
            _ = try PortalEndpoint.webhook(url)
            Issue.record("accepted \(url)")
        } catch {
            #expect(!error.description.contains("/rest/1/c/"))
        }
    }

    @Test func moveKeepsTheCredentials() throws {
        let old = try PortalEndpoint.webhook("https://old.example/rest/1/code1234/")
        #expect(
            try old.moved(to: "https://new.example/rest/1/code1234/crm.lead.add", method: "crm.lead.add").baseURL
                == "https://new.example/rest/1/code1234/")
        #expect(try old.moved(to: "https://new.example/", method: "batch").baseURL == "https://new.example/rest/1/code1234/")
        #expect(throws: EndpointError.self) { try old.moved(to: "http://new.example/", method: "batch") }
    }

    @Test func oauthBaseAndTokenServerAreChecked() throws {
        let app = OAuthApp(clientID: "id", clientSecret: "topsecret")
        #expect(try PortalEndpoint.oauth(restBase: "https://p.example/rest", app: app).baseURL == "https://p.example/rest/")
        #expect(throws: EndpointError.self) {
            try PortalEndpoint.oauth(
                restBase: "https://p.example/rest/", app: OAuthApp(clientID: "id", clientSecret: "s", tokenServer: "http://oauth.example/"))
        }
        #expect(!String(reflecting: app).contains("topsecret"))
        #expect(!"\(OAuthTokens(accessToken: "acc123", refreshToken: "ref456"))".contains("acc123"))
    }
}

@Suite struct PHPQuirks {
    func json(_ text: String) -> JSONValue? { PortalJSON.decode(Array(text.utf8)) }

    @Test func emptyArrayIsAnEmptyMap() {
        #expect(json("[]")?.phpMap == [:])
        #expect(json(#"["a","b"]"#)?.phpMap == ["0": "a", "1": "b"])
    }

    @Test func numericKeyedObjectIsAList() {
        #expect(json(#"{"10":"c","2":"b","0":"a"}"#)?.phpList == ["a", "b", "c"])
    }

    @Test func numbersAsStrings() {
        #expect(json(#""5""#)?.phpInt == 5)
        #expect(json("5")?.phpInt == 5)
        #expect(json(#""15000.00""#)?.phpDouble == 15000)
        #expect(json(#""abc""#)?.phpInt == nil)
        #expect(json("1")?.phpInt == 1)  // not read as `true`
    }

    @Test func nullAndEmptyStringBothMeanUnset() {
        #expect(json("null")?.phpText == nil)
        #expect(json(#""""#)?.phpText == nil)
        #expect(json("12")?.phpText == "12")
    }

    @Test(arguments: ["", "<html><body>502 Bad Gateway</body></html>", #"{"result": {"a": 1"#, "\u{FEFF}garbage"])
    func unreadableBodiesAreNotJSON(_ body: String) {
        #expect(json(body) == nil)
    }

    @Test func operatingResetAtIsRead() {
        let time = PortalTime(json(#"{"start":1,"operating_reset_at":1700000000,"operating":"3.5"}"#))
        #expect(time?.operatingResetAt == Date(timeIntervalSince1970: 1_700_000_000))
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

extension PHPQuery {
    /// `appendPairs` as `name=value` strings, to compare with what a test expects.
    static func pairs(_ name: String, _ value: JSONValue) -> [String] {
        var name = Array(name.utf8)
        var out: [UInt8] = []
        appendPairs(&name, value, to: &out)
        return out.isEmpty ? [] : String(decoding: out, as: UTF8.self).split(separator: "&").map(String.init)
    }
}
