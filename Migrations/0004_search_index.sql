-- Substring search in any script and case without scanning the outbox: an FTS5 trigram index
-- (rowid = lead.id) over what a booth worker searches by. `case_sensitive 0` folds Unicode case
-- (Cyrillic too, not only ASCII), so no folded copy is stored. E-mails and phones are separate
-- columns because a phone-number search must match phone digits only; values inside a column are
-- separated by a newline, which a search (trimmed, one line) never contains, so no match spans two.
--
-- Captures and edits write the row together with the lead's lead_contact rows
-- (`LeadStore.indexContacts`): one FTS insert per capture, where triggers on lead_contact would
-- rewrite the row once per e-mail and phone (measured: five times the cost). Deleting a lead,
-- whoever does it, removes its row through the trigger below.
CREATE VIRTUAL TABLE lead_search USING fts5(names, emails, phones, tokenize = 'trigram case_sensitive 0');

CREATE TRIGGER lead_search_delete AFTER DELETE ON lead BEGIN
    DELETE FROM lead_search WHERE rowid = old.id;
END;

-- Existing databases: index every lead already there.
INSERT INTO lead_search(rowid, names, emails, phones)
SELECT id, title || ' ' || person || ' ' || company,
       COALESCE((SELECT group_concat(value, char(10)) FROM lead_contact WHERE lead_id = lead.id AND kind = 'email'), ''),
       COALESCE((SELECT group_concat(value, char(10)) FROM lead_contact WHERE lead_id = lead.id AND kind = 'phone'), '')
FROM lead;
