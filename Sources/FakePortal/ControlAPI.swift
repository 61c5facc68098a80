import Hummingbird

/// `/_control/…`: the test harness's view of the portal. Never rate-limited or faulted.
///
/// - `GET stats`, `GET leads`, `GET comments` (timeline comments, for exactly-once checks, each
///   file as name, size and sha256), `GET attachments` (`{"<lead ID>": [{comment_id, name, size,
///   sha256}]}`: every file on each lead's timeline), `GET field-files` (`{"<lead ID>":
///   {"UF_CRM_…": {id, name, size, sha256}}}`: the file each lead's file fields hold)
/// - `POST reset`
/// - `POST config` with any of `faults` ({kind: p}), `slow_ms`, `rate`, `burst`, `seed`,
///   `operating_limit` (seconds, or null to turn off), `operating_cost`, `operating_window`,
///   `webhook_code`, `redirect` (base URL or null), `outage_seconds`, `expire_tokens` (true),
///   `crm_mode` (1 classic, 2 simple), `required_fields` (["TITLE", …]), `owner_name`, `owner_last_name`
/// - `POST outage` `{"seconds": 20}` (the answer comes first, then the port closes)
/// - `POST tokens` → `{"access_token", "refresh_token"}`, `POST expire-tokens`
struct ControlAPI {
    let state: PortalState
    let server: ServerRunner

    func handle(_ name: String, method: HTTPRequest.Method, body: PortalJSON) async -> HTTPAnswer {
        let ok = HTTPAnswer(status: 200, json: ["result": true])
        switch (method, name.trimmingSuffix("/")) {
        case (.get, "stats"):
            return HTTPAnswer(status: 200, json: await state.stats().json)
        case (.get, "leads"):
            return HTTPAnswer(status: 200, json: .array(await state.allLeads().map(\.json)))
        case (.get, "comments"):
            return HTTPAnswer(status: 200, json: .array(await state.allComments().map(\.controlJSON)))
        case (.get, "attachments"):
            return HTTPAnswer(status: 200, json: Self.attachments(await state.allComments()))
        case (.get, "field-files"):
            return HTTPAnswer(status: 200, json: Self.fieldFiles(await state.allFieldFiles()))
        case (.post, "reset"):
            await state.reset()
            return ok
        case (.post, "config"):
            if body["expire_tokens"] == true { await state.expireAccessTokens() }
            guard let change = Self.change(from: body) else {
                return HTTPAnswer(status: 400, json: ["error": "BAD_CONFIG", "error_description": "Unknown fault kind"])
            }
            await state.configure(change)
            return ok
        case (.post, "outage"):
            let seconds = body["seconds"].flatMap(Self.number) ?? 20
            server.triggerOutage(for: .milliseconds(Int(seconds * 1000)))
            return ok
        case (.post, "tokens"):
            let tokens = await state.issueTokens()
            return HTTPAnswer(status: 200, json: ["access_token": .string(tokens.accessToken), "refresh_token": .string(tokens.refreshToken)])
        case (.post, "expire-tokens"):
            await state.expireAccessTokens()
            return ok
        default:
            return HTTPAnswer(status: 404, json: ["error": "NOT_FOUND", "error_description": "Unknown control endpoint"])
        }
    }

    /// Every file on a lead's timeline, by lead ID, oldest first.
    static func attachments(_ comments: [FakeComment]) -> PortalJSON {
        let byLead = Dictionary(grouping: comments.filter { $0.entityType == "lead" && !$0.files.isEmpty }, by: \.entityID)
        return .object(
            byLead.keys.sorted().map { lead in
                .init(
                    String(lead),
                    .array(
                        byLead[lead]!.flatMap { comment in
                            comment.files.map { file in
                                [
                                    "comment_id": .int(comment.id), "name": .string(file.name), "size": .int(file.bytes.count),
                                    "sha256": .string(file.sha256),
                                ]
                            }
                        }))
            })
    }

    /// The file each lead's file fields hold, by lead ID, then field name.
    static func fieldFiles(_ files: [FakeFieldFile]) -> PortalJSON {
        let byLead = Dictionary(grouping: files, by: \.leadID)
        return .object(
            byLead.keys.sorted().map { lead in
                .init(String(lead), .object(byLead[lead]!.sorted { $0.field < $1.field }.map { .init($0.field, $0.controlJSON) }))
            })
    }

    /// The configuration change a `POST config` body asks for; nil when a fault kind is unknown.
    static func change(from body: PortalJSON) -> (@Sendable (inout FakePortalConfiguration) -> Void)? {
        let faults: [FaultKind: Double]?
        if let members = body["faults"]?.members {
            var parsed: [FaultKind: Double] = [:]
            for member in members {
                guard let kind = FaultKind(rawValue: member.key), let probability = number(member.value) else { return nil }
                parsed[kind] = probability
            }
            faults = parsed
        } else {
            faults = nil
        }
        let rate = body["rate"].flatMap(number)
        let burst = body["burst"]?.intValue
        let seed = body["seed"]?.intValue.map { UInt64(truncatingIfNeeded: $0) }
        let slow = body["slow_ms"].flatMap(number)
        let outage = body["outage_seconds"].flatMap(number)
        let code = body["webhook_code"]?.scalarString
        let redirect = body["redirect"]
        let operating = body["operating_limit"]
        let cost = body["operating_cost"].flatMap(number)
        let window = body["operating_window"].flatMap(number)
        let portalSettings = portalSettingsChange(from: body)
        return { config in
            portalSettings(&config)
            if let faults { config.faults = faults }
            if let rate { config.rate = rate }
            if let burst { config.burst = burst }
            if let seed { config.seed = seed }
            if let slow { config.slowDelay = .milliseconds(Int(slow)) }
            if let outage { config.outageDuration = .milliseconds(Int(outage * 1000)) }
            if let code { config.webhookCode = code }
            if let redirect { config.redirectTo = redirect.scalarString }
            if let operating {
                if let limit = number(operating) {
                    var budget = config.operatingLimit ?? OperatingLimit()
                    budget.limit = limit
                    config.operatingLimit = budget
                } else {
                    config.operatingLimit = nil
                }
            }
            if let cost { config.operatingLimit?.costPerCall = cost }
            if let window { config.operatingLimit?.window = window }
        }
    }

    /// The CRM mode, required fields and webhook owner a `POST config` body sets.
    static func portalSettingsChange(from body: PortalJSON) -> @Sendable (inout FakePortalConfiguration) -> Void {
        let mode = body["crm_mode"]?.intValue.flatMap(CRMMode.init(rawValue:))
        let required = body["required_fields"]?.elements.map { Set($0.compactMap(\.scalarString)) }
        let name = body["owner_name"]?.scalarString
        let lastName = body["owner_last_name"]?.scalarString
        return { config in
            if let mode { config.crmMode = mode }
            if let required { config.requiredFields = required }
            if let name { config.ownerName = name }
            if let lastName { config.ownerLastName = lastName }
        }
    }

    static func number(_ value: PortalJSON) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        case .string(let text): Double(text)
        default: nil
        }
    }
}
