/// Mirrors that show only the redacted `description`, so `dump(_:)`, debuggers and
/// `String(reflecting:)` of a value holding a secret never print the secret either.
extension PortalEndpoint: CustomReflectable, CustomDebugStringConvertible {
    public var customMirror: Mirror { Mirror(self, children: ["baseURL": description]) }
    public var debugDescription: String { description }
}

extension OAuthTokens: CustomReflectable, CustomDebugStringConvertible {
    public var customMirror: Mirror { Mirror(self, children: ["tokens": "***"]) }
    public var debugDescription: String { description }
}

extension OAuthApp: CustomReflectable, CustomDebugStringConvertible {
    public var customMirror: Mirror { Mirror(self, children: ["clientID": clientID, "clientSecret": "***", "tokenServer": tokenServer]) }
    public var debugDescription: String { description }
}
