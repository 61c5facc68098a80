-- The screens' "did anything change?" is now SQLite's own `PRAGMA data_version`, read on a
-- connection that never writes (LeadStore.changeToken), which also sees deletions. The index
-- 0002 kept for MAX(updated_at) cost two B-tree changes on every state change of every lead:
-- a claim and a delivery each (perf, issue 11).
DROP INDEX IF EXISTS lead_by_updated;
