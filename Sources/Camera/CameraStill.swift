import BadgeImage

/// A still of the camera's current frame at full resolution, for the card reader (issue 21): the
/// grey picture zbar saw. The photo a lead keeps is made from it (`OutboxPhoto.jpeg`), small
/// enough for the outbox, rather than the camera's own JPEG.
public struct CameraStill: Sendable, Equatable {
    public let grey: GreyImage

    public init(grey: GreyImage) {
        self.grey = grey
    }
}
