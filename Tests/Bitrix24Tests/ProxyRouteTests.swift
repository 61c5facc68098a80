import Foundation
import LeadCore
import Testing

@testable import Bitrix24

/// Which proxy a call takes, as curl decides it, and how its address is read.
@Suite struct ProxyRouteTests {
    static let portal = URL(string: "https://portal.example.ru/rest/1/code/")!
    static let loopback = URL(string: "http://127.0.0.1:8080/rest/1/code/")!

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var url: URL
        var setting: String?
        var environment: [String: String]
        /// `host:port` of the proxy chosen, or nil for a direct call.
        var expected: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "nothing set: directly", url: portal, setting: nil, environment: [:], expected: nil),
        Case(name: "https_proxy for an https portal", url: portal, setting: nil, environment: ["https_proxy": "http://p1:3128"], expected: "p1:3128"),
        Case(name: "HTTPS_PROXY in capitals too", url: portal, setting: nil, environment: ["HTTPS_PROXY": "p2:8080"], expected: "p2:8080"),
        Case(
            name: "lower case wins over capitals", url: portal, setting: nil,
            environment: ["https_proxy": "p1:1", "HTTPS_PROXY": "p2:2"], expected: "p1:1"),
        Case(name: "http_proxy is not for an https portal", url: portal, setting: nil, environment: ["http_proxy": "p3:3"], expected: nil),
        Case(name: "http_proxy for an http portal", url: loopback, setting: nil, environment: ["http_proxy": "p3:3"], expected: "p3:3"),
        Case(
            name: "HTTP_PROXY in capitals is ignored, as curl ignores it", url: loopback, setting: nil, environment: ["HTTP_PROXY": "p3:3"],
            expected: nil),
        Case(name: "all_proxy when nothing else is set", url: portal, setting: nil, environment: ["ALL_PROXY": "p4:4"], expected: "p4:4"),
        Case(
            name: "the settings win over the environment", url: portal, setting: "http://set:9",
            environment: ["https_proxy": "p1:1"], expected: "set:9"),
        Case(
            name: "an empty variable counts as unset", url: portal, setting: nil, environment: ["https_proxy": "", "all_proxy": "p4:4"],
            expected: "p4:4"),
        Case(name: "no port: 1080, as curl", url: portal, setting: nil, environment: ["https_proxy": "http://p5"], expected: "p5:1080"),
        Case(name: "no_proxy * goes directly", url: portal, setting: "set:9", environment: ["no_proxy": "*"], expected: nil),
        Case(
            name: "no_proxy names the domain", url: portal, setting: nil,
            environment: ["https_proxy": "p1:1", "no_proxy": "localhost, example.ru"], expected: nil),
        Case(
            name: "no_proxy with a leading dot and a port", url: portal, setting: nil,
            environment: ["https_proxy": "p1:1", "NO_PROXY": ".example.ru:443"], expected: nil),
        Case(
            name: "no_proxy for another domain leaves the proxy", url: portal, setting: nil,
            environment: ["https_proxy": "p1:1", "no_proxy": "ample.ru,portal.example.ru.evil"], expected: "p1:1"),
        Case(name: "no_proxy by address", url: loopback, setting: nil, environment: ["http_proxy": "p3:3", "no_proxy": "127.0.0.1"], expected: nil),
    ]

    @Test(arguments: cases) func theProxyIsChosenAsCurlChoosesIt(_ row: Case) throws {
        let chosen = try ProxyRoute.choose(for: row.url, setting: row.setting, environment: row.environment)
        #expect(chosen?.description == row.expected)
    }

    /// A proxy that cannot be used names where it came from: the setting or the variable.
    @Test func aBadProxyNamesItsSource() {
        func message(setting: String?, _ environment: [String: String]) -> String {
            do {
                _ = try ProxyRoute.choose(for: Self.portal, setting: setting, environment: environment)
                return "chosen"
            } catch {
                return error.description
            }
        }
        let fromVariable = message(setting: nil, ["HTTPS_PROXY": "socks5://p:1080"])
        #expect(fromVariable.contains("HTTP proxies only") && fromVariable.contains("It comes from HTTPS_PROXY; fix or unset HTTPS_PROXY"))
        let fromAll = message(setting: nil, ["http_proxy": "http://good:1", "all_proxy": "http://"])
        #expect(fromAll.contains("It comes from all_proxy"), "\(fromAll)")
        // Set but empty counts as unset, as curl reads it: the upper-case one is named.
        #expect(message(setting: nil, ["https_proxy": "", "HTTPS_PROXY": "socks5://p:1"]).contains("It comes from HTTPS_PROXY"))
        let fromSetting = message(setting: "socks5://p:1080", ["https_proxy": "http://good:1"])
        #expect(fromSetting.contains("It comes from the proxy setting; fix it with `leadbox config set proxy"))
    }

    @Test func theLoginIsReadButNeverShown() throws {
        let proxy = try ProxyRoute("http://booth%40expo:p%40ss:word@proxy.example:3128")
        #expect(proxy.user == "booth@expo" && proxy.password == "p@ss:word")
        #expect(proxy.description == "proxy.example:3128")
        #expect(!"\(proxy)".contains("p@ss"))
        #expect(throws: EndpointError.self) { try ProxyRoute("socks5://proxy.example:1080") }
        #expect(throws: EndpointError.self) { try ProxyRoute("http://") }
    }

    @Test func theSettingsKeepTheProxyAndShowItWithoutItsPassword() throws {
        var settings = Settings()
        try settings.set("proxy", "http://booth:s3cret@proxy.example:3128")
        try settings.set("ca_file", "/etc/company/root.pem")
        let read = try Settings(toml: settings.toml)
        #expect(read.proxy == "http://booth:s3cret@proxy.example:3128" && read.caFile == "/etc/company/root.pem")
        #expect(!settings.redacted.toml.contains("s3cret"))
        #expect(throws: ConfigError.self) { try settings.set("proxy", "http://") }
        try settings.set("proxy", "")
        #expect(settings.proxy == nil)
    }
}
