/// An error answer of the portal: HTTP status plus `{"error": code, "error_description": text}`.
struct RestError: Error, Sendable {
    var status: Int
    var code: String
    var description: String
    /// The `time` block, sent with 429 so the client learns `operating_reset_at`.
    var time: PortalJSON?

    init(_ status: Int, _ code: String, _ description: String) {
        self.status = status
        self.code = code
        self.description = description
    }

    var json: PortalJSON {
        var members: [PortalJSON.Member] = [.init("error", .string(code)), .init("error_description", .string(description))]
        if let time { members.append(.init("time", time)) }
        return .object(members)
    }

    static let noAuth = RestError(401, "NO_AUTH_FOUND", "Wrong authorization data")
    static let expiredToken = RestError(401, "expired_token", "The access token provided has expired.")
    static let queryLimit = RestError(503, "QUERY_LIMIT_EXCEEDED", "Too many requests")
    static let operationTimeLimit = RestError(429, "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.")
    static let methodNotFound = RestError(404, "ERROR_METHOD_NOT_FOUND", "Method not found!")
    static let batchTooLong = RestError(400, "ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded")
    static let batchMethodNotAllowed = RestError(405, "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage")
    static let internalError = RestError(500, "INTERNAL_SERVER_ERROR", "Internal server error")

    /// A CRM validation failure: the real CRM throws with an empty code and HTTP 400.
    static func crm(_ description: String) -> RestError { RestError(400, "", description) }
}
