import Bitrix24
import Foundation
import LeadCore
import LeadStore

/// What a step taught the engine about the portal as a whole.
public enum PortalVerdict: Sendable, Equatable {
    /// The portal answered; whatever went wrong was about single leads.
    case healthy
    /// The portal refused before running (rate or operating limit, token renewal): pause, then
    /// resend; `until` is the portal's own reset time when it gave one.
    case limited(until: Date?, reason: String)
    /// The portal may have run the call but gave no clear answer (5xx, timeout, lost answer).
    case troubled(reason: String)
    /// Nothing reached the portal: no connection.
    case unreachable(reason: String)
    /// Nothing will work until a person fixes the configuration or the portal.
    case unusable(CallFailure)
}

/// Turns portal answers into lead transitions and a portal verdict. Pure, so every rule of the
/// design's state diagram is unit-tested without a network.
public enum DeliveryPlanner {
    /// The transitions for a batch of claimed (`sending`) leads, named by their outbox IDs, and
    /// what the answer says about the portal.
    public static func plan(claimed: [Int64], result: BatchResult) -> (transitions: [LeadTransition], verdict: PortalVerdict) {
        switch result {
        case .callFailed(let failure):
            return (claimed.map { transition(for: $0, failure: failure) }, verdict(for: failure))
        case .completed(let outcomes):
            var transitions: [LeadTransition] = []
            var verdict = PortalVerdict.healthy
            for id in claimed {
                switch outcomes[id] {
                case .created(let remoteID):
                    transitions.append(
                        LeadTransition(leadID: id, from: [.sending], to: .synced, outcome: "created", remoteID: remoteID, httpStatus: 200))
                case .failed(let failure):
                    transitions.append(transition(for: id, failure: failure))
                    verdict = worse(verdict, self.verdict(for: failure))
                case nil:
                    // The client reports every key; should one ever be missing, the lead may exist.
                    transitions.append(
                        LeadTransition(
                            leadID: id, from: [.sending], to: .inDoubt, outcome: "unknown",
                            message: "The portal's answer did not mention this lead; it will be looked up."))
                }
            }
            return (transitions, verdict)
        }
    }

    /// The transition of one sent lead after `failure`.
    static func transition(for id: Int64, failure: CallFailure) -> LeadTransition {
        let base = LeadTransition(
            leadID: id, from: [.sending], to: .pending, outcome: "deferred", httpStatus: failure.httpStatus,
            errorCode: failure.code, message: failure.message, charged: false)
        var t = base
        switch failure.kind {
        case .rejectedBeforeRunning: t.outcome = "deferred"
        case .portalUnusable: t.outcome = "paused"
        case .offline: t.outcome = "offline"
        case .outcomeUnknown:
            t.to = .inDoubt
            t.outcome = "unknown"
            t.charged = true
        case .leadRejected:
            t.to = .failed
            t.outcome = "rejected"
            t.charged = true
        }
        return t
    }

    static func verdict(for failure: CallFailure) -> PortalVerdict {
        switch failure.kind {
        case .rejectedBeforeRunning: .limited(until: failure.retryAt, reason: failure.message)
        case .outcomeUnknown: .troubled(reason: failure.message)
        case .leadRejected: .healthy
        case .portalUnusable: .unusable(failure)
        case .offline: .unreachable(reason: failure.message)
        }
    }

    /// The more serious of two verdicts (a batch can carry a nested limit among good results).
    static func worse(_ a: PortalVerdict, _ b: PortalVerdict) -> PortalVerdict {
        func rank(_ v: PortalVerdict) -> Int {
            switch v {
            case .healthy: 0
            case .limited: 1
            case .troubled: 2
            case .unreachable: 3
            case .unusable: 4
            }
        }
        return rank(b) > rank(a) ? b : a
    }

    /// The transitions after looking up in-doubt leads by ORIGIN_ID: found → synced; not found
    /// and sent longer ago than the portal could still be working on it → pending (safe to
    /// resend); not found but recent → unchanged (looked up again later). `age` says how long
    /// ago a lead's send left, on a clock that cannot jump (see `SendAges`).
    public static func resolve(inDoubt: [LeadRecord], found: [String: Int], age: (LeadRecord) -> TimeInterval, settle: TimeInterval)
        -> [LeadTransition]
    {
        inDoubt.compactMap { record in
            if let remoteID = found[record.uuid] {
                return LeadTransition(
                    leadID: record.id, from: [.inDoubt], to: .synced, outcome: "found", remoteID: remoteID, httpStatus: 200, charged: false)
            }
            guard age(record) >= settle else { return nil }
            return LeadTransition(
                leadID: record.id, from: [.inDoubt], to: .pending, outcome: "not_found",
                message: "The portal has no lead with this ORIGIN_ID, so it will be sent again.", charged: false)
        }
    }
}
