import Foundation

/// Hides the secret parts of portal addresses before anything is printed or logged.
///
/// A webhook URL `https://portal.example/rest/1/CODE/` carries its password as the path
/// segment after the user id; OAuth tokens travel as `auth=` parameters. Both become `***`.
public enum Redaction {
    /// The URL with its webhook code and any `auth`/token parameters replaced by `***`.
    public static func url(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.host != nil else {
            return text.isEmpty ? text : "***"
        }
        var segments = components.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if let rest = segments.firstIndex(of: "rest"), segments.count > rest + 2, !segments[rest + 2].isEmpty {
            segments[rest + 2] = "***"
        }
        components.percentEncodedPath = segments.joined(separator: "/")
        if components.user != nil { components.user = "***" }
        if components.password != nil { components.password = "***" }
        if let items = components.queryItems {
            components.queryItems = items.map { item in
                secretParameters.contains(item.name.lowercased()) ? URLQueryItem(name: item.name, value: "***") : item
            }
        }
        return components.string ?? "***"
    }

    /// Query and body parameters that carry secrets.
    public static let secretParameters: Set<String> = ["auth", "access_token", "refresh_token", "client_secret", "code"]

    /// `text` with every occurrence of each secret replaced by `***` (for messages that may quote
    /// a URL or a token from elsewhere).
    public static func scrub(_ text: String, secrets: [String]) -> String {
        var out = text
        for secret in secrets where secret.count >= 4 {
            out = out.replacingOccurrences(of: secret, with: "***")
        }
        return out
    }

    /// The secret path segment of a webhook URL, for `scrub`.
    public static func webhookSecret(_ text: String) -> String? {
        guard let components = URLComponents(string: text) else { return nil }
        let segments = components.path.split(separator: "/").map(String.init)
        guard let rest = segments.firstIndex(of: "rest"), segments.count > rest + 2 else { return nil }
        return segments[rest + 2]
    }
}
