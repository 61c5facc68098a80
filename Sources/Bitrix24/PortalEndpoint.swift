import Foundation
import LeadCore

/// A portal address could not be used; `description` says what to change.
public struct EndpointError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Where the portal's REST API lives and how calls prove who they are.
///
/// Two shapes exist (reference §1): an incoming webhook, whose secret code is part of the path
/// (`https://PORTAL/rest/USER/CODE/METHOD`), and an OAuth app, which calls `https://PORTAL/rest/METHOD`
/// with the access token in the body. `description` never shows the secret.
public struct PortalEndpoint: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The secret travels in the URL path.
        case webhook
        /// The access token travels as `auth` in the body; `refresh` describes how to renew it.
        case oauth(OAuthApp)
    }

    /// The REST base, always ending in `/`; a method name appended to it gives the call URL.
    /// Contains the webhook secret: print it only through `description`.
    public let baseURL: String
    public let kind: Kind

    /// An incoming-webhook endpoint from the URL Bitrix24 shows (`https://PORTAL/rest/USER/CODE/`).
    public static func webhook(_ url: String) throws(EndpointError) -> PortalEndpoint {
        let components = try checkedComponents(url, what: "webhook address")
        let segments = components.path.split(separator: "/").map(String.init)
        guard segments.count == 3, segments[0] == "rest", Int(segments[1]) != nil, !segments[2].isEmpty else {
            throw EndpointError(
                "The webhook address \(Redaction.url(url)) does not look like https://PORTAL/rest/USER_ID/CODE/; copy the whole incoming-webhook URL from Bitrix24."
            )
        }
        return PortalEndpoint(baseURL: base(of: components) + "/rest/\(segments[1])/\(segments[2])/", kind: .webhook)
    }

    /// An OAuth endpoint: `restBase` is the portal's `client_endpoint` (`https://PORTAL/rest/`).
    public static func oauth(restBase: String, app: OAuthApp) throws(EndpointError) -> PortalEndpoint {
        let components = try checkedComponents(restBase, what: "portal address")
        _ = try checkedComponents(app.tokenServer, what: "OAuth token server address")
        var path = components.path
        if !path.hasSuffix("/") { path += "/" }
        guard path == "/rest/" else {
            throw EndpointError("The OAuth portal address must look like https://PORTAL/rest/, not \(Redaction.url(restBase)).")
        }
        return PortalEndpoint(baseURL: base(of: components) + path, kind: .oauth(app))
    }

    /// The URL of one REST method.
    func url(for method: String) -> String { baseURL + method }

    /// The same credentials at the address a 302 pointed to.
    ///
    /// `location` is usually the old call URL on the new host (`…/rest/1/CODE/crm.lead.add`);
    /// when it ends with the method we strip it, otherwise we keep our REST path on the new origin.
    func moved(to location: String, method: String) throws(EndpointError) -> PortalEndpoint {
        guard let target = URL(string: location, relativeTo: URL(string: baseURL))?.absoluteURL.absoluteString else {
            throw EndpointError("The portal answered with a redirect to an address that is not a URL.")
        }
        var newBase: String
        if let range = target.range(of: "/" + method, options: .backwards),
            target[range.upperBound...].isEmpty || target[range.upperBound...].hasPrefix(".json") || target[range.upperBound...].hasPrefix("?")
        {
            newBase = String(target[..<range.lowerBound]) + "/"
        } else {
            let components = try Self.checkedComponents(target, what: "new portal address")
            let oldPath = URLComponents(string: baseURL)?.percentEncodedPath ?? "/rest/"
            newBase = Self.base(of: components) + oldPath
        }
        switch kind {
        case .webhook: return try .webhook(newBase)
        case .oauth(let app): return try .oauth(restBase: newBase, app: app)
        }
    }

    /// The secrets that must never be printed (the webhook code; OAuth secrets are in `OAuthApp`).
    var secrets: [String] {
        switch kind {
        case .webhook: [Redaction.webhookSecret(baseURL)].compactMap { $0 }
        case .oauth(let app): [app.clientSecret]
        }
    }

    public var description: String { Redaction.url(baseURL) }

    // MARK: - Checks

    private static func checkedComponents(_ text: String, what: String) throws(EndpointError) -> URLComponents {
        guard let components = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
            let scheme = components.scheme?.lowercased(), let host = components.host, !host.isEmpty
        else {
            throw EndpointError("The \(what) \(Redaction.url(text)) is not a URL; it should look like https://portal.bitrix24.com/rest/1/CODE/.")
        }
        switch scheme {
        case "https": break
        case "http" where isLoopback(host): break
        case "http":
            throw EndpointError(
                "The \(what) \(Redaction.url(text)) uses plain http://, which would send the secret unencrypted; use https:// (http:// is allowed only for 127.0.0.1, ::1 and localhost)."
            )
        default:
            throw EndpointError("The \(what) \(Redaction.url(text)) must start with https://.")
        }
        guard components.query == nil, components.fragment == nil, components.user == nil else {
            throw EndpointError(
                "The \(what) \(Redaction.url(text)) must not have a query, fragment or user name; copy it exactly as Bitrix24 shows it.")
        }
        return components
    }

    /// Loopback hosts, the only ones where plain http:// is allowed (tests and the fake portal).
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if bare == "localhost" || bare == "::1" { return true }
        let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }

    private static func base(of components: URLComponents) -> String {
        var origin = "\(components.scheme!.lowercased())://\(components.percentEncodedHost ?? "")"
        if let port = components.port { origin += ":\(port)" }
        return origin
    }
}

extension EndpointError: UserFacingError {
    /// A portal address that cannot be used is a setting to fix.
    public var exitStatus: ExitStatus { .configuration }
}
