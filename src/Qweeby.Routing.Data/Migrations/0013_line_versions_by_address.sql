-- Every version of a SIREN's lines by address, superseded ones too: the admin API pages a SIREN's lines
-- and their history by address and line id (a SIREN with thousands of establishments has thousands of
-- lines; reading its history scanned the whole table), and routing reads the current versions at a few
-- addresses (a handful of versions each). It replaces the index of current versions only, so a line
-- written maintains no more indexes than before, and superseding a version (superseded_at is in no
-- index any more) can be a heap-only update.
CREATE INDEX directory_line_by_address ON directory_line (siren, address);
DROP INDEX directory_line_current_by_siren_address;
