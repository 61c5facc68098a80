-- Handover between laptops: a lead handed over to another laptop is no longer sent from here.
-- The new state joins lead.state's CHECK list by editing the table's stored SQL (SQLite's
-- documented procedure for widening a CHECK constraint): rebuilding the table instead would drop
-- the triggers other migrations put on it. Every existing row already satisfies the wider check.
PRAGMA writable_schema = ON;
UPDATE sqlite_master
SET sql = replace(sql, '''failed'', ''discarded'')', '''failed'', ''discarded'', ''handed_over'')')
WHERE type = 'table' AND name = 'lead';
PRAGMA writable_schema = RESET;
-- When the lead was handed over (also changes the schema version, so every connection rereads it).
ALTER TABLE lead ADD COLUMN handed_over_at REAL;
-- Housekeeping runs the daemon does on a schedule (the daily purge): when each last ran.
CREATE TABLE maintenance (
    kind TEXT PRIMARY KEY,
    at REAL NOT NULL
);
