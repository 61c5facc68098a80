import Foundation

/// A file held by a lead's file field: written with `fileData` by `crm.lead.update`, kept byte
/// for byte like a timeline attachment (`FakeFile`), replaced by the next write to the field.
public struct FakeFieldFile: Sendable, Equatable {
    public var id: Int
    public var leadID: Int
    public var field: String
    public var name: String
    public var bytes: [UInt8]

    /// The value `crm.lead.get` shows for the field: the file's ID and two links, never the bytes.
    var readJSON: PortalJSON {
        let query = "ownerId=\(leadID)&fieldName=\(field)&dynamic=Y&fileId=\(id)"
        return [
            "id": .int(id), "showUrl": .string("/bitrix/components/bitrix/crm.lead.show/show_file.php?\(query)"),
            "downloadUrl": .string("/bitrix/components/bitrix/crm.lead.show/show_file.php?auth=&\(query)"),
        ]
    }

    /// The control API's view (`GET /_control/field-files`): name, size and SHA-256 of the bytes.
    var controlJSON: PortalJSON {
        ["id": .int(id), "name": .string(name), "size": .int(bytes.count), "sha256": .string(FileDigest.sha256Hex(bytes))]
    }
}

/// The lead fields an admin added (`crm.lead.userfield.add`) and what leads hold in them; in
/// memory only, as timeline comments are (a restarted stand-in forgets them).
///
/// Kept apart from `LeadBook` so the stored leads keep the catalog's shape; `crm.lead.get` and
/// `crm.lead.fields` join the two.
struct UserFieldBook {
    private(set) var fields: [LeadCatalog.Field] = []
    /// Lead ID → field name → value in read form (a file field's value is its `FakeFieldFile`).
    private var values: [Int: [String: PortalJSON]] = [:]
    private(set) var files: [FakeFieldFile] = []
    /// Every file written to a field, replaced ones included: a test sees a resend by it.
    private(set) var fileWrites = 0
    private var nextFieldID = 1
    private var nextFileID = 1

    /// The types `crm.lead.userfield.add` takes here (the real portal has more).
    static let types: [String: LeadCatalog.Field.Kind] = ["string": .string, "integer": .integer, "double": .double, "file": .file]

    func field(_ name: String) -> LeadCatalog.Field? { fields.first { $0.name == name } }

    /// Adds a field and returns its ID.
    mutating func add(_ field: LeadCatalog.Field) -> Int {
        fields.append(field)
        defer { nextFieldID += 1 }
        return nextFieldID
    }

    /// Every user field's value on lead `leadID`, in the order the fields were added: a field
    /// the lead holds nothing in reads `""`, as the real portal answers an empty custom field.
    func members(leadID: Int) -> [PortalJSON.Member] {
        fields.map { .init($0.name, values[leadID]?[$0.name] ?? "") }
    }

    mutating func set(_ value: PortalJSON, field: String, leadID: Int) {
        files.removeAll { $0.leadID == leadID && $0.field == field }
        values[leadID, default: [:]][field] = value
    }

    /// Writes a file into `field` of lead `leadID`, replacing the file it held.
    mutating func write(name: String, bytes: [UInt8], field: String, leadID: Int) {
        let file = FakeFieldFile(id: nextFileID, leadID: leadID, field: field, name: name, bytes: bytes)
        nextFileID += 1
        fileWrites += 1
        set(file.readJSON, field: field, leadID: leadID)
        files.append(file)
    }
}

extension PortalState {
    /// `crm.lead.userfield.add`: `fields {FIELD_NAME, USER_TYPE_ID, LIST_COLUMN_LABEL, MULTIPLE}`
    /// → the new field's ID. FIELD_NAME `CARD_PHOTO` becomes `UF_CRM_CARD_PHOTO`, as on the
    /// portal. Types: string, integer, double, file; every field is single-valued here.
    func addUserField(_ params: PortalJSON) throws(RestError) -> Int {
        guard let fields = params["fields"], fields.members != nil else { throw RestError.crm("Parameter 'fields' must be array.") }
        guard let code = fields["FIELD_NAME"]?.scalarString?.uppercased(), !code.isEmpty,
            code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
        else { throw RestError.crm("FIELD_NAME must be Latin letters, digits and underscores.") }
        let name = code.hasPrefix("UF_CRM_") ? code : "UF_CRM_" + code
        guard LeadCatalog.fieldsByName[name] == nil, userFields.field(name) == nil else {
            throw RestError.crm("A field with the code \(name) already exists.")
        }
        let typeName = fields["USER_TYPE_ID"]?.scalarString ?? ""
        guard let kind = UserFieldBook.types[typeName] else { throw RestError.crm("The user field type \"\(typeName)\" is not known.") }
        let labelValue = fields["LIST_COLUMN_LABEL"] ?? fields["EDIT_FORM_LABEL"]
        let label = labelValue?.scalarString ?? labelValue?.elements?.first?.scalarString ?? name
        return userFields.add(LeadCatalog.Field(name: name, kind: kind, title: name, dynamicLabel: label))
    }

    /// `crm.lead.update`: `id` and `fields` → `true`. Writable scalar catalog fields are stored
    /// as `crm.lead.add` stores them and multifield entries are added; a file field takes
    /// `{"fileData": [name, base64]}` and replaces the file it held (null or `""` empties it).
    /// Unknown keys, unknown `UF_CRM_*` fields among them, vanish without an error, as on the
    /// portal: only reading the lead back shows what was kept.
    func updateLead(_ params: PortalJSON) throws(RestError) -> Bool {
        guard let id = (params["id"] ?? params["ID"])?.intValue, id > 0 else { throw RestError.crm("ID is not defined or invalid.") }
        guard var lead = book.lead(id: id) else { throw RestError.crm("Not found") }
        guard let input = params["fields"]?.members else { throw RestError.crm("Parameter 'fields' must be array.") }
        var fileWrites: [(field: String, name: String, bytes: [UInt8])] = []
        var userValues: [(field: String, value: PortalJSON)] = []
        for member in input {
            if let field = userFields.field(member.key) {
                if field.kind == .file {
                    if let data = member.value["fileData"] {
                        guard let pair = data.elements, pair.count >= 2, let name = pair[0].scalarString, !name.isEmpty,
                            let content = pair[1].scalarString
                        else { throw RestError.crm("fileData of \(field.name) must be a [name, content] pair.") }
                        guard let bytes = Data(base64Encoded: content) else { throw RestError.crm("The content of file \(name) is not base64.") }
                        fileWrites.append((field.name, name, [UInt8](bytes)))
                    } else if member.value == .null || member.value == "" {
                        userValues.append((field.name, ""))
                    }
                } else if let value = Self.internalize(member.value, as: field) {
                    userValues.append((field.name, value))
                }
            } else if let field = LeadCatalog.fieldsByName[member.key], !field.readOnly {
                if field.isMultifield {
                    let added = try multifieldEntries(field.name, member.value)
                    if !added.isEmpty { lead.set(field.name, .array((lead[field.name]?.elements ?? []) + added)) }
                } else if let value = Self.internalize(member.value, as: field) {
                    lead.set(field.name, value)
                }
            }
        }
        // Nothing is stored unless every value was readable: a refused update changes nothing.
        for write in fileWrites { userFields.write(name: write.name, bytes: write.bytes, field: write.field, leadID: id) }
        for entry in userValues { userFields.set(entry.value, field: entry.field, leadID: id) }
        lead.set("MODIFY_BY_ID", .string(String(settings.webhookUser)))
        lead.set("DATE_MODIFY", .string(PortalClock.isoString(Date())))
        book.replace(lead)
        return true
    }
}
