-- The one photo a lead can carry (a business card, a badge), delivered as a file on the lead's
-- timeline: a note whose comment has an attachment, so it goes through the note lane (its states,
-- its marker, its lookup before any resend). The bytes live beside the note rather than in it, so
-- the lane's queries and the screens that list notes never read them.
CREATE TABLE note_file (
    note_id INTEGER PRIMARY KEY REFERENCES note(id) ON DELETE CASCADE,
    name TEXT NOT NULL,                         -- the attachment's file name on the portal
    bytes BLOB NOT NULL                         -- the JPEG, byte for byte (at most 300 KB)
);
