-- What the visitor answered at the booth (issue 10), kept with the lead besides the fields the
-- answers were written into: `answers` is {"question key": ["value", ...]}, `consent` is
-- {"given", "version", "at"} or NULL when none was asked, `rating` (hot, warm, cold) is the rating
-- question's answer, a column of its own so `list --rating` is an indexed filter.
ALTER TABLE lead ADD COLUMN answers TEXT NOT NULL DEFAULT '{}';
ALTER TABLE lead ADD COLUMN consent TEXT;
ALTER TABLE lead ADD COLUMN rating TEXT;
CREATE INDEX lead_rating ON lead(rating, id) WHERE rating IS NOT NULL;
