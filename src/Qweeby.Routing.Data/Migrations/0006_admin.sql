-- Administration (issue 5): the audit of every admin change, routing activation towards recipients at
-- other providers, and who is waiting in a receiver's supplier directory.

-- Every change made through the admin host, written in the transaction of the change itself.
-- actor is the caller's id (key:<key id>); entity_id the entity the change concerns (null for a
-- service provider); subject names the record ("entity:…", "customer_entry:…", "provider:…").
-- before/after are the record's JSON before and after (null when created or deleted).
CREATE TABLE admin_audit (
    audit_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at  timestamptz NOT NULL,
    actor        text NOT NULL,
    action       text NOT NULL,
    entity_id    uuid,
    subject      text NOT NULL,
    before       jsonb,
    after        jsonb
);
-- Queries filter by entity, by actor or by time alone, newest first; audit_id breaks ties for paging.
CREATE INDEX admin_audit_entity ON admin_audit (entity_id, occurred_at DESC, audit_id DESC) WHERE entity_id IS NOT NULL;
CREATE INDEX admin_audit_actor ON admin_audit (actor, occurred_at DESC, audit_id DESC);
CREATE INDEX admin_audit_time ON admin_audit (occurred_at DESC, audit_id DESC);

-- Routing activation: a supplier asks to reach a customer hosted at another provider; that provider
-- accepts; then the route is active. One record per supplier -> customer pair.
CREATE TABLE routing_activation (
    supplier_id   uuid NOT NULL REFERENCES entity,
    customer_id   uuid NOT NULL REFERENCES entity,
    provider_id   text NOT NULL REFERENCES service_provider,
    state         text NOT NULL CHECK (state IN ('requested','accepted','active')),
    requested_at  timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (supplier_id, customer_id)
);
CREATE INDEX routing_activation_customer ON routing_activation (customer_id);

-- Supplier directory: who tried to send (the exchange records each refused attempt) or who asked.
ALTER TABLE supplier_approval
    ADD COLUMN requested_by     text,
    ADD COLUMN attempts         integer NOT NULL DEFAULT 0,
    ADD COLUMN last_attempt_at  timestamptz,
    ADD COLUMN decided_by       text;
CREATE INDEX supplier_approval_pending ON supplier_approval (receiver_id, requested_at) WHERE state = 'pending';

-- Listing a supplier's customer directory by name.
CREATE INDEX customer_entry_supplier ON customer_entry (supplier_id, created_at);
