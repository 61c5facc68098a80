-- 0009 added the handed_over state after 0005 had listed the states it counts: give it its
-- counter row, so `status` and the status line count handed-over leads without a scan.
INSERT OR IGNORE INTO state_count(state, n)
VALUES ('handed_over', (SELECT COUNT(*) FROM lead WHERE state = 'handed_over'));
