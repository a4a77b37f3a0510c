-- Invoice lifecycle statuses (French reform, AFNOR XP Z12-012): each invoice's timeline on this
-- access point, streamed with the transmission events, and forwarded to the access point at the other
-- end of the invoice through the outbox (kind 'status'). Times are written by the hosts (TimeProvider).

-- One status of one invoice as this access point knows it. An invoice submitted here keeps its
-- timeline on its transmission, one received from a partner on its inbox item, one between two
-- entities hosted here on both (the same rows, linked to the inbox item when it is delivered).
-- timeline_id keys the timeline; status_id is chosen where the status was created and is the same on
-- every access point, so a repeat is recognised. Order on the timeline is row_id (the order this
-- access point learnt of them); seq is the place in the streams, given by the event sequencer exactly
-- as for transmission_event (see the exchange migration).
CREATE TABLE lifecycle_status (
    row_id               bigserial PRIMARY KEY,
    seq                  bigint,
    transmission_id      uuid REFERENCES transmission,
    inbox_item_id        uuid REFERENCES inbox_item,
    timeline_id          uuid NOT NULL GENERATED ALWAYS AS (coalesce(transmission_id, inbox_item_id)) STORED,
    -- Whose streams show it: the sender's (WatchTransmissions) and the recipient's (WatchInbox).
    sender_entity_id     uuid,
    recipient_entity_id  uuid,
    status_id            uuid NOT NULL,
    code                 smallint NOT NULL
        CHECK (code IN (200, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 211, 212, 213, 214, 220, 221, 224, 225)),
    at                   timestamptz NOT NULL,
    set_by               text NOT NULL CHECK (set_by IN ('platform', 'buyer', 'supplier')),
    set_by_caller        text NOT NULL,
    platform_id          text NOT NULL,
    reason_code          text NOT NULL DEFAULT '',
    reason               text NOT NULL DEFAULT '',
    amount               numeric(19, 4),
    currency             text,
    recorded_at          timestamptz NOT NULL,
    -- Its way to the other end's access point; null state: it does not travel from here.
    delivery_state       text CHECK (delivery_state IN ('pending', 'delivered', 'failed', 'dead_lettered')),
    delivery_to          text,
    delivery_endpoint    text,
    delivery_attempts    integer NOT NULL DEFAULT 0,
    delivery_detail      text NOT NULL DEFAULT '',
    CHECK ((amount IS NULL) = (currency IS NULL)),
    CHECK ((delivery_state IS NULL) = (delivery_to IS NULL)),
    UNIQUE (timeline_id, status_id)
);
CREATE UNIQUE INDEX lifecycle_status_seq ON lifecycle_status (seq);
CREATE INDEX lifecycle_status_timeline ON lifecycle_status (timeline_id, row_id);
CREATE INDEX lifecycle_status_unsequenced ON lifecycle_status (row_id) WHERE seq IS NULL;
CREATE INDEX lifecycle_status_sender_stream ON lifecycle_status (sender_entity_id, seq)
    WHERE seq IS NOT NULL AND sender_entity_id IS NOT NULL;
CREATE INDEX lifecycle_status_recipient_stream ON lifecycle_status (recipient_entity_id, seq)
    WHERE seq IS NOT NULL AND recipient_entity_id IS NOT NULL;

-- The outbox carries statuses too. Every row names its invoice's timeline: a status waits until every
-- older row of the same timeline (the invoice itself, earlier statuses) has left the outbox, so a
-- partner receives an invoice's statuses in order, and never before the invoice.
ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('invoice', 'status'));
ALTER TABLE outbox ALTER COLUMN transmission_id DROP NOT NULL;
ALTER TABLE outbox ADD COLUMN status_row_id bigint REFERENCES lifecycle_status;
ALTER TABLE outbox ADD COLUMN timeline_id uuid;
UPDATE outbox SET timeline_id = transmission_id;
ALTER TABLE outbox ALTER COLUMN timeline_id SET NOT NULL;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_row
    CHECK ((kind = 'invoice') = (transmission_id IS NOT NULL) AND (kind = 'status') = (status_row_id IS NOT NULL));
CREATE UNIQUE INDEX outbox_one_status ON outbox (status_row_id) WHERE kind = 'status';
CREATE INDEX outbox_timeline ON outbox (timeline_id, outbox_id);

-- A partner's status names its invoice by sender and message id.
CREATE INDEX transmission_by_message ON transmission (message_id, sender);
-- Local deliveries and hosted invoices' timelines find the inbox item of a transmission.
CREATE INDEX inbox_item_source ON inbox_item (source_transmission_id) WHERE source_transmission_id IS NOT NULL;
