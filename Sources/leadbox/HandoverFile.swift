import Foundation
import LeadCore
import LeadStore

/// The handover file: undelivered leads moving from one laptop to another, as one JSON object
///
///     {"format": "leadbox-handover", "version": 1, "created_at": "…", "count": n,
///      "checksum": "sha256:…", "leads": [ … ]}
///
/// The checksum covers the leads in their canonical form (sorted keys, compact), so a file cut
/// off in transit or edited by hand is refused rather than imported half right. A version newer
/// than this leadbox knows is refused too: its meaning may have changed.
///
/// Version 2 adds a lead's photo (`"photo"`). A file is written as version 2 only when a lead in
/// it carries one: an older leadbox would drop the member it does not know, find the checksum
/// changed and blame the file, while the photo's only copy is in it. It refuses version 2 as
/// "written by a newer leadbox", which says what to do. Files without photos stay version 1.
struct HandoverFile: Codable {
    static let formatName = "leadbox-handover"
    static let currentVersion = 2
    /// The version of a file whose leads carry no photo: what every leadbox reads.
    static let versionWithoutPhotos = 1

    var format: String
    var version: Int
    var createdAt: String
    var count: Int
    var checksum: String
    var leads: [HandoverLead]

    enum CodingKeys: String, CodingKey {
        case format, version, count, checksum, leads
        case createdAt = "created_at"
    }

    init(leads: [HandoverLead], now: Date) throws {
        format = Self.formatName
        version = leads.contains { $0.photo != nil } ? Self.currentVersion : Self.versionWithoutPhotos
        createdAt = LeadJSON.timestamp(now)
        count = leads.count
        self.leads = leads
        checksum = try Self.checksum(of: leads)
    }

    static func checksum(of leads: [HandoverLead]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return "sha256:" + SHA256.hex(try encoder.encode(leads))
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads and checks a handover file; every refusal is one sentence with exit 65 (bad data).
    static func read(_ path: String) throws -> HandoverFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure("The handover file \(path) cannot be read; check its name and permissions.", .cannotRead)
        }
        let bad = { (why: String) in CommandFailure("\(path) \(why); nothing was imported.", .dataError) }
        // The header first, so a newer version is named as such even if its leads look different.
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw bad("is not a complete handover file (it is cut off or not JSON); copy it again from the laptop that exported it")
        }
        guard object["format"] as? String == formatName else {
            throw bad("is not a leadbox handover file; make one with `leadbox handover export FILE`")
        }
        guard let version = object["version"] as? Int else { throw bad("has no format version, so it is not a handover file leadbox wrote") }
        guard version <= currentVersion else {
            throw bad(
                "was written by a newer leadbox (handover format \(version); this one reads up to \(currentVersion)); update leadbox on this laptop and import it again"
            )
        }
        let file: HandoverFile
        do { file = try JSONDecoder().decode(HandoverFile.self, from: data) } catch {
            throw bad("is damaged (a lead in it cannot be read); copy it again from the laptop that exported it")
        }
        guard try checksum(of: file.leads) == file.checksum, file.count == file.leads.count else {
            throw bad("was changed after it was exported (its checksum does not match); copy the original file again")
        }
        if let odd = file.leads.first(where: { !LeadStore.handoverStates.contains($0.state) }) {
            throw bad("lists lead \(odd.uuid) as \(odd.state.rawValue), which is not a state a handover moves")
        }
        return file
    }

    /// Writes `data` to `path` all or nothing, owner-only (it holds customer data): a temporary
    /// file in the same folder, fsync, rename, fsync of the folder. Refuses to replace an existing
    /// file, which may hold leads handed over earlier.
    static func writeAtomically(_ data: Data, to path: String) throws {
        if FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("\(path) already exists and may hold leads handed over earlier; choose another file name.", .cannotCreate)
        }
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let temporary = "\(folder)/.\((path as NSString).lastPathComponent).tmp-\(getpid())"
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CommandFailure(
                "The handover file \(path) cannot be created (\(String(cString: strerror(errno)))); choose a writable folder.", .cannotCreate)
        }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = fsync(fd) == 0
        close(fd)
        guard written == data.count, synced, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw CommandFailure("The handover file \(path) could not be written completely (disk full?); nothing was handed over.", .ioError)
        }
        let folderFD = open(folder, O_RDONLY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }
}

/// sysexits for the handover commands.
