import Foundation
import LeadCore
import LeadStore

/// The JSON shapes of the command-line contract (`list --json`, `show --json`, `status --json`).
enum LeadJSON {
    static func record(_ record: LeadRecord, attempts: [AttemptRecord]? = nil) -> JSONValue {
        var object: [String: JSONValue] = [
            "id": .number(Double(record.id)),
            "uuid": .string(record.uuid),
            "state": .string(record.state.rawValue),
            "remote_id": record.remoteID.map { .number(Double($0)) } ?? .null,
            "attempts": .number(Double(record.attempts)),
            "last_error": record.lastErrorMessage.map { .string($0) } ?? .null,
            "last_error_code": record.lastErrorCode.map { .string($0) } ?? .null,
            "created_at": .string(timestamp(record.createdAt)),
            "updated_at": .string(timestamp(record.updatedAt)),
            "synced_at": record.syncedAt.map { .string(timestamp($0)) } ?? .null,
            "next_attempt_at": record.nextAttemptAt.map { .string(timestamp($0)) } ?? .null,
            "fields": .object(record.lead.fieldsJSON),
            "options": .object(record.lead.optionsJSON),
            "raw_scan": record.rawScan.map { .string($0) } ?? .null,
            "answers": .object(record.qualification.answers.mapValues { .array($0.map(JSONValue.string)) }),
            "rating": record.rating.map { .string($0) } ?? .null,
            "consent": record.qualification.consent.map { consent in
                .object(["given": .bool(consent.given), "version": .string(consent.version), "at": .string(timestamp(consent.at))])
            } ?? .null,
        ]
        if let attempts {
            object["attempt_history"] = .array(
                attempts.map { attempt in
                    .object([
                        "at": .string(timestamp(attempt.at)),
                        "outcome": .string(attempt.outcome),
                        "http_status": attempt.httpStatus.map { .number(Double($0)) } ?? .null,
                        "error_code": attempt.errorCode.map { .string($0) } ?? .null,
                        "message": attempt.message.map { .string($0) } ?? .null,
                    ])
                })
        }
        return .object(object)
    }

    /// "interest=hot; products=crm, tasks": the answers in one line for `show`, `list` and CSV.
    static func answersLine(_ qualification: Qualification) -> String {
        qualification.answers.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.joined(separator: ", "))" }.joined(separator: "; ")
    }

    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// Compact JSON with sorted keys; non-ASCII kept as is (Cyrillic stays readable).
    static func text(_ value: JSONValue, pretty: Bool = false) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func print(_ value: JSONValue) {
        Terminal.line(text(value))
    }
}
