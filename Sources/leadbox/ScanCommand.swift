import ArgumentParser
import BadgeImage
import ContactInput
import Foundation
import LeadCore

/// `leadbox scan --image FILE…`: the codes in badge photos, or the business cards in photos
/// without one, and the leads they would make; saves nothing.
struct Scan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Read the badge codes or business cards in photos (JPEG, PNG, HEIC) and show the lead each would make; nothing is saved.",
        discussion: """
            Reads QR, Data Matrix, Aztec, PDF417, Code 128 and Code 39 codes with zxing-cpp's ZXingReader \
            when installed (apt-get install zxing-cpp-tools), then zbar (apt-get install libzbar0 \
            libturbojpeg0 libpng16-16; libheif1 for an iPhone's HEIC), and again on the photo sharpened when \
            neither finds one. A photo \
            with no code is read as a business card, offline, with Tesseract in the languages installed \
            (apt-get install tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus tesseract-ocr-deu): the card \
            is found, squared and read, and fields read with little confidence are marked "check". \
            `leadbox add --photo FILE` saves the lead (with a card's photo). In the terminal UI, F6 reads \
            a badge with the laptop's camera and F7 takes a card photo with it.
            Example: leadbox scan --image badge.jpg --json
            """)

    @OptionGroup var global: GlobalOptions
    @Option(
        name: .customLong("image"), parsing: .upToNextOption,
        help: ArgumentHelp("Photos of badges or business cards, JPEG, PNG or HEIC (several after one --image, or --image again).", valueName: "file"))
    var images: [String] = []
    @Flag(help: "Print a JSON array, one {\"file\",\"codes\",\"card\",\"lead\",\"warnings\"} per photo (\"card\" only for a photo without a code).")
    var json = false

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
                if let card = photo.card { object["card"] = PhotoScan.json(card.reading) }
                object["lead"] = photo.request.map { .object($0.lead.fieldsJSON) } ?? .null
                object["warnings"] = .array(photo.warnings(source: source).map(JSONValue.string))
                if !json { show(photo, path: path) }
                if photo.request == nil {
                    failures.append(PhotoScan.noCode(source))
                    // The no-code sentence itself comes with the failures; a decoder to install now.
                    if !json, let hint = photo.scan.decoderHint { Terminal.warning(hint) }
                } else if !json {
                    for warning in photo.warnings(source: source) { Terminal.warning(warning) }
                }
            case .failure(let error):
                // A missing library is per photo too: Tesseract is needed only for photos without a
                // code, so the other photos' results still count. Its sentence is said once below.
                object["warnings"] = .array([.string(error.description)])
                failures.append(error)
            }
            results.append(.object(object))
        }
        if json { LeadJSON.print(.array(results)) }
        var said: Set<String> = []
        for failure in failures where said.insert(failure.description).inserted { Terminal.error(failure.description) }
        if let first = failures.first { throw ExitCode(first.exitStatus.rawValue) }
    }

    private func show(_ photo: PhotoScan, path: String) {
        if let card = photo.card {
            showCard(card.reading, path: path)
        } else if photo.scan.codes.isEmpty {
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

extension Scan {
    /// What was read from a card, field by field in card order, the unsure ones marked.
    fileprivate func showCard(_ reading: BusinessCardReading, path: String) {
        let unsure = reading.fields.filter(\.isUnsure).count
        Terminal.line(
            "\(path.escapedForTerminal): business card, \(reading.fields.count) field\(reading.fields.count == 1 ? "" : "s") read"
                + (unsure == 0 ? "" : ", \(unsure) to check"))
        for field in reading.fields {
            let type = field.valueType.map { " (\($0))" } ?? ""
            let mark = field.isUnsure ? "  ← check (confidence \(Int((field.confidence * 100).rounded())) %)" : ""
            Terminal.line("    \(field.name): \(field.value.escapedForTerminal)\(type)\(mark)")
        }
    }
}

/// One photo read and turned into a lead, as `scan --image` shows it and `add --photo` saves it:
/// from its badge code, or, when it has none, from the business card in it.
struct PhotoScan {
    let scan: BadgeScan
    /// The card read when the photo held no code.
    let card: CardPhoto.Recognition?
    /// The upright picture of a card, for the photo the lead keeps.
    let picture: GreyImage?
    /// The lead the badge code or the card makes, nil when neither gave anything.
    let contact: ParsedContact?
    /// The lead with the event's rules applied, nil when neither a code nor a card's text was found.
    let request: CaptureRequest?

    init(path: String, source: String, profile: EventProfile) throws(BadgeImageError) {
        let reading = try PhotoReading.read(path: path, source: source)
        scan = reading.scan
        card = reading.card
        picture = reading.picture
        if let card = reading.card {
            // The recognised text goes with the lead as its raw text (`show`, `export`), as a
            // badge's code does: what no rule placed is still there to read.
            contact =
                card.holdsACard
                ? ParsedContact(lead: card.reading.lead, warnings: card.reading.warnings, raw: card.reading.text, format: .unrecognized) : nil
        } else {
            contact = scan.contact(scanField: profile.scanField)
        }
        request = contact.map { CaptureRequest(lead: $0.lead, profile: profile, rawScan: $0.raw) }
    }

    /// What is worth a word: the code's or card's oddities, the lead's, or that nothing was read.
    func warnings(source: String) -> [String] {
        // No code found and a stronger decoder could be installed: said, since a badge's code
        // zbar missed would otherwise pass for a photo without one.
        let hint = scan.decoderHint.map { [$0] } ?? []  // set only when no code was found
        guard let contact, let request else { return [PhotoScan.noCode(source).description] + hint }
        return contact.warnings + request.warnings.map(\.message) + hint
    }

    static func noCode(_ source: String) -> CommandFailure {
        CommandFailure(
            "No badge code or card text was found in \(source.prefix(1).lowercased() + source.dropFirst()); take the photo again closer, in focus and without glare, or type the lead.",
            .dataError)
    }

    /// A card's reading as `scan --json` prints it: the text, the fields (PHONE, EMAIL and WEB
    /// as lists of {"value","type"}, the others as text, several lines of one joined by ", "),
    /// each field's confidence (the lowest of its values) and the fields to check.
    static func json(_ reading: BusinessCardReading) -> JSONValue {
        var fields: [String: JSONValue] = [:]
        var confidence: [String: Double] = [:]
        for field in reading.fields {
            if ["PHONE", "EMAIL", "WEB", "IM"].contains(field.name) {
                let entry = JSONValue.object(["value": .string(field.value), "type": field.valueType.map(JSONValue.string) ?? .null])
                fields[field.name] = .array((fields[field.name]?.arrayValue ?? []) + [entry])
            } else if let earlier = fields[field.name]?.stringValue {
                fields[field.name] = .string(earlier + ", " + field.value)
            } else {
                fields[field.name] = .string(field.value)
            }
            confidence[field.name] = min(confidence[field.name] ?? 1, field.confidence)
        }
        let unsure = Set(reading.fields.filter(\.isUnsure).map(\.name)).sorted()
        return .object([
            "text": .string(reading.text), "fields": .object(fields),
            "confidence": .object(confidence.mapValues { .number(($0 * 100).rounded() / 100) }),
            "unsure": .array(unsure.map(JSONValue.string)),
        ])
    }
}
