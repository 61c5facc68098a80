/// A lead on its way into the outbox, as every front door builds it: `leadbox add`, `import`, the
/// UI's save, a scanned badge, a handover file, a photo.
///
/// One value applies the event's rules in one order — the event's defaults fill what was not
/// typed, the title rule names an untitled lead, the answers and consent are written into their
/// fields, the rating is read from the answers — so no front door can forget a step or take them
/// in another order. `LeadStore.add` takes it and validates it inside the capture's transaction.
public struct CaptureRequest: Sendable, Equatable {
    /// The lead as it will be stored and sent.
    public private(set) var lead: Lead
    /// What a badge scanner or camera read, kept with the lead as it came.
    public private(set) var rawScan: String?
    /// The answers to the event's questions and the consent, stored with the lead.
    public private(set) var qualification: Qualification
    /// The rating answer (hot, warm, cold), for `list --rating`.
    public private(set) var rating: String?
    /// A card or badge photo kept with the lead and attached to its timeline once it is in the CRM.
    public private(set) var photo: LeadPhoto?

    /// Applies `profile` to `lead`. `applyingDefaults` is false for a lead that already went
    /// through a front door once (a handover file carries leads as they were captured).
    public init(
        lead: Lead, profile: EventProfile, qualification: Qualification = .none, rawScan: String? = nil,
        applyingDefaults: Bool = true, photo: LeadPhoto? = nil
    ) {
        var lead = lead
        if applyingDefaults { lead.applyDefaults(profile.defaults) }
        lead.fillTitleIfEmpty()
        profile.apply(qualification, to: &lead)
        self.lead = lead
        self.rawScan = rawScan
        self.qualification = qualification
        self.rating = profile.rating(of: qualification)
        self.photo = photo
    }

    /// A lead exactly as it was captured elsewhere, the event's rules already applied there (a
    /// handover file from another laptop, a lead re-read from an outbox): nothing is added.
    public init(
        asCaptured lead: Lead, rawScan: String? = nil, qualification: Qualification = .none, rating: String? = nil, photo: LeadPhoto? = nil
    ) {
        self.lead = lead
        self.rawScan = rawScan
        self.qualification = qualification
        self.rating = rating
        self.photo = photo
    }

    /// What would stop this lead from being saved with the portal's cached schema: the lead's own
    /// problems first, then the portal's (a required field left empty, an unknown list value).
    public func problems(against schema: PortalSchema?) -> [FieldProblem] {
        lead.problems(against: schema)
    }

    /// What is saved but worth a word (a phone that looks odd is kept as typed).
    public var warnings: [FieldProblem] { lead.warnings() }
}
