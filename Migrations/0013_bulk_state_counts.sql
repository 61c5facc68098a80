-- The two moves a send makes for a whole batch, the claim (pending → sending) and the delivery
-- (sending → synced), are counted by the statements that make them, once per batch
-- (LeadStore.countMoves), instead of by this trigger once per lead: the trigger's two counter
-- updates were about 4 µs of SQLite's work per move, 8 of a delivered lead's (perf, issue 11).
-- Every other move is still counted here. Any new statement that claims or delivers leads must
-- count its moves the same way; a seeded test compares the counters with a full count after
-- every kind of write.
DROP TRIGGER state_count_update;
CREATE TRIGGER state_count_update AFTER UPDATE OF state ON lead
WHEN old.state != new.state
    AND NOT (old.state = 'pending' AND new.state = 'sending')
    AND NOT (old.state = 'sending' AND new.state = 'synced')
BEGIN
    UPDATE state_count SET n = n - 1 WHERE state = old.state;
    UPDATE state_count SET n = n + 1 WHERE state = new.state;
END;
