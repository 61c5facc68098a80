import FakePortal
import Testing

@Suite struct RestMethodTests {
    @Test func webhookAuthAcceptsOnlyTheCurrentCode() async throws {
        try await Harness.run { (h: Harness) async throws in
            let ok = try await h.get("crm.lead.fields.json")
            #expect(ok.status == 200)
            let wrong = try await h.get("/rest/1/nope/crm.lead.fields")
            #expect(wrong.status == 401)
            #expect(wrong.json?["error"] == "NO_AUTH_FOUND")
            #expect(wrong.json?["error_description"] == "Wrong authorization data")
            await h.portal.configure { $0.webhookCode = "regenerated" }
            #expect(try await h.get("crm.lead.fields").json?["error"] == "NO_AUTH_FOUND")
        }
    }

    @Test func addDropsUnknownFieldsAndGetReturnsStrings() async throws {
        try await Harness.run { (h: Harness) async throws in
            let id = try await h.addLead(
                #"{"TITLE":"Стенд","OPPORTUNITY":1500,"BOGUS":"x","UF_CRM_BADGE_ID":"B-7","UF_CRM_GONE":"y","ORIGINATOR_ID":"leadbox","ORIGIN_ID":"u-1","PHONE":[{"VALUE":"+7 999 000-11-22","VALUE_TYPE":"MOBILE"},{"VALUE":""}]}"#
            )
            #expect(id == 1)
            let lead = try #require(try await h.get("crm.lead.get?id=1").json?["result"])
            #expect(lead["ID"] == "1")
            #expect(lead["TITLE"] == "Стенд")
            #expect(lead["OPPORTUNITY"] == "1500.00")
            #expect(lead["UF_CRM_BADGE_ID"] == "B-7")
            #expect(lead["BOGUS"] == nil && lead["UF_CRM_GONE"] == nil)
            #expect(lead["PHONE"]?.elements?.count == 1)
            #expect(lead["PHONE"]?["0"]?["VALUE_TYPE"] == "MOBILE")
            let stored = await h.portal.leads()
            #expect(stored.map(\.originID) == ["u-1"] && stored.first?.originatorID == "leadbox")
        }
    }

