-- The streams' last number lives in one row that the numberer moves forward under its lock (see the
-- exchange migration), instead of being read back as max(seq) from both tables.
--
-- The row also keeps where a numbering starts looking for rows without a number: every row numbered
-- leaves a dead entry at the low end of the partial "unsequenced" indexes until VACUUM, which on these
-- ever-growing tables comes after a fifth of them has changed; a numbering that started at the lowest id
-- walked all of them (651 index pages to find nothing, 5 ms, after 400,000 invoices). It starts a window
-- below the highest id it numbered instead; a row whose transaction stayed open longer than that window
-- is found by the sequencer's periodic pass from the lowest id.
--
-- The numbering's own lock keeps numbers unique, so the unique indexes on seq alone were one more index
-- entry for every row numbered, and they offered stream reads a plan that scans every sender's events: a
-- stream is read through its sender's or recipient's (entity, seq) index. A timeline is read through its
-- unique (timeline_id, status_id) key and sorted by row_id (a handful of rows), so the separate
-- (timeline_id, row_id) index was a second entry for every status written and numbered.
CREATE TABLE stream_head (
    only_row       boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    seq            bigint NOT NULL,
    events_from    bigint NOT NULL,
    statuses_from  bigint NOT NULL
);
INSERT INTO stream_head (seq, events_from, statuses_from)
SELECT greatest((SELECT coalesce(max(seq), 0) FROM transmission_event), (SELECT coalesce(max(seq), 0) FROM lifecycle_status)), 0, 0;

DROP INDEX transmission_event_seq;
DROP INDEX lifecycle_status_seq;
DROP INDEX lifecycle_status_timeline;
