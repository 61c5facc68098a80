import CHeif
import Glibc

/// HEIC (an iPhone's default photo format) and AVIF to grey through libheif's C API, opened at
/// run time like the other image libraries (Debian's `libheif1`, which brings the HEVC and AV1
/// decoders). The luma plane is the grey picture, as JPEG's is. libheif applies the file's own
/// rotation and mirroring (HEIF's `irot`/`imir`) while it decodes, so the picture comes upright.
struct HEIFDecoder {
    static let library = "libheif.so.1"
    static let package = "libheif1"

    private let allocate: cheif_context_alloc_fn
    private let free: cheif_context_free_fn
    private let read: cheif_read_from_memory_fn
    private let primary: cheif_primary_handle_fn
    private let handleWidth: cheif_handle_size_fn
    private let handleHeight: cheif_handle_size_fn
    private let decodeImage: cheif_decode_image_fn
    private let plane: cheif_plane_fn
    private let width: cheif_channel_size_fn
    private let height: cheif_channel_size_fn
    private let bits: cheif_channel_size_fn
    private let releaseImage: cheif_release_fn
    private let releaseHandle: cheif_release_fn

    init() throws(BadgeImageError) {
        let lib = try SharedLibrary(HEIFDecoder.library, package: HEIFDecoder.package, purpose: "Reading HEIC photos (an iPhone's own format)")
        allocate = try lib.function("heif_context_alloc", as: cheif_context_alloc_fn.self)
        free = try lib.function("heif_context_free", as: cheif_context_free_fn.self)
        read = try lib.function("heif_context_read_from_memory_without_copy", as: cheif_read_from_memory_fn.self)
        primary = try lib.function("heif_context_get_primary_image_handle", as: cheif_primary_handle_fn.self)
        handleWidth = try lib.function("heif_image_handle_get_width", as: cheif_handle_size_fn.self)
        handleHeight = try lib.function("heif_image_handle_get_height", as: cheif_handle_size_fn.self)
        decodeImage = try lib.function("heif_decode_image", as: cheif_decode_image_fn.self)
        plane = try lib.function("heif_image_get_plane_readonly", as: cheif_plane_fn.self)
        width = try lib.function("heif_image_get_width", as: cheif_channel_size_fn.self)
        height = try lib.function("heif_image_get_height", as: cheif_channel_size_fn.self)
        bits = try lib.function("heif_image_get_bits_per_pixel_range", as: cheif_channel_size_fn.self)
        releaseImage = try lib.function("heif_image_release", as: cheif_release_fn.self)
        releaseHandle = try lib.function("heif_image_handle_release", as: cheif_release_fn.self)
    }

    /// The photo's primary image in grey, upright; its size checked before it is decoded.
    func decode(_ bytes: [UInt8], source: String) throws(BadgeImageError) -> GreyImage {
        guard let context = allocate() else { throw .damaged(source: source, detail: "libheif could not start") }
        defer { free(context) }
        // libheif reads the bytes in place ("without copy"): they stay borrowed until it is freed.
        let result = bytes.withUnsafeBytes { buffer -> Result<GreyImage, BadgeImageError> in
            do throws(BadgeImageError) {
                return .success(try decode(context: context, buffer, source: source))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func decode(context: UnsafeMutableRawPointer, _ buffer: UnsafeRawBufferPointer, source: String) throws(BadgeImageError) -> GreyImage {
        try check(read(context, buffer.baseAddress, buffer.count, nil), source: source)
        var handle: UnsafeMutableRawPointer?
        try check(primary(context, &handle), source: source)
        guard let handle else { throw .damaged(source: source, detail: "libheif found no picture in it") }
        defer { releaseHandle(handle) }
        try ImageLimits.check(width: Int(handleWidth(handle)), height: Int(handleHeight(handle)), source: source)
        var image: UnsafeMutableRawPointer?
        try check(decodeImage(handle, &image, Int32(CHEIF_COLORSPACE_YCBCR), Int32(CHEIF_CHROMA_420), nil), source: source)
        guard let image else { throw .damaged(source: source, detail: "libheif decoded no picture") }
        defer { releaseImage(image) }
        return try luma(of: image, source: source)
    }

    /// The Y plane as 8-bit grey; a 10- or 12-bit photo (HDR) is scaled down to 8 bits.
    private func luma(of image: UnsafeMutableRawPointer, source: String) throws(BadgeImageError) -> GreyImage {
        let channel = Int32(CHEIF_CHANNEL_Y)
        let columns = Int(width(image, channel))
        let rows = Int(height(image, channel))
        try ImageLimits.check(width: columns, height: rows, source: source)
        var stride: Int32 = 0
        guard let data = plane(image, channel, &stride), stride > 0 else { throw .damaged(source: source, detail: "libheif gave no grey plane") }
        let depth = Int(bits(image, channel))
        guard Int(stride) >= columns * (depth > 8 ? 2 : 1) else {
            throw .damaged(source: source, detail: "libheif gave a grey plane narrower than the picture")
        }
        let plane = UnsafeRawBufferPointer(start: data, count: Int(stride) * rows)
        return HEIFDecoder.grey(plane: plane, width: columns, height: rows, stride: Int(stride), depth: depth)
    }

    /// A luma plane as 8-bit grey: 8-bit samples as they are; deeper ones (a 10- or 12-bit HDR
    /// photo), stored as 16-bit little-endian words, scaled down to 8 bits.
    static func grey(plane: UnsafeRawBufferPointer, width: Int, height: Int, stride: Int, depth: Int) -> GreyImage {
        var pixels = [UInt8](repeating: 0, count: width * height)
        for row in 0..<height {
            let line = row * stride
            if depth <= 8 {
                for column in 0..<width { pixels[row * width + column] = plane[line + column] }
            } else {
                for column in 0..<width {
                    let sample = Int(plane[line + 2 * column]) | Int(plane[line + 2 * column + 1]) << 8
                    pixels[row * width + column] = UInt8(min(255, sample >> (depth - 8)))
                }
            }
        }
        return GreyImage(width: width, height: height, pixels: pixels)
    }

    private func check(_ error: cheif_error, source: String) throws(BadgeImageError) {
        guard error.code != 0 else { return }
        let detail = error.message.map { String(cString: $0).trimmingEnds(" \n") } ?? "error \(error.code).\(error.subcode)"
        throw .damaged(source: source, detail: "libheif: " + detail)
    }
}
