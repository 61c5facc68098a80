import Bitrix24
import Foundation
import LeadCore
import LeadStore
import Logging

/// Builds the portal client the settings describe — an incoming webhook, or an OAuth app whose
/// rotating token pair is kept durably in the outbox — for the engine and the `portal` commands.
public enum PortalConnection {
    /// What identifies the configured portal and the way to it; a change means a new client
    /// (and a fresh start for a paused sync). nil when no portal is configured.
    public static func identity(of settings: Settings) -> String? {
        let route = " via \(settings.proxy ?? "") trusting \(settings.caFile ?? "")"
        if let webhook = settings.webhook, !webhook.isEmpty { return "webhook " + webhook + route }
        guard let portal = settings.oauthPortal else { return nil }
        return ["oauth", portal, settings.oauthClientID ?? "", settings.oauthTokenServer ?? "", settings.oauthRefreshToken ?? ""].joined(
            separator: " ") + route
    }

    /// The client for `settings`, or nil when no portal is configured.
    ///
    /// For OAuth, the pair in the settings file seeds the outbox once; from then on every renewed
    /// pair is written to the outbox before it is used (the refresh token works only once), and
    /// the settings' pair is used again only when a person puts a new one there.
    public static func client(
        for settings: Settings, store: LeadStore, logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Bitrix24Client? {
        var configuration = Bitrix24Client.Configuration(originatorID: settings.appID)
        configuration.timeout = .milliseconds(Int64(settings.timeout * 1000))
        configuration.logger = logger
        configuration.trust = TrustRoots(caFile: settings.caFile, environment: environment)
        try configuration.trust.check()
        configuration.proxy = settings.proxy
        configuration.environment = environment
        for address in [settings.webhook, settings.oauthPortal, settings.oauthTokenServer] {
            if let address, let url = URL(string: address) {
                _ = try ProxyRoute.choose(for: url, setting: settings.proxy, environment: environment)
            }
        }
        if let webhook = settings.webhook, !webhook.isEmpty {
            return Bitrix24Client(endpoint: try PortalEndpoint.webhook(webhook), configuration: configuration)
        }
        guard let portal = settings.oauthPortal else { return nil }
        guard let clientID = settings.oauthClientID, let secret = settings.oauthClientSecret else {
            throw EndpointError("OAuth needs oauth_client_id and oauth_client_secret; set them with `leadbox config set`.")
        }
        let app = OAuthApp(clientID: clientID, clientSecret: secret, tokenServer: settings.oauthTokenServer ?? OAuthApp.defaultTokenServer)
        let endpoint = try PortalEndpoint.oauth(restBase: portal, app: app)
        if let seed = settings.oauthRefreshToken, try store.cache(seedKey)?.json != seed {
            try store.saveTokens(access: settings.oauthAccessToken ?? "", refresh: seed)
            try store.setCache(seedKey, json: seed)
        }
        guard let pair = try store.tokens() else {
            throw EndpointError("OAuth has no tokens yet; set oauth_access_token and oauth_refresh_token from the app's installation.")
        }
        let tokens = OAuthTokens(accessToken: pair.access, refreshToken: pair.refresh)
        return Bitrix24Client(
            endpoint: endpoint, tokens: tokens,
            tokenStore: { renewed in
                try store.saveTokens(access: renewed.accessToken, refresh: renewed.refreshToken)
            }, configuration: configuration)
    }

    /// Where the outbox remembers which settings-file refresh token it last took over.
    static let seedKey = "oauth_seed"

    /// The portal's address for display, secrets hidden.
    public static func displayAddress(of settings: Settings) -> String? {
        if let webhook = settings.webhook, !webhook.isEmpty { return Redaction.url(webhook) }
        return settings.oauthPortal.map { Redaction.url($0) + " (OAuth app \(settings.oauthClientID ?? "?"))" }
    }
}
