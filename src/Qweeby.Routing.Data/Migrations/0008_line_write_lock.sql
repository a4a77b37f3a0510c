-- Overlapping current lines at one address are now refused by the writers instead of the GiST
-- exclusion constraint, whose per-row maintenance was 80% of a mirror import's insert time. Every
-- writer that could make lines overlap holds the advisory lock of line writes (LineWriteLock: a mirror
-- batch alone, a single write shared, with its address's own lock) while it checks the current lines
-- and writes, so no two writers check one address against a state the other is changing.
ALTER TABLE directory_line DROP CONSTRAINT directory_line_no_overlap;
-- Every address starts with its SIREN, so one index serves both the reads by SIREN and the writers'
-- lookups by address (which name the SIREN too), one index fewer to maintain per line written.
DROP INDEX directory_line_current_by_siren;
CREATE INDEX directory_line_current_by_siren_address ON directory_line (siren, address) WHERE superseded_at IS NULL;
