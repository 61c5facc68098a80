import LeadCore

/// Reads the token server's answer to a refresh request (reference §2, OAuth error codes).
///
/// A renewal failure never means the original call ran: the portal refused it with expired_token
/// before running it. So transient renewal trouble is `rejectedBeforeRunning` (or `offline`), and
/// only a verdict on the app itself (`invalid_grant`, `invalid_client`, …) stops the portal.
enum TokenRenewal {
    static func interpret(_ response: Result<RawResponse, CallFailure>) -> Result<OAuthTokens, CallFailure> {
        let raw: RawResponse
        switch response {
        case .failure(let failure) where failure.kind == .offline: return .failure(failure)
        case .failure(let failure): return .failure(transient("the token server could not be reached reliably (\(failure.code))"))
        case .success(let answer): raw = answer
        }
        let members = PortalJSON.decode(raw.body)?.objectValue
        if let code = members?["error"]?.phpText {
            let detail = members?["error_description"]?.phpText.map { ": \(PortalText.plain($0))" } ?? ""
            switch code {
            case "invalid_grant":
                return .failure(
                    CallFailure(
                        .portalUnusable, code: code,
                        message:
                            "The app's authorization on the portal has run out or was revoked (invalid_grant\(detail)): open the app in Bitrix24 to authorize it again.",
                        httpStatus: raw.status))
            case "invalid_client":
                return .failure(
                    CallFailure(
                        .portalUnusable, code: code,
                        message:
                            "The token server does not accept this app's client id or secret (invalid_client\(detail)): check them in the app's settings in Bitrix24.",
                        httpStatus: raw.status))
            default:
                if raw.status >= 500 { return .failure(transient("the token server failed (\(code))")) }
                return .failure(
                    CallFailure(
                        .portalUnusable, code: code,
                        message: "The token server refused to renew the app's access (\(code)\(detail)): authorize the app in Bitrix24 again.",
                        httpStatus: raw.status))
            }
        }
        guard (200..<300).contains(raw.status),
            let access = members?["access_token"]?.phpText, let refresh = members?["refresh_token"]?.phpText
        else {
            return .failure(transient("the token server gave an unreadable answer (HTTP \(raw.status))"))
        }
        return .success(OAuthTokens(accessToken: access, refreshToken: refresh))
    }

    private static func transient(_ why: String) -> CallFailure {
        CallFailure(
            .rejectedBeforeRunning, code: "TOKEN_RENEWAL_FAILED",
            message: "The app's access token expired and could not be renewed: \(why); leadbox will try again.")
    }
}
