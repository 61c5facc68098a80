import BadgeImage

/// A still of the camera's current frame at full resolution, for the card reader (issue 21):
/// the grey picture zbar saw and the same frame as a JPEG (the camera's own bytes for MJPEG,
/// the grey picture encoded for YUYV).
public struct CameraStill: Sendable, Equatable {
    public let grey: GreyImage
    public let jpeg: [UInt8]

    public init(grey: GreyImage, jpeg: [UInt8]) {
        self.grey = grey
        self.jpeg = jpeg
    }

    init(frame: Frame, grey: GreyImage) throws(CameraError) {
        self.grey = grey
        switch frame.format {
        case .mjpeg:
            jpeg = frame.bytes
        case .yuyv:
            let encoder: JPEGEncoder
            do { encoder = try JPEGEncoder() } catch { throw .library(error) }
            jpeg = encoder.encode(grey) ?? []
        }
    }
}
