extension PortalState {
    /// `batch`: at most 50 commands, each a `method?php-query-string`, run in order and
    /// independently (with `halt=1`, stopping at the first failure). Every map in the answer is a
    /// PHP array, so an empty one is `[]` and keys "0"…"n-1" make a JSON list.
    func runBatch(_ params: PortalJSON) throws(RestError) -> PortalJSON {
        let commands = params["cmd"]?.members ?? []
        guard commands.count <= 50 else { throw RestError.batchTooLong }
        let halt = params["halt"].map { $0.scalarString.map { !$0.isEmpty && $0 != "0" } ?? false } ?? false
        var results: [PortalJSON.Member] = []
        var errors: [PortalJSON.Member] = []
        var totals: [PortalJSON.Member] = []
        var nexts: [PortalJSON.Member] = []
        var times: [PortalJSON.Member] = []
        for command in commands {
            do throws(RestError) {
                guard let text = command.value.scalarString else { throw RestError.methodNotFound }
                let (method, query) = Self.split(command: text)
                let outcome = try run(method: method, params: PHPQuery.parse(query), inBatch: true)
                results.append(.init(command.key, outcome.result))
                if let total = outcome.total { totals.append(.init(command.key, .int(total))) }
                if let next = outcome.next { nexts.append(.init(command.key, .int(next))) }
                times.append(.init(command.key, outcome.time))
            } catch {
                errors.append(.init(command.key, ["error": .string(error.code), "error_description": .string(error.description)]))
                if halt { break }
            }
        }
        return [
            "result": .phpArray(results), "result_error": .phpArray(errors), "result_total": .phpArray(totals),
            "result_next": .phpArray(nexts), "result_time": .phpArray(times),
        ]
    }

    private static func split(command: String) -> (method: String, query: String) {
        let parts = command.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let method = parts[0].lowercased().trimmingSuffix(".json")
        return (method, parts.count > 1 ? String(parts[1]) : "")
    }
}
