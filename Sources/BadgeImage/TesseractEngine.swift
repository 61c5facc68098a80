import ContactInput
import Glibc
import Synchronization

/// Tesseract's C API (libtesseract.so.5), opened at run time like the other image libraries, so
/// leadbox starts without it and only reading a card names the packages to install. One engine
/// is one `TessBaseAPI` with the installed languages loaded (about half a second), used by one
/// caller at a time: Tesseract's handles are not thread-safe.
final class TesseractEngine {
    private typealias Create = @convention(c) () -> OpaquePointer?
    private typealias Delete = @convention(c) (OpaquePointer?) -> Void
    private typealias ClearAdaptive = @convention(c) (OpaquePointer?) -> Void
    private typealias MonitorCreate = @convention(c) () -> OpaquePointer?
    private typealias MonitorSetPointer = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void
    /// TessCancelFunc: `bool (*)(void* cancel_this, int words)`.
    private typealias CancelFunction = @convention(c) (UnsafeMutableRawPointer?, Int32) -> Bool
    private typealias MonitorSetCancel = @convention(c) (OpaquePointer?, CancelFunction?) -> Void
    private typealias Init3 = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    private typealias SetVariable = @convention(c) (OpaquePointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?) -> Int32
    private typealias SetMode = @convention(c) (OpaquePointer?, Int32) -> Void
    private typealias SetImage = @convention(c) (OpaquePointer?, UnsafePointer<UInt8>?, Int32, Int32, Int32, Int32) -> Void
    private typealias SetResolution = @convention(c) (OpaquePointer?, Int32) -> Void
    private typealias Recognize = @convention(c) (OpaquePointer?, OpaquePointer?) -> Int32
    private typealias TsvText = @convention(c) (OpaquePointer?, Int32) -> UnsafeMutablePointer<CChar>?
    private typealias DeleteText = @convention(c) (UnsafePointer<CChar>?) -> Void
    private typealias DetectOrientation =
        @convention(c) (
            OpaquePointer?, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Float>?,
            UnsafeMutablePointer<UnsafePointer<CChar>?>?, UnsafeMutablePointer<Float>?
        ) -> Int32

    static let library = "libtesseract.so.5"

    /// Debian's Tesseract is built with OpenMP, whose threads spin while they wait for work. On
    /// this 2-core laptop with anything else running (the UI, a sync, the code reader's retries
    /// beside the card reader) the spinning costs more than the second thread brings: a card
    /// took 2.6–4.5 s with OpenMP's default and 1.3–2.7 s with one thread, on the same photos under
    /// the same load (BENCHMARKS.md, "Card reader speed"). libgomp reads its settings once, when
    /// it is loaded with libtesseract, so this runs before the library is opened; a person's own
    /// `OMP_THREAD_LIMIT` is kept. leadbox calls it first thing (`PhotoReading.prepareProcess`);
    /// the call here covers other programs, and changes nothing once the variable is set.
    static func oneThreadUnlessTold() {
        setenv("OMP_THREAD_LIMIT", "1", 0)
    }
    static let packages = "tesseract-ocr tesseract-ocr-eng tesseract-ocr-rus tesseract-ocr-deu"
    static let purpose = "Reading business cards"
    /// Read first when installed, in this order: the languages of the shows leadbox serves. The
    /// first language leads where letters look alike: with English first Tesseract read "Schäfer"
    /// as "Schafer" and a Russian "ООО"/"АО" in Latin letters or digits. On scripts/card-photos'
    /// sets (seed 21, 40 photos; seed 7, 20) the names and companies found verbatim in the text
    /// went from 78/80 % and 90/65 % with eng+deu+rus to 85/88 % and 95/75 % with rus+deu+eng,
    /// titles from 95 to 90 % on both, e-mails and addresses unchanged or better.
    static let preferredLanguages = ["rus", "deu", "eng"]
    /// Tesseract's PSM_OSD_ONLY and PSM_AUTO (automatic page segmentation, no OSD).
    private static let osdOnly: Int32 = 0
    private static let auto: Int32 = 3

    private let delete: Delete
    /// Present only in builds with the legacy engine (Debian's has it); skipped where missing.
    private let clearAdaptive: ClearAdaptive?
    /// Tesseract's progress monitor, whose cancel function reads the `CardReadCancellation`
    /// given to `lines`; nil if the library lacks the monitor functions (a reading then runs to its end).
    private let monitor: OpaquePointer?
    private let setCancelThis: MonitorSetPointer?
    private let deleteMonitor: Delete?
    private let setMode: SetMode
    private let setImage: SetImage
    private let setResolution: SetResolution
    private let recognize: Recognize
    private let tsvText: TsvText
    private let deleteText: DeleteText
    private let detectOrientation: DetectOrientation
    private let reader: OpaquePointer
    /// A second handle with only `osd` loaded, which tells a page's turn from its letters' shapes;
    /// nil when osd.traineddata is not installed (the turn is then chosen by confidence).
    private let orienter: OpaquePointer?
    /// The languages loaded, joined by "+" as Tesseract names them.
    let languages: String

