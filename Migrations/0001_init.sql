-- The outbox: one row per captured lead, carrying everything sync needs.
CREATE TABLE lead (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid TEXT NOT NULL UNIQUE,                  -- sent as ORIGIN_ID
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'sending', 'in_doubt', 'synced', 'failed', 'discarded')),
    fields TEXT NOT NULL,                       -- JSON: the `fields` object of crm.lead.add
    options TEXT NOT NULL DEFAULT '{}',         -- JSON: the `params` object (REGISTER_SONET_EVENT)
    title TEXT NOT NULL DEFAULT '',             -- copies for listing and search
    person TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL,                       -- unix seconds; NULL = due now
    send_started_at REAL,
    remote_id INTEGER,
    last_error_code TEXT,
    last_error_message TEXT,
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL,
    synced_at REAL
);
CREATE INDEX lead_by_state ON lead(state, id);
CREATE INDEX lead_by_created ON lead(created_at);
CREATE INDEX lead_due ON lead(next_attempt_at, id) WHERE state = 'pending';

-- E-mail addresses and phone digits of every lead, for the local duplicate warning.
CREATE TABLE lead_contact (
    lead_id INTEGER NOT NULL REFERENCES lead(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('email', 'phone')),
    value TEXT NOT NULL
);
CREATE INDEX lead_contact_lookup ON lead_contact(kind, value);
CREATE INDEX lead_contact_by_lead ON lead_contact(lead_id);

-- Every delivery attempt, for the detail view.
CREATE TABLE attempt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    lead_id INTEGER NOT NULL REFERENCES lead(id) ON DELETE CASCADE,
    at REAL NOT NULL,
    outcome TEXT NOT NULL,
    http_status INTEGER,
    error_code TEXT,
    message TEXT
);
CREATE INDEX attempt_by_lead ON attempt(lead_id, id);

-- What the sync engine knows about the portal, so every process shows the same truth.
CREATE TABLE portal_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    state TEXT NOT NULL,                        -- online, offline, paused, not_configured, idle
    reason TEXT,
    next_attempt_at REAL,
    last_success_at REAL,
    updated_at REAL NOT NULL,
    engine_pid INTEGER
);

-- Cached portal metadata (crm.lead.fields, crm.status.list) for offline validation.
CREATE TABLE portal_cache (
    kind TEXT PRIMARY KEY,
    json TEXT NOT NULL,
    fetched_at REAL NOT NULL
);

-- OAuth token pairs rotate on every refresh; the newest pair must survive a crash.
CREATE TABLE oauth_token (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    access_token TEXT NOT NULL,
    refresh_token TEXT NOT NULL,
    updated_at REAL NOT NULL
);

-- The terminal UI's form in progress, so typing survives a crash or a closed terminal.
CREATE TABLE draft (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    json TEXT NOT NULL,
    updated_at REAL NOT NULL
);
