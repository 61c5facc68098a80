import Foundation

/// OAuth tokens the portal has issued. Refreshing rotates both tokens: the old refresh token is
/// dead afterwards (`invalid_grant`), while the old access token lives until it expires.
struct TokenBook {
    enum AccessCheck { case valid, expired, unknown }

    private var accessExpiry: [String: Date] = [:]
    private var refreshTokens: Set<String> = []

    mutating func issue(lifetime: Duration, now: Date) -> OAuthTokens {
        let tokens = OAuthTokens(accessToken: Self.randomToken(), refreshToken: Self.randomToken())
        accessExpiry[tokens.accessToken] = now.addingTimeInterval(lifetime.seconds)
        refreshTokens.insert(tokens.refreshToken)
        return tokens
    }

    func check(_ accessToken: String, now: Date) -> AccessCheck {
        guard let expiry = accessExpiry[accessToken] else { return .unknown }
        return expiry > now ? .valid : .expired
    }

    mutating func refresh(_ refreshToken: String, lifetime: Duration, now: Date) -> OAuthTokens? {
        guard refreshTokens.remove(refreshToken) != nil else { return nil }
        return issue(lifetime: lifetime, now: now)
    }

    mutating func expireAll(now: Date) {
        for token in accessExpiry.keys { accessExpiry[token] = now }
    }

    /// Tokens come from the system generator, not the seeded fault generator, so issuing one
    /// never shifts which requests get faults.
    private static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined()
    }
}
