-- A line that has not started may be withdrawn (EndLine at its own start): its current version is superseded
-- with no successor, and a version recording the withdrawal (who, when) is written superseded at once, so the
-- history says what happened and no current version remains.
ALTER TABLE directory_line DROP CONSTRAINT directory_line_change_check;
ALTER TABLE directory_line ADD CONSTRAINT directory_line_change_check
    CHECK (change IN ('created','changed','ended','switched','imported','withdrawn'));
