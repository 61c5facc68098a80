import Foundation
import Testing

/// `config set` defects of issue 12 and the event profile's questions and consent (issue 10).
@Suite struct ConfigSetTests {
    let cli = CLIHarness()

    /// Defect 1: a JSON settings file lost its OAuth credentials on `config set rate 3`.
    @Test func configSetOnAJSONFileKeepsTheOAuthCredentials() throws {
        let path = cli.folder + "/settings.json"
        try #"{"oauth_portal": "https://p.example/rest/", "oauth_client_id": "local.1", "oauth_client_secret": "sec",  "oauth_access_token": "acc", "oauth_refresh_token": "ref", "kiosk": true}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let result = try cli.run(["config", "set", "rate", "3", "--config", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("kiosk"))
        let written = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        for key in ["oauth_portal", "oauth_client_id", "oauth_client_secret", "oauth_access_token", "oauth_refresh_token", "kiosk"] {
            #expect(written[key] != nil, "\(key) was dropped")
        }
        #expect(written["rate"] as? Double == 3)
    }

    /// Defect 2: webhooks the sync engine refuses were accepted by `config set`.
    @Test func configSetRefusesAWebhookTheEngineWouldRefuse() throws {
        for bad in ["http://127.0.0.1.evil.example/rest/1/x/", "https://portal/rest/1/abc/def/"] {
            let result = try cli.run(["config", "set", "webhook", bad])
            #expect(result.status == 64, "\(bad): \(result.stderr)")
            #expect(!result.stderr.contains("abc") && !result.stderr.contains("/x/"), "the secret was printed: \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cli.config))
        }
        #expect(try cli.run(["config", "set", "webhook", "http://127.0.0.1:8080/rest/1/code/"]).status == 0)
    }
}
