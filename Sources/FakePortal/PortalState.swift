import Foundation

/// Everything the portal knows and decides, behind one actor so requests are handled in arrival
/// order: that order, plus the seed, fixes which requests get faults.
actor PortalState {
    var settings: FakePortalConfiguration
    var book: LeadBook
    var comments = CommentBook()
    var userFields = UserFieldBook()
    var bucket = LeakyBucket()
    var operating = OperatingTracker()
    var tokens = TokenBook()
    var faultGenerator: SeededGenerator
    var counters = Counters()
    var baseURL = ""

    struct Counters {
        var requestsTotal = 0
        var byStatus: [Int: Int] = [:]
        var faults: [FaultKind: Int] = [:]
        /// Deals made by converting new leads (simple CRM mode).
        var deals = 0
    }

    init(configuration: FakePortalConfiguration) throws {
        settings = configuration
        book = try LeadBook(storePath: configuration.storePath)
        faultGenerator = SeededGenerator(seed: configuration.seed)
    }

    func setBaseURL(_ url: String) { baseURL = url }

    func configure(_ change: @Sendable (inout FakePortalConfiguration) -> Void) {
        var updated = settings
        change(&updated)
        updated.port = settings.port
        updated.storePath = settings.storePath
        if updated.seed != settings.seed { faultGenerator = SeededGenerator(seed: updated.seed) }
        settings = updated
    }

    func reset() {
        book.removeAll()
        comments = CommentBook()
        userFields = UserFieldBook()
        bucket = LeakyBucket()
        operating = OperatingTracker()
        tokens = TokenBook()
        counters = Counters()
    }

    func allLeads() -> [FakeLead] { book.leads }

    func allComments() -> [FakeComment] { comments.comments }

    func allFieldFiles() -> [FakeFieldFile] { userFields.files }

    func stats() -> FakePortalStats {
        let originCounts = Dictionary(grouping: book.leads.compactMap { $0.originID }.filter { !$0.isEmpty }) { $0 }
            .mapValues(\.count).filter { $0.value > 1 }
        return FakePortalStats(
            leads: book.leads.count,
            duplicatedOriginIDs: originCounts.count,
            extraCopies: originCounts.values.reduce(0) { $0 + $1 - 1 },
            requestsByStatus: counters.byStatus,
            faultsInjected: counters.faults,
            requestsTotal: counters.requestsTotal,
            deals: counters.deals,
            attachments: comments.comments.reduce(0) { $0 + $1.files.count },
            fieldFiles: userFields.files.count,
            fieldFileWrites: userFields.fileWrites
        )
    }

    func issueTokens() -> OAuthTokens { tokens.issue(lifetime: settings.accessTokenLifetime, now: Date()) }

    func expireAccessTokens() { tokens.expireAll(now: Date()) }

    // MARK: REST pipeline

    /// Handles one REST call: redirect, faults before running, auth, rate limit, the method,
    /// faults after running — in that order.
    func handle(_ request: RestRequest) -> HTTPAnswer {
        counters.requestsTotal += 1
        if let target = settings.redirectTo, !Self.host(request.host, matches: target) {
            var answer = HTTPAnswer(status: 302, html: "")
            answer.location = target.trimmingSuffix("/") + request.target
            return recorded(answer)
        }
        var fault = drawFault()
        if counters.requestsTotal == settings.outageAtRequest { fault = .outage }
        if let fault { counters.faults[fault, default: 0] += 1 }
        switch fault {
        case .internalError?: return recorded(HTTPAnswer(error: .internalError))
        case .html502?: return recorded(.gatewayPage(502))
        case .html503?: return recorded(.gatewayPage(503))
        case .reset?: return .closing(.close)
        case .outage?: return .closing(.closeThenOutage(settings.outageDuration))
        case .drop?, .slow?, .truncate?, nil: break
        }
        var answer = authorizedCall(request)
        switch fault {
        case .drop?: return .closing(.close)
        case .slow?: answer.delivery = .sendAfter(settings.slowDelay)
        case .truncate?: answer.body = String(answer.body.prefix(max(1, answer.body.count / 2)))
        default: break
        }
        return recorded(answer)
    }

    private func recorded(_ answer: HTTPAnswer) -> HTTPAnswer {
        counters.byStatus[answer.status, default: 0] += 1
        return answer
    }

    /// One uniform draw per REST request, whatever the configuration, so the n-th request's
    /// fault depends only on the seed and the probabilities.
    private func drawFault() -> FaultKind? {
        let draw = Double(faultGenerator.next() >> 11) / Double(UInt64(1) << 53)
        var cumulative = 0.0
        for kind in FaultKind.allCases {
            cumulative += settings.faults[kind] ?? 0
            if draw < cumulative { return kind }
        }
        return nil
    }

    private func authorizedCall(_ request: RestRequest) -> HTTPAnswer {
        do throws(RestError) {
            let (method, params) = try authenticate(request)
            guard bucket.admit(rate: settings.rate, burst: settings.burst, now: .now) else { throw RestError.queryLimit }
            let outcome = try run(method: method, params: params, inBatch: false)
            var body: [PortalJSON.Member] = [.init("result", outcome.result)]
            if let next = outcome.next { body.append(.init("next", .int(next))) }
            if let total = outcome.total { body.append(.init("total", .int(total))) }
            body.append(.init("time", outcome.time))
            return HTTPAnswer(status: 200, json: .object(body))
        } catch {
            return HTTPAnswer(error: error)
        }
    }

    /// Resolves `/rest/<user>/<code>/<method>` (webhook) or `/rest/<method>` + `auth` (OAuth).
    private func authenticate(_ request: RestRequest) throws(RestError) -> (method: String, params: PortalJSON) {
        var params = request.params
        let parts = request.pathComponents
        let rawMethod: String
        switch parts.count {
        case 1:
            rawMethod = parts[0]
            guard let token = params["auth"]?.scalarString else { throw RestError.noAuth }
            switch tokens.check(token, now: Date()) {
            case .valid: break
            case .expired: throw RestError.expiredToken
            case .unknown: throw RestError.noAuth
            }
            if case .object(let members) = params { params = .object(members.filter { $0.key != "auth" }) }
        case 3:
            guard parts[0] == String(settings.webhookUser), parts[1] == settings.webhookCode else { throw RestError.noAuth }
            rawMethod = parts[2]
        default:
            throw RestError.methodNotFound
        }
        let method = rawMethod.lowercased().trimmingSuffix(".json")
        guard !method.isEmpty else { throw RestError.methodNotFound }
        return (method, params)
    }

    private static func host(_ host: String?, matches target: String) -> Bool {
        guard let host, let authority = URL(string: target).flatMap({ url in url.host.map { ($0, url.port) } }) else {
            return false
        }
        let expected = authority.1.map { "\(authority.0):\($0)" } ?? authority.0
        return host.lowercased() == expected.lowercased()
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
