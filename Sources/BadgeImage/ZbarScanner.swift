/// zbar's image scanner through its C API, opened at run time: the camera's decoder (in-process,
/// a frame in milliseconds) and a photo's second opinion after zxing-cpp's reader
/// (`ZXingReaderTool`), which it beats on some glare (BENCHMARKS.md, "Issue 20: badge decoder").
struct ZbarScanner {
    private typealias Create = @convention(c) () -> OpaquePointer?
    private typealias Destroy = @convention(c) (OpaquePointer?) -> Void
    private typealias SetConfig = @convention(c) (OpaquePointer?, Int32, Int32, Int32) -> Int32
    private typealias SetFormat = @convention(c) (OpaquePointer?, UInt) -> Void
    private typealias SetSize = @convention(c) (OpaquePointer?, UInt32, UInt32) -> Void
    private typealias SetData = @convention(c) (OpaquePointer?, UnsafeRawPointer?, UInt, OpaquePointer?) -> Void
    private typealias Scan = @convention(c) (OpaquePointer?, OpaquePointer?) -> Int32
    private typealias Symbol = @convention(c) (OpaquePointer?) -> OpaquePointer?
    private typealias Data = @convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?
    private typealias Length = @convention(c) (OpaquePointer?) -> UInt32
    private typealias SymbolType = @convention(c) (OpaquePointer?) -> Int32
    private typealias SymbolName = @convention(c) (Int32) -> UnsafePointer<CChar>?

    private let scannerCreate: Create, scannerDestroy: Destroy, setConfig: SetConfig
    private let imageCreate: Create, imageDestroy: Destroy
    private let setFormat: SetFormat, setSize: SetSize, setData: SetData, scan: Scan
    private let firstSymbol: Symbol, nextSymbol: Symbol
    private let data: Data, length: Length, type: SymbolType, name: SymbolName

    static let library = "libzbar.so.0"
    static let package = "libzbar0"
    /// QR, PDF417, Code 128 and Code 39: what badges carry. The retail codes (EAN, UPC, ITF,
    /// Codabar, DataBar) stay off: on the noise of a 12-megapixel photo zbar "read" an ITF code
    /// that was not there, and a lead would have been made of it.
    private static let badgeSymbologies: [Int32] = [64, 57, 128, 39]
    /// fourcc("Y800"): 8-bit grey, one byte per pixel.
    private static let y800 = UInt(0x3030_3859)

    init() throws(BadgeImageError) {
        let lib = try SharedLibrary(ZbarScanner.library, package: ZbarScanner.package, purpose: "Reading badge codes from pictures")
        scannerCreate = try lib.function("zbar_image_scanner_create", as: Create.self)
        scannerDestroy = try lib.function("zbar_image_scanner_destroy", as: Destroy.self)
        setConfig = try lib.function("zbar_image_scanner_set_config", as: SetConfig.self)
        imageCreate = try lib.function("zbar_image_create", as: Create.self)
        imageDestroy = try lib.function("zbar_image_destroy", as: Destroy.self)
        setFormat = try lib.function("zbar_image_set_format", as: SetFormat.self)
        setSize = try lib.function("zbar_image_set_size", as: SetSize.self)
        setData = try lib.function("zbar_image_set_data", as: SetData.self)
        scan = try lib.function("zbar_scan_image", as: Scan.self)
        firstSymbol = try lib.function("zbar_image_first_symbol", as: Symbol.self)
        nextSymbol = try lib.function("zbar_symbol_next", as: Symbol.self)
        data = try lib.function("zbar_symbol_get_data", as: Data.self)
        length = try lib.function("zbar_symbol_get_data_length", as: Length.self)
        type = try lib.function("zbar_symbol_get_type", as: SymbolType.self)
        name = try lib.function("zbar_get_symbol_name", as: SymbolName.self)
    }

    /// Every code zbar finds in `image`, in zbar's order, as raw bytes with zbar's symbology number.
    func codes(in image: GreyImage) -> [(symbology: Int32, name: String, bytes: [UInt8])] {
        guard let scanner = scannerCreate() else { return [] }
        defer { scannerDestroy(scanner) }
        _ = setConfig(scanner, 0, 0, 0)  // ZBAR_NONE (every symbology), ZBAR_CFG_ENABLE, off; then the badges' own
        for symbology in ZbarScanner.badgeSymbologies { _ = setConfig(scanner, symbology, 0, 1) }
        guard let zimage = imageCreate() else { return [] }
        defer { imageDestroy(zimage) }  // no cleanup handler: the pixels stay ours, alive until here
        setFormat(zimage, ZbarScanner.y800)
        setSize(zimage, UInt32(image.width), UInt32(image.height))
        return image.pixels.withUnsafeBytes { pixels in
            setData(zimage, pixels.baseAddress, UInt(pixels.count), nil)
            guard scan(scanner, zimage) > 0 else { return [] }
            var found: [(Int32, String, [UInt8])] = []
            var symbol = firstSymbol(zimage)
            while let current = symbol {
                let kind = type(current) & 0xFF  // ZBAR_SYMBOL: the add-on flags masked off
                let bytes =
                    data(current).map { start in
                        UnsafeRawBufferPointer(start: start, count: Int(length(current))).map { $0 }
                    } ?? []
                found.append((kind, name(kind).map { String(cString: $0) } ?? "zbar \(kind)", bytes))
                symbol = nextSymbol(current)
            }
            return found
        }
    }
}
