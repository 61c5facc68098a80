import Foundation

/// The answer of one method before it is wrapped: `result`, the list extras and the `time` block.
struct MethodOutcome {
    var result: PortalJSON
    var total: Int?
    var next: Int?
    var time: PortalJSON = .null
}

extension PortalState {
    /// Runs one method (top level or inside `batch`) under its operating-time budget.
    /// The outer `batch` itself is not charged: its commands are, each to its own method.
    func run(method: String, params: PortalJSON, inBatch: Bool) throws(RestError) -> MethodOutcome {
        let start = Date().timeIntervalSince1970
        let window = settings.operatingLimit?.window ?? 600
        if let limit = settings.operatingLimit, method != "batch" {
            let usage = operating.usage(of: method, now: start, window: window)
            if usage.operating >= limit.limit {
                var error = RestError.operationTimeLimit
                error.time = Self.timeJSON(start: start, finish: start, usage: usage)
                throw error
            }
        }
        var outcome = try dispatch(method: method, params: params, inBatch: inBatch)
        let finish = Date().timeIntervalSince1970
        var usage: OperatingTracker.Usage?
        if method != "batch" {
            operating.charge(method, cost: settings.operatingLimit?.costPerCall ?? (finish - start), now: start)
            usage = operating.usage(of: method, now: finish, window: window)
        }
        outcome.time = Self.timeJSON(start: start, finish: finish, usage: usage)
        return outcome
    }

    private func dispatch(method: String, params: PortalJSON, inBatch: Bool) throws(RestError) -> MethodOutcome {
        switch method {
        case "crm.lead.add": return MethodOutcome(result: .int(try addLead(params)))
        case "crm.lead.get": return MethodOutcome(result: try getLead(params))
        case "crm.lead.list": return listLeads(params)
        case "crm.lead.update": return MethodOutcome(result: .bool(try updateLead(params)))
        case "crm.lead.fields": return MethodOutcome(result: LeadCatalog.fieldsJSON(required: settings.requiredFields, userFields: userFields.fields))
        case "crm.lead.userfield.add": return MethodOutcome(result: .int(try addUserField(params)))
        case "crm.status.list": return MethodOutcome(result: listStatuses(params))
        case "crm.duplicate.findbycomm": return MethodOutcome(result: try findDuplicates(params))
        case "crm.timeline.comment.add": return MethodOutcome(result: .int(try addComment(params)))
        case "crm.timeline.comment.list": return try listComments(params)
        case "crm.settings.mode.get", "user.current": return MethodOutcome(result: portalSettingsAnswer(method))
        case "batch":
            guard !inBatch else { throw RestError.batchMethodNotAllowed }
            return MethodOutcome(result: try runBatch(params))
        default: throw RestError.methodNotFound
        }
    }

    /// The `time` block: Unix timestamps plus the operating counters when the method has them.
    static func timeJSON(start: Double, finish: Double, usage: OperatingTracker.Usage?) -> PortalJSON {
        var members: [PortalJSON.Member] = [
            .init("start", .double(start)), .init("finish", .double(finish)),
            .init("duration", .double(finish - start)), .init("processing", .double(finish - start)),
            .init("date_start", .string(PortalClock.isoString(Date(timeIntervalSince1970: start)))),
            .init("date_finish", .string(PortalClock.isoString(Date(timeIntervalSince1970: finish)))),
        ]
        if let usage {
            members.append(.init("operating_reset_at", .int(usage.resetAt)))
            members.append(.init("operating", .double(usage.operating)))
        }
        return .object(members)
    }
}

/// The portal's wall clock formatting: ISO 8601 in Moscow time, as a Russian cloud portal answers.
enum PortalClock {
    static func isoString(_ date: Date) -> String {
        date.formatted(
            Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 3 * 3600)!)
                .year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
                .timeSeparator(.colon).timeZone(separator: .colon))
    }
}
