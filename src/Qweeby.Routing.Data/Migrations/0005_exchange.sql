-- The invoice exchange: transmissions submitted here (with their document and route), their status
-- events, the transactional outbox the forwarding workers claim from, every delivery attempt, and
-- the inbox of the recipients hosted here. Times are written by the hosts (TimeProvider).

-- One invoice submitted here. (sender_entity_id, message_id) is the sender's idempotency key.
CREATE TABLE transmission (
    transmission_id      uuid PRIMARY KEY,
    sender_entity_id     uuid NOT NULL REFERENCES entity,
    message_id           text NOT NULL,
    -- The sender as given, normalized ("0009:..."): what the receiving access point sees.
    sender               text NOT NULL,
    -- The recipient as given: "0009:..." or "customer-number:...".
    recipient_reference  text NOT NULL,
    recipient_entity_id  uuid NOT NULL REFERENCES entity,
    -- The identifier forwarded to the recipient's access point; '' for a hosted recipient without one.
    recipient_id         text NOT NULL,
    document_type        text NOT NULL,
    process              text NOT NULL,
    invoice_number       text NOT NULL,
    issue_date           date NOT NULL,
    content_sha256       text NOT NULL,
    document             bytea NOT NULL,
    -- The route decided at submission.
    provider_id          text NOT NULL,
    provider_name        text NOT NULL,
    provider_endpoint    text NOT NULL,
    channel              text NOT NULL,
    chosen_because       text NOT NULL,
    status               text NOT NULL CHECK (status IN ('accepted','forwarding','delivered','failed','dead_lettered')),
    status_detail        text NOT NULL DEFAULT '',
    -- W3C traceparent of the submission: forwarding continues that trace.
    trace_parent         text,
    accepted_at          timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    -- The receiving side's receipt, once delivered.
    receipt_id           text,
    receipt_received_at  timestamptz,
    receipt_sha256       text,
    UNIQUE (sender_entity_id, message_id)
);
CREATE INDEX transmission_by_sender ON transmission (sender_entity_id, accepted_at DESC, transmission_id DESC);

-- Every status change. A sender's stream is read by seq, which a sequencer (one at a time, under an
-- advisory lock) gives committed events in its own short transactions: seq values become visible in
-- increasing order, so a reader resuming after a seq can never miss an event that commits later. A
-- cursor on event_id could (ids are taken at insert, transactions commit in any order), and one on the
-- oldest running transaction would stall every stream behind any long transaction in the cluster.
CREATE TABLE transmission_event (
    event_id          bigserial PRIMARY KEY,
    seq               bigint,
    transmission_id   uuid NOT NULL REFERENCES transmission,
    sender_entity_id  uuid NOT NULL,
    status            text NOT NULL,
    detail            text NOT NULL DEFAULT '',
    at                timestamptz NOT NULL
);
CREATE UNIQUE INDEX transmission_event_seq ON transmission_event (seq);
CREATE INDEX transmission_event_stream ON transmission_event (sender_entity_id, seq) WHERE seq IS NOT NULL;
CREATE INDEX transmission_event_unsequenced ON transmission_event (event_id) WHERE seq IS NULL;
CREATE INDEX transmission_event_of ON transmission_event (transmission_id, event_id);

-- Work to do. A claim pushes due_at out by the lease and stamps claim_token; a worker that died
-- leaves its rows to fall due again. Rows leave the outbox when their work is final.
-- kind 'invoice' forwards a transmission; later kinds (lifecycle statuses) share the same workers.
CREATE TABLE outbox (
    outbox_id        bigserial PRIMARY KEY,
    kind             text NOT NULL CHECK (kind IN ('invoice')),
    transmission_id  uuid NOT NULL REFERENCES transmission,
    due_at           timestamptz NOT NULL,
    attempts         integer NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    claim_token      uuid
);
CREATE INDEX outbox_due ON outbox (due_at);
-- A replay cannot queue an invoice twice.
CREATE UNIQUE INDEX outbox_one_invoice ON outbox (transmission_id) WHERE kind = 'invoice';

CREATE TABLE delivery_attempt (
    attempt_id       bigserial PRIMARY KEY,
    transmission_id  uuid NOT NULL REFERENCES transmission,
    attempt          integer NOT NULL,
    destination      text NOT NULL,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL,
    outcome          text NOT NULL CHECK (outcome IN ('delivered','retry','failed','dead_lettered')),
    error_code       text NOT NULL DEFAULT '',
    error_detail     text NOT NULL DEFAULT ''
);
CREATE INDEX delivery_attempt_of ON delivery_attempt (transmission_id, attempt_id);

-- What hosted recipients received: from partner access points (Receive) or from senders hosted here.
-- inbox_item_id is the transmission id of the receipt given. A partner's retry finds its first
-- delivery by (partner_id, sender, message_id) and gets the same receipt.
CREATE TABLE inbox_item (
    inbox_item_id           uuid PRIMARY KEY,
    inbox_seq               bigserial NOT NULL UNIQUE,
    recipient_entity_id     uuid NOT NULL REFERENCES entity,
    recipient_id            text NOT NULL,
    partner_id              text NOT NULL,
    sender                  text NOT NULL,
    message_id              text NOT NULL,
    document_type           text NOT NULL,
    process                 text NOT NULL,
    invoice_number          text NOT NULL,
    issue_date              date NOT NULL,
    content_sha256          text NOT NULL,
    document                bytea NOT NULL,
    source_transmission_id  uuid REFERENCES transmission,
    trace_parent            text,
    received_at             timestamptz NOT NULL,
    acknowledged_at         timestamptz,
    UNIQUE (partner_id, sender, message_id)
);
CREATE INDEX inbox_item_waiting ON inbox_item (recipient_entity_id, inbox_seq) WHERE acknowledged_at IS NULL;
CREATE INDEX inbox_item_of ON inbox_item (recipient_entity_id, inbox_seq);
