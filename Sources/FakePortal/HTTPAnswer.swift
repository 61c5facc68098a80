/// A REST call as the portal's router sees it: the path under `/rest/`, the merged parameters
/// (query string, overridden by the body, as `CRestUtil::getRequestData` does) and where it was sent.
struct RestRequest: Sendable {
    var pathComponents: [String]
    var params: PortalJSON
    var host: String?
    /// Path and query as received, for building a redirect `Location`.
    var target: String
}

/// What the HTTP layer should do with a request: send this answer, maybe after a delay, or
/// close the connection instead.
struct HTTPAnswer: Sendable {
    enum Delivery: Sendable, Equatable {
        case send
        case sendAfter(Duration)
        /// Close the connection with no answer.
        case close
        /// Close the connection with no answer, then stop listening for the duration.
        case closeThenOutage(Duration)
    }

    var status: Int
    var contentType = "application/json; charset=utf-8"
    var body: String
    var location: String?
    var delivery = Delivery.send

    init(status: Int, json: PortalJSON) {
        self.status = status
        self.body = json.text
    }

    init(status: Int, html: String) {
        self.status = status
        self.contentType = "text/html; charset=utf-8"
        self.body = html
    }

    init(error: RestError) {
        self.init(status: error.status, json: error.json)
    }

    static func closing(_ delivery: Delivery) -> HTTPAnswer {
        var answer = HTTPAnswer(status: 500, json: .null)
        answer.delivery = delivery
        return answer
    }

    static func gatewayPage(_ status: Int) -> HTTPAnswer {
        let title = status == 502 ? "502 Bad Gateway" : "503 Service Temporarily Unavailable"
        return HTTPAnswer(
            status: status,
            html:
                "<html>\r\n<head><title>\(title)</title></head>\r\n<body>\r\n<center><h1>\(title)</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        )
    }
}
