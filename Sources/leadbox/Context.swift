import Foundation
import LeadCore
import LeadStore

/// Resolves where the database and settings live (flag, then environment, then XDG default) and
/// opens them, so every command agrees.
struct Context {
    let options: GlobalOptions
    private let environment = ProcessInfo.processInfo.environment

    init(_ options: GlobalOptions) {
        self.options = options
    }

    var databasePath: String {
        options.db ?? environment["LEADBOX_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? LeadStore.defaultPath
    }

    /// True when the user named the database, so a missing folder is their typo to fix rather than
    /// ours to create.
    private var databasePathIsExplicit: Bool {
        options.db != nil || !(environment["LEADBOX_DB"] ?? "").isEmpty
    }

    var configPath: String {
        if let path = options.config ?? environment["LEADBOX_CONFIG"].flatMap({ $0.isEmpty ? nil : $0 }) { return path }
        let configHome =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return configHome + "/leadbox/config.toml"
    }

    /// The outbox; commands that only look pass `.read`, so they work on a full disk and on a
    /// read-only file.
    func openStore(_ access: LeadStore.Access = .readWrite) throws -> LeadStore {
        try LeadStore(path: databasePath, createFolder: !databasePathIsExplicit, access: access)
    }

    /// The settings file, or defaults when it does not exist yet; `--webhook` and
    /// `LEADBOX_WEBHOOK` override the file's webhook.
    func settings() throws -> Settings {
        var settings = try SettingsFile.load(configPath)
        if let webhook = options.webhook ?? environment["LEADBOX_WEBHOOK"].flatMap({ $0.isEmpty ? nil : $0 }) {
            settings.webhook = webhook
        }
        return settings
    }
}

/// The settings file cannot be used as it is: the file is what to fix (EX_CONFIG).
struct SettingsFileError: UserFacingError {
    let description: String
    init(_ description: String) { self.description = description }
    var exitStatus: ExitStatus { .configuration }
}

/// Reading and writing the settings file (TOML, or JSON when the name ends in `.json`), both
/// through `Settings`' one tree, so a rewrite keeps every key, known or not.
enum SettingsFile {
    static func load(_ path: String) throws -> Settings {
        guard FileManager.default.fileExists(atPath: path) else { return Settings() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SettingsFileError("The settings file \(path) cannot be read; check its permissions.")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SettingsFileError("The settings file \(path) is not UTF-8 text; save it as UTF-8.")
        }
        let settings: Settings
        do {
            settings = path.hasSuffix(".json") ? try Settings(json: text) : try Settings(toml: text)
        } catch {
            throw SettingsFileError("\(path): \(error.description)")
        }
        for key in settings.unknownKeys {
            Terminal.warning("\(path) has a setting this leadbox does not know, \(key); it is kept as it is (a typo?).")
        }
        return settings
    }

    /// Writes the settings atomically with mode 0600 (the file holds the webhook secret).
    static func save(_ settings: Settings, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let text = path.hasSuffix(".json") ? settings.json : settings.toml
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw UsageError("The settings file \(path) cannot be written; check that its folder is writable.") }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        fsync(fd)
        close(fd)
        guard written == bytes.count, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw UsageError("The settings file \(path) could not be written completely; check free disk space.")
        }
        chmod(path, 0o600)
    }
}
