/// PNG to grey through libpng's simplified API, opened at run time. The `png_image` control
/// structure is laid out by hand (its C declaration is fixed since libpng 1.6.0): a pointer, seven
/// 32-bit fields, a 64-byte message.
struct PNGDecoder {
    private typealias Begin = @convention(c) (UnsafeMutableRawPointer?, UnsafeRawPointer?, Int) -> Int32
    private typealias Finish =
        @convention(c) (UnsafeMutableRawPointer?, UnsafeRawPointer?, UnsafeMutableRawPointer?, Int32, UnsafeMutableRawPointer?) -> Int32
    private typealias Free = @convention(c) (UnsafeMutableRawPointer?) -> Void

    private let begin: Begin
    private let finish: Finish
    private let free: Free

    static let library = "libpng16.so.16"
    static let package = "libpng16-16"

    private enum Offset {
        static let version = 8, width = 12, height = 16, format = 20, message = 36, size = 104
    }
    private static let imageVersion: UInt32 = 1  // PNG_IMAGE_VERSION
    private static let formatGrey: UInt32 = 0  // PNG_FORMAT_GRAY

    init() throws(BadgeImageError) {
        let lib = try SharedLibrary(PNGDecoder.library, package: PNGDecoder.package, purpose: "Reading PNG pictures")
        begin = try lib.function("png_image_begin_read_from_memory", as: Begin.self)
        finish = try lib.function("png_image_finish_read", as: Finish.self)
        free = try lib.function("png_image_free", as: Free.self)
    }

    /// The PNG's pixels in grey; transparent parts shown on white, as a viewer shows them.
    func decode(_ bytes: [UInt8], source: String) throws(BadgeImageError) -> GreyImage {
        let control = UnsafeMutableRawPointer.allocate(byteCount: Offset.size, alignment: 8)
        control.initializeMemory(as: UInt8.self, repeating: 0, count: Offset.size)
        defer {
            free(control)
            control.deallocate()
        }
        control.storeBytes(of: PNGDecoder.imageVersion, toByteOffset: Offset.version, as: UInt32.self)
        let began = bytes.withUnsafeBytes { begin(control, $0.baseAddress, $0.count) }
        guard began != 0 else { throw .damaged(source: source, detail: message(control)) }
        let width = Int(control.load(fromByteOffset: Offset.width, as: UInt32.self))
        let height = Int(control.load(fromByteOffset: Offset.height, as: UInt32.self))
        try ImageLimits.check(width: width, height: height, source: source)
        control.storeBytes(of: PNGDecoder.formatGrey, toByteOffset: Offset.format, as: UInt32.self)
        var pixels = [UInt8](repeating: 255, count: width * height)
        let white: [UInt8] = [255, 255, 255, 255]  // png_color: red, green, blue (bytes)
        let done = pixels.withUnsafeMutableBytes { output in
            white.withUnsafeBytes { background in
                finish(control, background.baseAddress, output.baseAddress, Int32(width), nil)
            }
        }
        guard done != 0 else { throw .damaged(source: source, detail: message(control)) }
        return GreyImage(width: width, height: height, pixels: pixels)
    }

    private func message(_ control: UnsafeMutableRawPointer) -> String {
        let bytes = (0..<64).map { control.load(fromByteOffset: Offset.message + $0, as: UInt8.self) }
        let text = String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        return text.isEmpty ? "libpng gave no reason" : "libpng: " + text
    }
}
