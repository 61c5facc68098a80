import ArgumentParser
import BadgeImage
import ContactInput
import Foundation
import LeadCore

/// `leadbox scan --image FILE…`: the codes in badge photos and the leads they would make; saves nothing.
struct Scan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Read the badge codes in photos (JPEG, PNG) and show the lead each would make; nothing is saved.",
        discussion: """
            Reads QR codes, Code 128 and Code 39 (PDF417 as far as zbar can) with zbar, loaded when \
            needed (apt-get install libzbar0 libturbojpeg0 libpng16-16). `leadbox add --photo FILE` saves the lead.
            Example: leadbox scan --image badge.jpg --json
            """)

    @OptionGroup var global: GlobalOptions
    @Option(
        name: .customLong("image"), parsing: .upToNextOption,
        help: ArgumentHelp("Photos of badges, JPEG or PNG (several after one --image, or --image again).", valueName: "file"))
    var images: [String] = []
    @Flag(help: "Print a JSON array, one {\"file\",\"codes\",\"lead\",\"warnings\"} per photo.") var json = false

    func validate() throws {
        if images.isEmpty { throw ValidationError("Give the photo to read with --image FILE.") }
    }

    func run() async throws {
        let settings = try Context(global).settings()
        var results: [JSONValue] = []
        var failures: [any UserFacingError] = []
        for path in images {
            let source = InputFile.source(path)
            var object: [String: JSONValue] = ["file": .string(path), "codes": .array([]), "lead": .null, "warnings": .array([])]
            switch Result(catching: { () throws(BadgeImageError) in try PhotoScan(path: path, source: source, profile: settings.event) }) {
            case .success(let photo):
                object["codes"] = .array(photo.scan.codes.map { .object(["format": .string($0.format), "text": .string($0.text)]) })
                object["lead"] = photo.request.map { .object($0.lead.fieldsJSON) } ?? .null
                object["warnings"] = .array(photo.warnings(source: source).map(JSONValue.string))
                if !json { show(photo, path: path) }
                if photo.request == nil {
                    failures.append(PhotoScan.noCode(source))
                } else if !json {
                    for warning in photo.warnings(source: source) { Terminal.warning(warning) }
                }
            case .failure(let error):
                if case .missingLibrary = error { throw error }  // the same for every photo: said once
                object["warnings"] = .array([.string(error.description)])
                failures.append(error)
            }
            results.append(.object(object))
        }
        if json { LeadJSON.print(.array(results)) }
        for failure in failures { Terminal.error(failure.description) }
        if let first = failures.first { throw ExitCode(first.exitStatus.rawValue) }
    }

    private func show(_ photo: PhotoScan, path: String) {
        if photo.scan.codes.isEmpty {
            Terminal.line("\(path.escapedForTerminal): no code found")
            return
        }
        for code in photo.scan.codes {
            Terminal.line("\(path.escapedForTerminal): \(code.format) \(code.text.debugDescription.escapedForTerminal)")
        }
        guard let request = photo.request else { return }
        Terminal.line("  would save: \(request.lead.displayTitle.escapedForTerminal)")
        for (field, value) in request.lead.fieldsJSON.sorted(by: { $0.key < $1.key }) where field != "TITLE" {
            Terminal.line("    \(field): \(LeadJSON.text(value).escapedForTerminal)")
        }
    }
}

/// One photo read and turned into a lead, as `scan --image` shows it and `add --photo` saves it.
struct PhotoScan {
    let scan: BadgeScan
    /// The lead the badge code makes (the same front door as a typed scan), nil when no code was found.
    let contact: ParsedContact?
    /// The lead with the event's rules applied, nil when no code was found.
    let request: CaptureRequest?

    init(path: String, source: String, profile: EventProfile) throws(BadgeImageError) {
        scan = try BadgePhoto.scan(path: path, source: source)
        contact = scan.contact(scanField: profile.scanField)
        request = contact.map { CaptureRequest(lead: $0.lead, profile: profile, rawScan: $0.raw) }
    }

    /// What is worth a word: the code's oddities, the lead's, or that there was no code at all.
    func warnings(source: String) -> [String] {
        guard let contact, let request else { return [PhotoScan.noCode(source).description] }
        return contact.warnings + request.warnings.map(\.message)
    }

    static func noCode(_ source: String) -> CommandFailure {
        CommandFailure(
            "No badge code was found in \(source.prefix(1).lowercased() + source.dropFirst()); take the photo again closer, in focus and without glare, or type the lead.",
            .dataError)
    }
}
