import Foundation

extension PortalState {
    /// `/oauth/token/?grant_type=refresh_token&client_id=…&client_secret=…&refresh_token=…`:
    /// rotates both tokens; a used or unknown refresh token is `invalid_grant`.
    func token(_ params: PortalJSON) -> HTTPAnswer {
        func failure(_ status: Int, _ code: String, _ text: String) -> HTTPAnswer {
            HTTPAnswer(status: status, json: ["error": .string(code), "error_description": .string(text)])
        }
        guard params["grant_type"]?.scalarString == "refresh_token" else {
            return failure(400, "invalid_request", "Unsupported grant_type")
        }
        guard params["client_id"]?.scalarString == settings.oauthClientID,
            params["client_secret"]?.scalarString == settings.oauthClientSecret
        else { return failure(401, "invalid_client", "Invalid client credentials") }
        guard let refresh = params["refresh_token"]?.scalarString,
            let issued = tokens.refresh(refresh, lifetime: settings.accessTokenLifetime, now: Date())
        else { return failure(400, "invalid_grant", "Invalid grant") }
        let lifetime = Int(settings.accessTokenLifetime.seconds)
        return HTTPAnswer(
            status: 200,
            json: [
                "access_token": .string(issued.accessToken),
                "expires": .int(Int(Date().timeIntervalSince1970) + lifetime),
                "expires_in": .int(lifetime),
                "scope": "crm",
                "domain": .string(baseURL.replacingOccurrences(of: "http://", with: "")),
                "server_endpoint": .string(baseURL + "/oauth/rest/"),
                "status": "L",
                "client_endpoint": .string(baseURL + "/rest/"),
                "member_id": "fakeportalmember0000000000000000",
                "user_id": .int(settings.webhookUser),
                "refresh_token": .string(issued.refreshToken),
            ])
    }
}
