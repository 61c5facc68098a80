// leadbox-bench: in-process micro-benchmarks used by `scripts/bench` (not shipped).
//
//   leadbox-bench capture DB N   times N sequential `LeadStore.add` calls (each one its own
//                                WAL + synchronous=FULL transaction) and prints JSON.
import Foundation
import LeadCore
import LeadStore

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(64)
}

/// The same row `scripts/bench` gives the raw SQLite loop: NAME, LAST_NAME, one e-mail, one phone.
func benchLead(_ i: Int) -> Lead {
    Lead(
        values: ["NAME": "Bench\(i)", "LAST_NAME": "Lead", "COMPANY_TITLE": "Bench Co"],
        multifields: [
            .email: [MultiFieldValue(value: "bench\(i)@example.com", valueType: "WORK")],
            .phone: [MultiFieldValue(value: "+7900\(String(format: "%07d", i))", valueType: "WORK")],
        ]
    )
}

let args = CommandLine.arguments
guard args.count == 4, args[1] == "capture", let n = Int(args[3]), n > 0 else {
    fail("usage: leadbox-bench capture DB N")
}
let store: LeadStore
do { store = try LeadStore(path: args[2]) } catch { fail("\(error)") }
let leads = (0..<n).map(benchLead)
let clock = ContinuousClock()
let start = clock.now
do {
    for lead in leads { _ = try store.add(lead) }
} catch { fail("\(error)") }
let elapsed = clock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print("{\"n\":\(n),\"seconds\":\(seconds),\"per_second\":\(Double(n) / seconds)}")
