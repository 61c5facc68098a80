-- Searching the outbox by title, person or company from the list screen and `list --search`.
CREATE INDEX lead_by_title ON lead(title COLLATE NOCASE);
-- Lets a screen ask "did anything change?" (MAX(updated_at)) without scanning the outbox.
CREATE INDEX lead_by_updated ON lead(updated_at);
