-- "Sent today" for the status line and `status`: a range over today's syncs, not a scan of all.
CREATE INDEX lead_synced_at ON lead(synced_at) WHERE state = 'synced';
