-- A status's place in its recipient's stream, apart from its place in its sender's. An invoice for a recipient
-- hosted here is numbered at Submit, when only its sender is known (its 200; a supplier's status set before the
-- delivery), and its local delivery attaches those rows to the recipient later, when the recipient may already
-- have read past their numbers: with one number for both streams the recipient never saw them. Such a row now gets
-- a recipient number when it is attached, from the same counter, so it comes after everything the recipient has
-- read; a row whose recipient is known when it is numbered gets one number for both streams, as before.
ALTER TABLE lifecycle_status ADD COLUMN recipient_seq bigint;
UPDATE lifecycle_status SET recipient_seq = seq WHERE recipient_entity_id IS NOT NULL AND seq IS NOT NULL;

DROP INDEX lifecycle_status_recipient_stream;
CREATE INDEX lifecycle_status_recipient_stream ON lifecycle_status (recipient_entity_id, recipient_seq) WHERE recipient_seq IS NOT NULL;

-- Rows attached since they were numbered, waiting for their recipient number: the local delivery queues them, the
-- numbering takes them whatever their id (an invoice may wait in the outbox far longer than the numbering's window
-- below the ids it last numbered). A queue of its own, not a partial index on lifecycle_status: every row numbered
-- would leave a dead entry at the low end of that index until VACUUM, which on that table comes rarely (see 0012);
-- this small table is vacuumed often.
CREATE TABLE status_attached (row_id bigint PRIMARY KEY);
