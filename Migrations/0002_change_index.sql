-- Lets a screen ask "did anything change?" (MAX(updated_at)) without scanning the outbox.
CREATE INDEX lead_by_updated ON lead(updated_at);
