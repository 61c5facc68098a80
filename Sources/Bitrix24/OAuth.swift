import Foundation

/// An OAuth app's identity and the place it renews tokens (reference §2).
public struct OAuthApp: Sendable, Equatable, CustomStringConvertible {
    public static let defaultTokenServer = "https://oauth.bitrix.info/oauth/token/"

    public let clientID: String
    /// Secret: never printed.
    public let clientSecret: String
    /// Where refresh requests go; configurable so tests can point it at the stand-in.
    public let tokenServer: String

    public init(clientID: String, clientSecret: String, tokenServer: String = OAuthApp.defaultTokenServer) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.tokenServer = tokenServer
    }

    public var description: String { "OAuth app \(clientID) (token server \(tokenServer))" }
}

/// An access/refresh token pair. Both are secrets; `description` hides them.
///
/// Bitrix24 rotates the refresh token on every renewal, so the pair must be stored together and
/// replaced together, or the next renewal fails with `invalid_grant`.
public struct OAuthTokens: Sendable, Equatable, CustomStringConvertible {
    public let accessToken: String
    public let refreshToken: String

    public init(accessToken: String, refreshToken: String) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
    }

    public var description: String { "OAuth tokens (access ***, refresh ***)" }
}

/// Persists a renewed token pair durably before the client uses it; called once per renewal.
/// Throwing keeps the pair in memory only, fails the current call, and the client tries to store
/// it again before its next call.
public typealias TokenStore = @Sendable (OAuthTokens) async throws -> Void

extension OAuthApp {
    /// The renewal URL: `GET tokenServer?grant_type=refresh_token&client_id=…&client_secret=…&refresh_token=…`.
    func refreshURL(_ refreshToken: String) -> String {
        let query = [
            ("grant_type", "refresh_token"), ("client_id", clientID),
            ("client_secret", clientSecret), ("refresh_token", refreshToken),
        ].map { "\($0)=\(PHPQuery.encode($1))" }.joined(separator: "&")
        return tokenServer + (tokenServer.contains("?") ? "&" : "?") + query
    }
}
