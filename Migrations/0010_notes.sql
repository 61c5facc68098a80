-- Quick notes on leads already in the CRM, delivered as timeline comments through their own
-- outbox lane (a note on a lead not yet sent is appended to its COMMENTS instead).
CREATE TABLE note (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,                  -- the comment's marker line, for the lookup
    lead_id INTEGER NOT NULL REFERENCES lead(id) ON DELETE CASCADE,
    text TEXT NOT NULL,                         -- the comment exactly as sent
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sending', 'in_doubt', 'synced', 'failed')),
    remote_id INTEGER,                          -- the comment's ID on the portal
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL,                       -- unix seconds; NULL = due now (or look up now)
    send_started_at REAL,
    last_error_code TEXT,
    last_error_message TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    synced_at REAL
);
CREATE INDEX note_by_lead ON note(lead_id, id);
CREATE INDEX note_by_state ON note(state, id);
