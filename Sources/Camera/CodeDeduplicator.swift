import BadgeImage

/// Whether a code read from a frame is news: a badge held to the camera is in thirty frames a
/// second, and one read must fill the form once, not thirty times. A code counts again only after
/// a frame without it (the badge was taken away and shown again).
public struct CodeDeduplicator: Sendable, Equatable {
    private var previous: String?

    public init() {}

    /// The frame's code if the frame before did not hold the same text; nil otherwise.
    public mutating func fresh(_ code: BadgeCode?) -> BadgeCode? {
        defer { previous = code?.text }
        guard let code, code.text != previous else { return nil }
        return code
    }
}
