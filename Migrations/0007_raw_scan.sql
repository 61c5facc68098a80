-- The text a badge scanner typed, kept with the lead so badge data can be reconciled after the
-- show (NULL for leads typed, added or imported).
ALTER TABLE lead ADD COLUMN raw_scan TEXT;
