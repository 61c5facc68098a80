-- How many leads are in each state, kept by the outbox on every write, so `status`, the status
-- line and the sync progress read six rows instead of counting a million.
CREATE TABLE state_count (
    state TEXT PRIMARY KEY,
    n INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO state_count(state, n)
SELECT s.state, (SELECT COUNT(*) FROM lead WHERE lead.state = s.state)
FROM (SELECT 'pending' AS state UNION ALL SELECT 'sending' UNION ALL SELECT 'in_doubt'
      UNION ALL SELECT 'synced' UNION ALL SELECT 'failed' UNION ALL SELECT 'discarded') AS s;

CREATE TRIGGER state_count_insert AFTER INSERT ON lead BEGIN
    UPDATE state_count SET n = n + 1 WHERE state = new.state;
END;
CREATE TRIGGER state_count_update AFTER UPDATE OF state ON lead WHEN old.state != new.state BEGIN
    UPDATE state_count SET n = n - 1 WHERE state = old.state;
    UPDATE state_count SET n = n + 1 WHERE state = new.state;
END;
CREATE TRIGGER state_count_delete AFTER DELETE ON lead BEGIN
    UPDATE state_count SET n = n - 1 WHERE state = old.state;
END;
