/// JPEG to grey through libjpeg-turbo's TurboJPEG API, opened at run time.
struct JPEGDecoder {
    private typealias Init = @convention(c) () -> UnsafeMutableRawPointer?
    private typealias Header =
        @convention(c) (
            UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, UInt,
            UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?,
            UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?
        ) -> Int32
    private typealias Decompress =
        @convention(c) (
            UnsafeMutableRawPointer?, UnsafePointer<UInt8>?, UInt,
            UnsafeMutablePointer<UInt8>?, Int32, Int32, Int32, Int32, Int32
        ) -> Int32
    private typealias Destroy = @convention(c) (UnsafeMutableRawPointer?) -> Int32
    private typealias ErrorText = @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutablePointer<CChar>?

    private let initDecompress: Init
    private let header: Header
    private let decompress: Decompress
    private let destroy: Destroy
    private let errorText: ErrorText

    static let library = "libturbojpeg.so.0"
    static let package = "libturbojpeg0"
    /// TurboJPEG's TJPF_GRAY.
    private static let grey: Int32 = 6

    init() throws(BadgeImageError) {
        let lib = try SharedLibrary(JPEGDecoder.library, package: JPEGDecoder.package, purpose: "Reading JPEG photos")
        initDecompress = try lib.function("tjInitDecompress", as: Init.self)
        header = try lib.function("tjDecompressHeader3", as: Header.self)
        decompress = try lib.function("tjDecompress2", as: Decompress.self)
        destroy = try lib.function("tjDestroy", as: Destroy.self)
        errorText = try lib.function("tjGetErrorStr2", as: ErrorText.self)
    }

    /// The JPEG's pixels in grey, as stored (EXIF orientation is applied by the caller). A
    /// warning from libjpeg (a file cut short, a damaged block) is an error: the picture would be
    /// partly grey filler, and the person should send the photo again.
    func decode(_ bytes: [UInt8], source: String) throws(BadgeImageError) -> GreyImage {
        guard let handle = initDecompress() else { throw .damaged(source: source, detail: "libjpeg could not start") }
        defer { _ = destroy(handle) }
        var width: Int32 = 0
        var height: Int32 = 0
        var subsampling: Int32 = 0
        var colorspace: Int32 = 0
        let headerStatus = bytes.withUnsafeBufferPointer {
            header(handle, $0.baseAddress, UInt($0.count), &width, &height, &subsampling, &colorspace)
        }
        guard headerStatus == 0 else { throw .damaged(source: source, detail: message(handle)) }
        try ImageLimits.check(width: Int(width), height: Int(height), source: source)
        var pixels = [UInt8](repeating: 0, count: Int(width) * Int(height))
        let status = bytes.withUnsafeBufferPointer { input in
            pixels.withUnsafeMutableBufferPointer { output in
                decompress(handle, input.baseAddress, UInt(input.count), output.baseAddress, width, width, height, JPEGDecoder.grey, 0)
            }
        }
        guard status == 0 else { throw .damaged(source: source, detail: message(handle)) }
        return GreyImage(width: Int(width), height: Int(height), pixels: pixels)
    }

    private func message(_ handle: UnsafeMutableRawPointer) -> String {
        guard let text = errorText(handle) else { return "libjpeg gave no reason" }
        return "libjpeg: " + String(cString: text).trimmingEnds(" \n.")
    }
}

extension String {
    /// The text without the given characters at either end.
    func trimmingEnds(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
