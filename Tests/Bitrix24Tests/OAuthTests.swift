import FakePortal
import Foundation
import LeadCore
import NIOConcurrencyHelpers
import Testing

@testable import Bitrix24

/// Token renewal against the stand-in's `/oauth/token/`.
@Suite struct OAuthRenewal {
    /// Records what the client asked to persist; can be told to fail.
    final class Store: Sendable {
        let saved = NIOLockedValueBox<[Bitrix24.OAuthTokens]>([])
        let failing = NIOLockedValueBox(false)
        struct DiskFull: Error {}

        var closure: TokenStore {
            { tokens in
                if self.failing.withLockedValue({ $0 }) { throw DiskFull() }
                self.saved.withLockedValue { $0.append(tokens) }
            }
        }
    }

    struct OAuthStand {
        let portal: FakePortal
        let client: Bitrix24Client
        let store: Store
        let issued: Bitrix24.OAuthTokens
        let logs: CapturedLogs

        static func start(refreshToken: String? = nil, clientSecret: String = "fakeportal-app-secret") async throws -> OAuthStand {
            var configuration = FakePortalConfiguration()
            configuration.rate = 0
            let portal = try await FakePortal.start(configuration)
            let fresh = await portal.issueOAuthTokens()
            let issued = Bitrix24.OAuthTokens(accessToken: fresh.accessToken, refreshToken: refreshToken ?? fresh.refreshToken)
            let app = OAuthApp(clientID: "local.fakeportal.app", clientSecret: clientSecret, tokenServer: portal.tokenURL)
            let store = Store()
            let logs = CapturedLogs()
            let client = Bitrix24Client(
                endpoint: try .oauth(restBase: portal.restURL, app: app), tokens: issued, tokenStore: store.closure,
                configuration: .init(timeout: .seconds(10), logger: logs.logger))
            return OAuthStand(portal: portal, client: client, store: store, issued: issued, logs: logs)
        }

        func finish() async {
            await portal.stop()
        }
    }

    @Test func aValidTokenWorksWithoutRenewal() async throws {
        let stand = try await OAuthStand.start()
        _ = try await stand.client.addLead(submission(1, title: "x"))
        await stand.finish()
        #expect(stand.store.saved.withLockedValue { $0 }.isEmpty)
    }

    @Test func anExpiredTokenIsRenewedOnceStoredAndTheCallRepeated() async throws {
        let stand = try await OAuthStand.start()
        await stand.portal.expireAccessTokens()
        // Several calls hit expired_token together; one refresh token can be used only once.
        let ids = try await withThrowingTaskGroup(of: Int.self) { group in
            for n in 1...4 { group.addTask { try await stand.client.addLead(submission(Int64(n), title: "lead \(n)")) } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        let stored = await stand.portal.leads()
        let saved = stand.store.saved.withLockedValue { $0 }
        await stand.finish()
        #expect(ids.count == 4)
        #expect(stored.count == 4)
        #expect(saved.count == 1)
        #expect(saved.first?.refreshToken != stand.issued.refreshToken)
        #expect(saved.first?.accessToken != stand.issued.accessToken)
    }

    @Test func aDeadRefreshTokenStopsThePortal() async throws {
        let stand = try await OAuthStand.start(refreshToken: "deadrefreshtoken")
        await stand.portal.expireAccessTokens()
        let got = await failure { try await stand.client.addLead(submission(1, title: "x")) }
        let stored = await stand.portal.leads()
        await stand.finish()
        #expect(got?.kind == .portalUnusable)
        #expect(got?.code == "invalid_grant")
        #expect(got?.message.contains("authorize it again") == true)
        #expect(stored.isEmpty)
    }

    @Test func aWrongClientSecretStopsThePortal() async throws {
        let stand = try await OAuthStand.start(clientSecret: "wrongsecret")
        await stand.portal.expireAccessTokens()
        let got = await failure { try await stand.client.addLead(submission(1, title: "x")) }
        await stand.finish()
        #expect(got?.kind == .portalUnusable)
        #expect(got?.code == "invalid_client")
        #expect(got?.message.contains("wrongsecret") == false)
    }

    @Test func aStoreFailureIsReportedAndRetriedBeforeTheNextCall() async throws {
        let stand = try await OAuthStand.start()
        await stand.portal.expireAccessTokens()
        stand.store.failing.withLockedValue { $0 = true }
        let first = await failure { try await stand.client.addLead(submission(1, title: "x")) }
        stand.store.failing.withLockedValue { $0 = false }
        let id = try await stand.client.addLead(submission(2, title: "y"))
        let saved = stand.store.saved.withLockedValue { $0 }
        let stored = await stand.portal.leads()
        await stand.finish()
        #expect(first?.kind == .portalUnusable)
        #expect(first?.code == "TOKEN_STORE_FAILED")
        #expect(saved.count == 1)
        #expect(stored.map(\.id) == [id])
    }

    @Test func anUnreachableTokenServerLeavesTheCallSafeToResend() async throws {
        let stand = try await OAuthStand.start()
        let dead = try await RawResponder.start(200, "{}")
        await dead.stop()
        let app = OAuthApp(
            clientID: "local.fakeportal.app", clientSecret: "fakeportal-app-secret", tokenServer: "http://127.0.0.1:\(dead.port)/oauth/token/")
        let client = Bitrix24Client(
            endpoint: try .oauth(restBase: stand.portal.restURL, app: app), tokens: stand.issued, tokenStore: stand.store.closure)
        await stand.portal.expireAccessTokens()
        let got = await failure { try await client.addLead(submission(1, title: "x")) }
        await stand.finish()
        #expect(got?.certainlyNotRun == true)
        #expect(got?.kind == .offline)
    }
}
