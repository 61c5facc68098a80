import Foundation
import Logging

extension Bitrix24Client {
    /// Settings that stay fixed for a client's lifetime.
    public struct Configuration: Sendable {
        public static let defaultUserAgent = "leadbox/0.1.0"

        /// ORIGINATOR_ID stamped on every lead and used by every lookup (the config's `app_id`).
        /// One value for both, so a lookup always finds what an add created.
        public var originatorID: String
        /// How long one call may take before its outcome counts as unknown. Above the portal's own
        /// 60 s processing bound, so a slow success is not mistaken for a loss.
        public var timeout: Duration
        /// Sent as `User-Agent`, as the Bitrix24 docs ask (`name/version`).
        public var userAgent: String
        /// Receives one debug line per call and a notice per failure; never a secret.
        public var logger: Logger
        /// Root certificates trusted besides the system store (`ca_file`, `SSL_CERT_FILE`,
        /// `SSL_CERT_DIR`); a file that cannot be read leaves the system store alone, so check
        /// them first (`TrustRoots.check()`).
        public var trust = TrustRoots()
        /// `proxy` from the settings; it wins over the environment's (see `ProxyRoute`).
        public var proxy: String?
        /// Where `https_proxy`, `no_proxy` and the rest are read (the process's own by default).
        public var environment: [String: String] = ProcessInfo.processInfo.environment

        public init(
            originatorID: String = "leadbox",
            timeout: Duration = .seconds(90),
            userAgent: String = Configuration.defaultUserAgent,
            logger: Logger = Logger(label: "leadbox.bitrix24")
        ) {
            self.originatorID = originatorID
            self.timeout = timeout
            self.userAgent = userAgent
            self.logger = logger
        }
    }
}
