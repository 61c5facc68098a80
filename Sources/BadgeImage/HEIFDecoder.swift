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
    ///
    /// The declared size is what is checked: libheif 1.15 has no way to lower its own bound on
    /// what the HEVC stream inside may ask the decoder to allocate (about 32768 × 32768).
    func decode(_ bytes: [UInt8], source: String, brand: String = "heic") throws(BadgeImageError) -> GreyImage {
        // libheif reads the bytes in place ("without copy"), so the context lives and dies
        // inside the borrow.
        let result = bytes.withUnsafeBytes { buffer -> Result<GreyImage, BadgeImageError> in
            guard let context = allocate() else { return .failure(.damaged(source: source, detail: "libheif could not start")) }
            defer { free(context) }
            do throws(BadgeImageError) {
                return .success(try decode(context: context, buffer, source: source, brand: brand))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private func decode(
        context: UnsafeMutableRawPointer, _ buffer: UnsafeRawBufferPointer, source: String, brand: String
    ) throws(BadgeImageError) -> GreyImage {
        try check(read(context, buffer.baseAddress, buffer.count, nil), source: source, brand: brand)
        var handle: UnsafeMutableRawPointer?
        try check(primary(context, &handle), source: source, brand: brand)
        guard let handle else { throw .damaged(source: source, detail: "libheif found no picture in it") }
        defer { releaseHandle(handle) }
        try ImageLimits.check(width: Int(handleWidth(handle)), height: Int(handleHeight(handle)), source: source)
        var image: UnsafeMutableRawPointer?
        try check(decodeImage(handle, &image, Int32(CHEIF_COLORSPACE_YCBCR), Int32(CHEIF_CHROMA_420), nil), source: source, brand: brand)
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

    /// libheif's `heif_error_Unsupported_feature` with `heif_suberror_Unsupported_codec`, and
    /// `heif_suberror_No_matching_decoder_installed`: the photo is sound, but this libheif has no
    /// decoder for it (from libheif 1.16 the HEVC and AV1 decoders are packages of their own).
    static let unsupportedFeature: Int32 = 4
    static let unsupportedCodec: Int32 = 3001
    static let noMatchingDecoder: Int32 = 6003

    private func check(_ error: cheif_error, source: String, brand: String) throws(BadgeImageError) {
        if let failure = HEIFDecoder.failure(error, source: source, brand: brand) { throw failure }
    }

    /// What libheif's answer means for the person: nothing (success), a decoder to install, or
    /// a photo that cannot be read, in libheif's own words.
    static func failure(_ error: cheif_error, source: String, brand: String) -> BadgeImageError? {
        guard error.code != 0 else { return nil }
        if (error.code == unsupportedFeature && error.subcode == unsupportedCodec) || error.subcode == noMatchingDecoder {
            let av1 = brand.hasPrefix("avi")
            return .missingLibrary(
                library: av1 ? "libheif's AV1 decoder" : "libheif's HEVC decoder", package: av1 ? "libheif-plugin-dav1d" : "libheif-plugin-libde265",
                purpose: av1 ? "Reading AVIF photos" : "Reading HEIC photos (an iPhone's own format)")
        }
        let detail = error.message.map { String(cString: $0).trimmingEnds(" \n") } ?? "error \(error.code).\(error.subcode)"
        return .damaged(source: source, detail: "libheif: " + detail)
    }
}
