import BadgeImage
import Camera
import ContactInput
import LeadCore

/// What the card reader made of F7's still: the fields and confidences, and the photo that goes
/// with the lead (the same ≤ 300 KB JPEG `add --photo` keeps).
struct CardAnswer: Sendable {
    let reading: BusinessCardReading
    let photo: LeadPhoto?

    /// Reads `still` with Tesseract (seconds: run off the input thread). A photo that cannot be
    /// made small enough is left out, and the banner says so; the reading still fills the form.
    init(reading still: CameraStill) throws(BadgeImageError) {
        reading = try CardPhoto.read(still.grey).reading
        photo = (try? OutboxPhoto.jpeg(of: still.grey)).flatMap { try? LeadPhoto(fileName: "card.jpg", jpeg: $0) }
    }
}