    @Test func addRejectsBadEmailAndEmptyParameters() async throws {
        try await Harness.run { (h: Harness) async throws in
            let bad = try await h.post("crm.lead.add", json: #"{"fields":{"EMAIL":[{"VALUE":"not-an-address"}]}}"#)
            #expect(bad.status == 400)
            #expect(bad.json?["error"] == "")
            let invalidJSON = try await h.post("crm.lead.add", json: #"{"fields":{"TITLE":"#)
            #expect(invalidJSON.status == 400)
            #expect(await h.portal.leads().isEmpty)
        }
    }

    @Test func formEncodedBodiesUsePHPNesting() async throws {
        try await Harness.run { (h: Harness) async throws in
            let body = "fields%5BTITLE%5D=A+%26+B&fields[PHONE][0][VALUE]=%2B7%20999&fields[PHONE][0][VALUE_TYPE]=WORK"
            let reply = try await h.post("crm.lead.add", json: body, contentType: "application/x-www-form-urlencoded")
            #expect(reply.json?["result"] == 1)
            let lead = try #require(await h.portal.leads().first)
            #expect(lead.title == "A & B")
            #expect(lead.values("PHONE") == ["+7 999"])
        }
    }

    @Test func listFiltersSelectsAndPages() async throws {
        try await Harness.run { (h: Harness) async throws in
            for index in 1...60 {
                try await h.addLead(#"{"TITLE":"L\#(index)","ORIGINATOR_ID":"leadbox","ORIGIN_ID":"u\#(index)"}"#)
            }
            let exact = try await h.post(
                "crm.lead.list",
                json: #"{"filter":{"=ORIGINATOR_ID":"leadbox","=ORIGIN_ID":"u7"},"select":["ID","ORIGIN_ID"],"start":-1}"#)
            #expect(exact.json?["result"] == [["ID": "7", "ORIGIN_ID": "u7"]])
            #expect(exact.json?["total"] == nil && exact.json?["next"] == nil)

            let within = try await h.post("crm.lead.list", json: #"{"filter":{"@ORIGIN_ID":["u2","u3","zz"]},"select":["ID"]}"#)
            #expect(within.json?["result"] == [["ID": "2"], ["ID": "3"]])
            #expect(within.json?["total"] == 2)

            let plain = try await h.get("crm.lead.list?filter[TITLE]=L9&select[]=TITLE")
            #expect(plain.json?["result"] == [["ID": "9", "TITLE": "L9"]])

            let typo = try await h.post("crm.lead.list", json: #"{"filter":{"=ORIGIN_IDD":"u7"}}"#)
            #expect(typo.json?["result"]?.elements?.count == 50)
            #expect(typo.json?["total"] == 60 && typo.json?["next"] == 50)

            let second = try await h.post("crm.lead.list", json: #"{"start":50,"select":["ID"]}"#)
            #expect(second.json?["result"]?.elements?.count == 10)
            #expect(second.json?["next"] == nil)
        }
    }

    @Test func metadataAndDuplicates() async throws {
        try await Harness.run { (h: Harness) async throws in
            let fields = try #require(try await h.get("crm.lead.fields").json?["result"])
            #expect(fields["SOURCE_ID"]?["statusType"] == "SOURCE")
            #expect(fields["PHONE"]?["type"] == "crm_multifield" && fields["PHONE"]?["isMultiple"] == true)
            #expect(fields["UF_CRM_BADGE_ID"]?["isDynamic"] == true)
            #expect(fields["UF_CRM_BADGE_ID"]?["listLabel"] == "Badge ID")

            let sources = try await h.post("crm.status.list", json: #"{"filter":{"ENTITY_ID":"SOURCE"}}"#)
            #expect(sources.json?["result"]?.elements?.contains { $0["STATUS_ID"] == "TRADE_SHOW" } == true)
            #expect(sources.json?["result"]?.elements?.allSatisfy { $0["ENTITY_ID"] == "SOURCE" } == true)

            try await h.addLead(#"{"PHONE":[{"VALUE":"+7 (999) 111-22-33"}],"EMAIL":[{"VALUE":"Ann@Example.com"}]}"#)
            let byPhone = try await h.post(
                "crm.duplicate.findbycomm", json: #"{"type":"PHONE","values":["79991112233"],"entity_type":"LEAD"}"#)
            #expect(byPhone.json?["result"] == ["LEAD": [1]])
            let none = try await h.post("crm.duplicate.findbycomm", json: #"{"type":"EMAIL","values":["x@y.z"]}"#)
            #expect(none.json?["result"] == [])
            let many = (0...20).map { "\"\($0)\"" }.joined(separator: ",")
            let tooMany = try await h.post("crm.duplicate.findbycomm", json: #"{"type":"PHONE","values":[\#(many)]}"#)
            #expect(tooMany.status == 400)
        }
    }

    @Test func oauthRefreshRotatesTokens() async throws {
        try await Harness.run { (h: Harness) async throws in
            let first = await h.portal.issueOAuthTokens()
            #expect(try await h.get("/rest/crm.lead.fields?auth=\(first.accessToken)").status == 200)
            #expect(try await h.get("/rest/crm.lead.fields?auth=nope").json?["error"] == "NO_AUTH_FOUND")
            await h.portal.expireAccessTokens()
            let expired = try await h.post("/rest/crm.lead.fields", json: #"{"auth":"\#(first.accessToken)"}"#)
            #expect(expired.status == 401 && expired.json?["error"] == "expired_token")

            let refreshQuery =
                "/oauth/token/?grant_type=refresh_token&client_id=local.fakeportal.app"
                + "&client_secret=fakeportal-app-secret&refresh_token="
            let renewed = try #require(try await h.get(refreshQuery + first.refreshToken).json)
            let access = try #require(renewed["access_token"]?.scalarString)
            #expect(renewed["refresh_token"]?.scalarString != first.refreshToken)
            #expect(renewed["expires_in"] == 3600)
            #expect(renewed["client_endpoint"]?.scalarString == h.portal.restURL)
            #expect(try await h.get("/rest/crm.lead.fields?auth=\(access)").status == 200)

            let reused = try await h.get(refreshQuery + first.refreshToken)
            #expect(reused.status == 400 && reused.json?["error"] == "invalid_grant")
        }
    }
}
