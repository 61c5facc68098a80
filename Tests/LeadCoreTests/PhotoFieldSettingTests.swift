import LeadCore
import Testing

/// `event.photo_field`: the custom file field a card photo is written into instead of a timeline
/// comment. Set, written and read back, cleared by an empty value, refused when it names no
/// custom field, and checked against the portal's cached schema.
struct PhotoFieldSettingTests {
    @Test func thePhotoFieldRoundTripsThroughTOMLAndAnEmptyValueClearsIt() throws {
        var settings = Settings()
        #expect(settings.event.photoField == nil)
        try settings.set("event.photo_field", " uf_crm_card_photo ")
        #expect(settings.event.photoField == "UF_CRM_CARD_PHOTO")
        #expect(settings.toml.contains("photo_field = \"UF_CRM_CARD_PHOTO\""))
        #expect(try Settings(toml: settings.toml).event.photoField == "UF_CRM_CARD_PHOTO")
        try settings.set("event.photo_field", "")
        #expect(settings.event.photoField == nil)
        #expect(!settings.toml.contains("photo_field"))
        #expect(Settings.keys.contains("event.photo_field"))
    }

    @Test func aFileWrittenByHandIsReadAndAnEmptyValueMeansTheTimeline() throws {
        let set = try Settings(toml: "[event]\nphoto_field = \"UF_CRM_PHOTO\"\nscan_field = \"UF_CRM_BADGE\"\n")
        #expect(set.event.photoField == "UF_CRM_PHOTO")
        #expect(set.event.scanField == "UF_CRM_BADGE")
        #expect(try Settings(toml: "[event]\nphoto_field = \"\"\n").event.photoField == nil)
    }

    @Test func aStandardFieldOrAWordIsRefusedInOneSentence() {
        for value in ["COMMENTS", "photo", "UF_CRM_", "UF_CRM_КАРТА"] {
            var settings = Settings()
            #expect(
                throws: ConfigError(
                    "photo_field must name a custom file field such as UF_CRM_CARD_PHOTO, or be empty to send photos as timeline comments; \"\(value)\" is not one."
                )
            ) { try settings.set("event.photo_field", value) }
            #expect(settings.event.photoField == nil)
        }
        #expect(throws: ConfigError.self) { try Settings(toml: "[event]\nphoto_field = \"COMMENTS\"\n") }
    }

    @Test func theProblemNamesAMissingFieldOrOneOfAnotherTypeAndNeverStopsACapture() {
        #expect(EventProfile.photoFieldProblem("UF_CRM_PHOTO", type: "file") == nil)
        #expect(
            EventProfile.photoFieldProblem("UF_CRM_NOTE", type: "string")
                == "event.photo_field names UF_CRM_NOTE, a field of type string that cannot hold a photo; name a field of type File, or run `leadbox config set event.photo_field \"\"` to send photos as timeline comments."
        )
        #expect(
            EventProfile.photoFieldProblem("UF_CRM_GONE", type: nil)?.hasPrefix(
                "event.photo_field names UF_CRM_GONE, which this portal has no field for")
                == true)
        // A wrong photo field costs the photo, not the lead: the capture's schema check ignores it.
        var profile = EventProfile.standard
        profile.photoField = "UF_CRM_GONE"
        #expect(profile.problems(against: PortalSchema(fieldNames: ["TITLE"], customFields: [], statuses: [:])).isEmpty)
    }
}