    init() throws(BadgeImageError) {
        TesseractEngine.oneThreadUnlessTold()
        let lib = try SharedLibrary(TesseractEngine.library, package: TesseractEngine.packages, purpose: TesseractEngine.purpose)
        let create = try lib.function("TessBaseAPICreate", as: Create.self)
        let initialise = try lib.function("TessBaseAPIInit3", as: Init3.self)
        let setVariable = try lib.function("TessBaseAPISetVariable", as: SetVariable.self)
        delete = try lib.function("TessBaseAPIDelete", as: Delete.self)
        clearAdaptive = try? lib.function("TessBaseAPIClearAdaptiveClassifier", as: ClearAdaptive.self)
        if let createMonitor = try? lib.function("TessMonitorCreate", as: MonitorCreate.self),
            let setCancel = try? lib.function("TessMonitorSetCancelFunc", as: MonitorSetCancel.self),
            let setThis = try? lib.function("TessMonitorSetCancelThis", as: MonitorSetPointer.self),
            let deleteIt = try? lib.function("TessMonitorDelete", as: Delete.self), let made = createMonitor()
        {
            setCancel(made) { this, _ in
                guard let this else { return false }
                return Unmanaged<CardReadCancellation>.fromOpaque(this).takeUnretainedValue().isCancelled
            }
            monitor = made
            setCancelThis = setThis
            deleteMonitor = deleteIt
        } else {
            monitor = nil
            setCancelThis = nil
            deleteMonitor = nil
        }
        setMode = try lib.function("TessBaseAPISetPageSegMode", as: SetMode.self)
        setImage = try lib.function("TessBaseAPISetImage", as: SetImage.self)
        setResolution = try lib.function("TessBaseAPISetSourceResolution", as: SetResolution.self)
        recognize = try lib.function("TessBaseAPIRecognize", as: Recognize.self)
        tsvText = try lib.function("TessBaseAPIGetTsvText", as: TsvText.self)
        deleteText = try lib.function("TessDeleteText", as: DeleteText.self)
        detectOrientation = try lib.function("TessBaseAPIDetectOrientationScript", as: DetectOrientation.self)

        let missing = BadgeImageError.missingLibrary(
            library: "Tesseract's language data", package: TesseractEngine.packages, purpose: TesseractEngine.purpose)
        guard let folder = TesseractEngine.dataFolder() else { throw missing }
        let installed = TesseractEngine.installedLanguages(in: folder)
        let chosen =
            TesseractEngine.preferredLanguages.filter(installed.contains) + installed.filter { !TesseractEngine.preferredLanguages.contains($0) }
        guard !chosen.isEmpty, let reader = create() else { throw missing }
        TesseractEngine.quietenLeptonica()
        languages = chosen.joined(separator: "+")
        // Tesseract's notes ("Estimating resolution…", "Empty page!!") are for its own command line.
        _ = setVariable(reader, "debug_file", "/dev/null")
        guard initialise(reader, folder, languages) == 0 else {
            delete(reader)
            throw missing
        }
        _ = setVariable(reader, "debug_file", "/dev/null")
        setMode(reader, TesseractEngine.auto)
        self.reader = reader
        if access(folder + "/osd.traineddata", R_OK) == 0, let orienter = create() {
            _ = setVariable(orienter, "debug_file", "/dev/null")
            if initialise(orienter, folder, "osd") == 0 {
                _ = setVariable(orienter, "debug_file", "/dev/null")
                setMode(orienter, TesseractEngine.osdOnly)
                self.orienter = orienter
            } else {
                delete(orienter)
                self.orienter = nil
            }
        } else {
            orienter = nil
        }
    }

    deinit {
        delete(reader)
        if let orienter { delete(orienter) }
        if let monitor { deleteMonitor?(monitor) }
    }

    /// The process's engine, made on first use and kept: loading three languages costs about
    /// 0.3 s, which every card after the first (F7 again in the UI, `scan --image` of several
    /// photos) no longer pays. A failure is not kept, so installing Tesseract while the UI runs
    /// works at the next card.
    private static let shared = Mutex<TesseractEngine?>(nil)

    /// Runs `body` with the shared engine; callers take turns, since Tesseract's handles are not
    /// thread-safe.
    static func withShared<Value: Sendable>(_ body: (TesseractEngine) -> Value) throws(BadgeImageError) -> Value {
        try shared.withLock { (engine: inout TesseractEngine?) throws(BadgeImageError) -> Value in
            if engine == nil { engine = try TesseractEngine() }
            // What the legacy classifier learnt from the last card must not sway this one's
            // reading: a card reads the same whether it is the first or the tenth.
            engine!.clearAdaptive?(engine!.reader)
            return body(engine!)
        }
    }

