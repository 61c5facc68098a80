import FakePortal
import Foundation
import LeadCore
import Testing

@testable import Bitrix24

/// No error, log line or description ever shows the webhook code or a token.
@Suite struct Secrets {
    @Test func theWebhookCodeNeverLeaks() async throws {
        let code = "fakeportalsecret"
        // Generous: the suite runs in parallel on 2 cores, and a loaded machine answered the
        // first, fault-free call in over 1.5 s; only the `slow` fault must outlast the timeout.
        let stand = try await Stand.start(timeout: .seconds(4)) { $0.slowDelay = .seconds(10) }
        let endpoint = await stand.client.endpoint
        var texts: [String] = ["\(endpoint)", String(reflecting: endpoint)]
        func note(_ failure: CallFailure?) {
            guard let failure else { return }
            texts += [failure.message, failure.description, String(reflecting: failure), "\(failure.movedTo as Any)"]
        }
        func noteBatch(_ result: BatchResult) { texts.append(String(reflecting: result)) }

        // The success path once: a call the loaded machine answers late (past the 4 s) is asked
        // again rather than failing a test about secrets, not speed. Every failure's text is
        // checked for the code like the others', and only a timeout is asked again.
        var lastFailure: CallFailure?
        for _ in 0..<5 {
            lastFailure = await failure { try await stand.client.addLead(submission(1, title: "ok")) }
            note(lastFailure)
            guard lastFailure?.code == "TIMEOUT" else { break }
        }
        #expect(lastFailure == nil, "the fault-free call failed: \(lastFailure?.description ?? "")")
        for fault in FaultKind.allCases where fault != .outage {
            await stand.portal.configure { $0.faults = [fault: 1] }
            note(await failure { try await stand.client.addLead(submission(2, title: "x")) })
            noteBatch(await stand.client.addLeads([submission(3, title: "y"), submission(4, title: "z", email: "bad")]))
        }
        await stand.portal.configure {
            $0.faults = [:]
            $0.webhookCode = "regenerated"
        }
        note(await failure { try await stand.client.leadFields() })
        texts += (await PortalCheck.run(stand.client)).map(\.description)
        await stand.portal.configure { [port = stand.portal.port] in
            $0.webhookCode = code
            $0.redirectTo = "http://localhost:\(port)"
        }
        note(await failure { try await stand.client.findLeads(originIDs: ["a"]) })
        await stand.portal.startOutage(for: .seconds(60))
        note(await failure { try await stand.client.addLead(submission(5, title: "offline")) })
        await stand.finish()

        let logs = stand.logs.lines
        #expect(logs.count > 10)
        for text in texts + logs {
            #expect(!text.contains(code), "leaked: \(text)")
        }
    }

    @Test func tokensNeverLeak() async throws {
        let stand = try await OAuthRenewal.OAuthStand.start()
        await stand.portal.expireAccessTokens()
        _ = try await stand.client.addLead(submission(1, title: "renewed"))
        let renewed = try #require(stand.store.saved.withLockedValue { $0 }.first)
        let dead = try await OAuthRenewal.OAuthStand.start(refreshToken: "deadrefresh0000")
        await dead.portal.expireAccessTokens()
        let failure = await failure { try await dead.client.addLead(submission(2, title: "x")) }
        await stand.finish()
        await dead.finish()
        let secrets = [
            stand.issued.accessToken, stand.issued.refreshToken, renewed.accessToken, renewed.refreshToken,
            "fakeportal-app-secret", "deadrefresh0000", dead.issued.accessToken,
        ]
        let texts = stand.logs.lines + dead.logs.lines + [failure?.message ?? "", "\(renewed)", String(reflecting: renewed)]
        #expect(!stand.logs.lines.isEmpty)
        for text in texts {
            for secret in secrets { #expect(!text.contains(secret), "leaked: \(text)") }
        }
    }
}
