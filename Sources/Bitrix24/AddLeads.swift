import Foundation
import LeadCore

extension Bitrix24Client {
    /// Creates one lead with `crm.lead.add` and returns the portal's ID for it.
    public func addLead(_ submission: LeadSubmission) async throws(CallFailure) -> Int {
        let params: [String: JSONValue] = [
            "fields": .object(submission.portalFields(originatorID: configuration.originatorID)),
            "params": .object(submission.options),
        ]
        let envelope = try await call("crm.lead.add", params).get()
        guard let id = envelope.result.phpInt, id > 0 else {
            throw CallFailure(
                .outcomeUnknown, code: "UNEXPECTED_ANSWER",
                message:
                    "The portal answered crm.lead.add without a lead ID, so it is unknown whether the lead was created; leadbox will check before sending again.",
                httpStatus: 200)
        }
        return id
    }

    /// The members of a lead batch's answer nothing here reads: each of its (up to fifty)
    /// commands reports eight timings, two thirds of the answer's bytes, and only
    /// `operating_reset_at` matters (to `PortalTime`, for the pause after an
    /// OPERATION_TIME_LIMIT). Skipped, they cost no number conversion, no date string and no
    /// table entry. Neither a lead ID key (`l…`) nor an error's members share these names.
    static let unreadTimings: Set<String> = ["start", "finish", "duration", "processing", "date_start", "date_finish", "operating"]

    /// Creates up to `batchLimit` leads in one `batch` call (`halt=0`, so one bad lead stops no
    /// other) and reads each lead's outcome from `result` / `result_error`.
    ///
    /// - Precondition: 1…50 submissions with distinct `localID`s (the caller chunks the outbox).
    public func addLeads(_ submissions: [LeadSubmission]) async -> BatchResult {
        precondition((1...Self.batchLimit).contains(submissions.count), "addLeads takes 1 to \(Self.batchLimit) leads")
        precondition(Set(submissions.map(\.localID)).count == submissions.count, "addLeads needs distinct localIDs")
        let commands = submissions.map { (key: $0.batchKey, command: $0.batchCommandBytes(originatorID: configuration.originatorID)) }
        let envelope: Envelope
        switch await call("batch", body: .batch(commands: commands), skipping: Self.unreadTimings) {
        case .failure(let failure): return .callFailed(failure)
        case .success(let answer): envelope = answer
        }
        guard let inner = envelope.result.phpMap, let results = (inner["result"] ?? .array([])).phpMap else {
            return .callFailed(
                CallFailure(
                    .outcomeUnknown, code: "UNEXPECTED_ANSWER",
                    message:
                        "The portal's batch answer had no per-lead results, so it is unknown which leads were created; leadbox will check before sending again.",
                    httpStatus: 200))
        }
        let errors = inner["result_error"]?.phpMap ?? [:]
        for (_, time) in inner["result_time"]?.phpMap ?? [:] {
            if let reset = PortalTime(time)?.operatingResetAt { noteOperatingReset(reset, method: "crm.lead.add") }
        }
        let classifier = Classifier(method: "crm.lead.add", endpoint: endpoint)
        var outcomes: [Int64: LeadOutcome] = [:]
        for submission in submissions {
            let key = submission.batchKey
            if let error = errors[key] {
                let map = error.phpMap ?? [:]
                let failure = classifier.failure(
                    code: map["error"]?.phpText ?? "", description: map["error_description"]?.phpText ?? "",
                    status: nil, time: nil)
                outcomes[submission.localID] = .failed(withResetTime(failure).scrubbed(secrets))
            } else if let id = results[key]?.phpInt, id > 0 {
                outcomes[submission.localID] = .created(remoteID: id)
            } else {
                outcomes[submission.localID] = .failed(
                    CallFailure(
                        .outcomeUnknown, code: "MISSING_FROM_BATCH",
                        message:
                            "The portal's batch answer said nothing clear about this lead, so it is unknown whether it was created; leadbox will check before sending again.",
                        httpStatus: 200))
            }
        }
        return .completed(outcomes)
    }

    /// A nested OPERATION_TIME_LIMIT carries no `time`; use the last reset time seen for adds.
    private func withResetTime(_ failure: CallFailure) -> CallFailure {
        guard failure.code == "OPERATION_TIME_LIMIT", failure.retryAt == nil else { return failure }
        return CallFailure(
            failure.kind, code: failure.code, message: failure.message,
            httpStatus: failure.httpStatus, retryAt: operatingResetAt(method: "crm.lead.add"))
    }
}