    /// The text's lines, top to bottom, each with the mean confidence of its words (0...1).
    /// `dpi` is the picture's resolution, which Tesseract uses to judge letter sizes.
    /// A `cancellation` set meanwhile stops Tesseract between words; what it read is then
    /// given back, cut short, for the caller to drop.
    func lines(in image: GreyImage, dpi: Int, cancellation: CardReadCancellation? = nil) -> [RecognisedLine] {
        guard image.width > 0, image.height > 0 else { return [] }
        let tsv: String? = withExtendedLifetime(cancellation) {
            let watched = cancellation.flatMap { _ in monitor }
            if let watched, let cancellation { setCancelThis?(watched, Unmanaged.passUnretained(cancellation).toOpaque()) }
            defer { if let watched { setCancelThis?(watched, nil) } }
            return image.pixels.withUnsafeBufferPointer { buffer in
                setImage(reader, buffer.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
                setResolution(reader, Int32(dpi))
                guard recognize(reader, watched) == 0, let text = tsvText(reader, 0) else { return nil }
                defer { deleteText(text) }
                return String(cString: text)
            }
        }
        return tsv.map(TesseractEngine.lines(tsv:)) ?? []
    }

    /// The clockwise turn (0, 90, 180, 270) that makes the picture's text upright and how sure
    /// Tesseract's orientation detector is (its own scale: above 2 is confident); nil without
    /// osd data or when the picture has too few letters to tell.
    func uprightTurn(of image: GreyImage, dpi: Int) -> (degrees: Int, confidence: Double)? {
        guard let orienter, image.width > 0, image.height > 0 else { return nil }
        var degrees: Int32 = 0
        var confidence: Float = 0
        var script: UnsafePointer<CChar>?
        var scriptConfidence: Float = 0
        let found = image.pixels.withUnsafeBufferPointer { buffer in
            setImage(orienter, buffer.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
            setResolution(orienter, Int32(dpi))
            return detectOrientation(orienter, &degrees, &confidence, &script, &scriptConfidence)
        }
        guard found != 0 else { return nil }
        return (Int(degrees), Double(confidence))
    }

    /// Leptonica, Tesseract's image library, writes "Error in boxClipToRectangle…" to stderr for
    /// boxes it merely clips: noise under leadbox's own sentences. L_SEVERITY_NONE silences it.
    private static func quietenLeptonica() {
        typealias SetSeverity = @convention(c) (Int32) -> Int32
        guard let leptonica = try? SharedLibrary("liblept.so.5", package: "liblept5", purpose: purpose),
            let setSeverity = try? leptonica.function("setMsgSeverity", as: SetSeverity.self)
        else { return }
        _ = setSeverity(6)
    }

    /// Tesseract's TSV (level, page, block, paragraph, line, word, left, top, width, height,
    /// confidence, text) as lines: the words of one block, paragraph and line joined by spaces,
    /// with their mean confidence over 100. Words Tesseract found no text in are left out.
    static func lines(tsv: String) -> [RecognisedLine] {
        var result: [RecognisedLine] = []
        var key: [Substring] = []
        var words: [String] = []
        var confidences: [Double] = []
        func flush() {
            if !words.isEmpty {
                result.append(
                    RecognisedLine(text: words.joined(separator: " "), confidence: confidences.reduce(0, +) / Double(confidences.count) / 100))
            }
            words = []
            confidences = []
        }
        for row in tsv.split(separator: "\n", omittingEmptySubsequences: true) {
            let columns = row.split(separator: "\t", maxSplits: 11, omittingEmptySubsequences: false)
            guard columns.count == 12, columns[0] == "5", let confidence = Double(columns[10]) else { continue }
            let word = String(columns[11]).trimmingEnds(" ")
            guard !word.isEmpty, confidence >= 0 else { continue }
            let lineKey = Array(columns[1...4])
            if lineKey != key { flush() }
            key = lineKey
            words.append(word)
            confidences.append(min(100, confidence))
        }
        flush()
        return result
    }

    /// Tesseract's language data folder: $TESSDATA_PREFIX (with or without its `tessdata`), else
    /// where Debian and Ubuntu install it.
    static func dataFolder() -> String? {
        var candidates: [String] = []
        if let prefix = getenv("TESSDATA_PREFIX").map({ String(cString: $0) }), !prefix.isEmpty {
            candidates += [prefix, prefix + "/tessdata"]
        }
        candidates += ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata"]
        return candidates.first { !installedLanguages(in: $0).isEmpty }
    }

    /// The languages with a `.traineddata` file in `folder`, sorted; `osd` (orientation only)
    /// and `equ` (equations) are no languages to read a card in.
    static func installedLanguages(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var found: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name.hasSuffix(".traineddata") else { continue }
            let language = String(name.dropLast(".traineddata".count))
            if !language.isEmpty, language != "osd", language != "equ" { found.append(language) }
        }
        return found.sorted()
    }
}
