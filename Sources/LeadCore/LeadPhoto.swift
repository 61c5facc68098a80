/// The one photo a lead can carry (a business card or a badge), delivered once the lead is in
/// the CRM as a file on its timeline.
///
/// The image code downscales a photo before it gets here; this type only checks what it is
/// given, because a photo that slips past that code would otherwise fail far from its cause: in
/// the outbox, or as a 300 KB comment the portal refuses hours later at the show.
public struct LeadPhoto: Sendable, Equatable {
    /// The most bytes a photo may have: a downscaled card photo is well under it, and a larger
    /// body would hold up the portal's request queue for every lead behind it.
    public static let maximumBytes = 300 * 1024

    /// The attachment's name on the portal: a plain file name ending in `.jpg` or `.jpeg`.
    public let fileName: String
    /// The JPEG file, byte for byte.
    public let jpeg: [UInt8]

    /// Takes `jpeg` as it is. `fileName` keeps only its last path component and gains `.jpg`
    /// when it has no JPEG extension (the portal names the file by it); an empty name becomes
    /// `photo.jpg`. Throws when the bytes are no JPEG or over `maximumBytes`: the caller should
    /// have downscaled the photo, so this is the caller's mistake, reported rather than crashed on.
    public init(fileName: String, jpeg: [UInt8]) throws(LeadPhotoError) {
        guard jpeg.count >= 3, jpeg[0] == 0xFF, jpeg[1] == 0xD8, jpeg[2] == 0xFF else {
            throw LeadPhotoError("The photo \"\(fileName.escapedForTerminal)\" is not a JPEG file (it must start with FF D8 FF).")
        }
        guard jpeg.count <= LeadPhoto.maximumBytes else {
            throw LeadPhotoError(
                "The photo \"\(fileName.escapedForTerminal)\" has \(jpeg.count) bytes, more than the \(LeadPhoto.maximumBytes) a lead can carry; downscale it first."
            )
        }
        self.fileName = LeadPhoto.attachmentName(fileName)
        self.jpeg = jpeg
    }

    /// The text of the timeline comment that carries the photo (before its stamp and marker).
    public var commentText: String { "Photo taken at capture (\(fileName))" }

    /// `name` as the attachment's file name: no folders, no control characters, a JPEG extension.
    static func attachmentName(_ name: String) -> String {
        let base = name.split(separator: "/").last.map(String.init) ?? ""
        let cleaned = String(String.UnicodeScalarView(base.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F })).trimmingSpaces
        guard !cleaned.isEmpty, cleaned != ".", cleaned != ".." else { return "photo.jpg" }
        let lower = cleaned.lowercased()
        return lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg") ? cleaned : cleaned + ".jpg"
    }
}

/// A photo handed to a lead that is no JPEG or too large: a mistake of the code that made it.
public struct LeadPhotoError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension LeadPhotoError: UserFacingError {
    public var exitStatus: ExitStatus { .dataError }
}
