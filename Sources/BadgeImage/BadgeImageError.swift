import LeadCore

/// Why a badge photo could not be read, as one sentence that says what to do.
public enum BadgeImageError: Error, Equatable, UserFacingError {
    /// A library this needs is not installed; `package` is the Debian package that brings it.
    case missingLibrary(library: String, package: String, purpose: String)
    /// The file does not exist or cannot be opened.
    case unreadable(source: String, reason: String)
    /// The bytes are not JPEG, PNG or HEIF.
    case notAnImage(source: String)
    /// The image is damaged or cut short; `detail` is the decoder's own word.
    case damaged(source: String, detail: String)
    /// The file or the picture is larger than a phone photo can be.
    case tooLarge(source: String, what: String)

    public var description: String {
        switch self {
        case .missingLibrary(let library, let package, let purpose):
            "\(purpose) needs \(library), which is not installed; install it with `sudo apt-get install \(package)`."
        case .unreadable(let source, let reason):
            "\(source) cannot be read (\(reason)); check the path and its permissions."
        case .notAnImage(let source):
            "\(source) is not a JPEG, PNG or HEIC image; give a photo of the badge or card."
        case .damaged(let source, let detail):
            "\(source) is damaged or cut short (\(detail)); send or take the photo again."
        case .tooLarge(let source, let what):
            "\(source) is \(what), more than a phone photo; send a smaller copy of the photo."
        }
    }

    public var exitStatus: ExitStatus {
        switch self {
        case .missingLibrary: .configuration
        case .unreadable: .cannotRead
        case .notAnImage, .damaged, .tooLarge: .dataError
        }
    }
}
