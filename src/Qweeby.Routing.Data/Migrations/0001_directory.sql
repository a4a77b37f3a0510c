-- The recipient directory: entities, their identifiers and contacts, service providers and
-- registrations, per-entity directory settings, consent, supplier approvals, customer directories.
-- Nothing here is deleted but customer-directory entries (which frees their customer numbers).

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is STABLE (it reads a dictionary); this wrapper pins the dictionary so it can be indexed.
CREATE OR REPLACE FUNCTION search_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

CREATE TABLE service_provider (
    provider_id          text PRIMARY KEY,
    name                 text NOT NULL,
    endpoint             text NOT NULL,
    channel              text NOT NULL CHECK (channel IN ('interoperability','hosted','public_portal','edi','email_pdf','paper')),
    status               text NOT NULL DEFAULT 'active' CHECK (status IN ('active','suspended')),
    client_cert_subject  text,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE entity (
    entity_id                 uuid PRIMARY KEY,
    kind                      text NOT NULL CHECK (kind IN ('company','association','natural_person')),
    legal_name                text NOT NULL,
    country                   char(2) NOT NULL,
    status                    text NOT NULL DEFAULT 'active' CHECK (status IN ('active','inactive')),
    customer_directory_mode   text NOT NULL DEFAULT 'open' CHECK (customer_directory_mode IN ('open','closed')),
    supplier_directory_mode   text NOT NULL DEFAULT 'open' CHECK (supplier_directory_mode IN ('open','closed')),
    multi_account             boolean NOT NULL DEFAULT false,
    created_at                timestamptz NOT NULL DEFAULT now(),
    updated_at                timestamptz NOT NULL DEFAULT now(),
    deactivated_at            timestamptz
);
CREATE INDEX entity_name_trgm ON entity USING gin (search_fold(legal_name) gin_trgm_ops);

-- Normalized Peppol form: icd '0009', value '73282932000074'. One owner per identifier.
CREATE TABLE entity_identifier (
    icd        text NOT NULL,
    value      text NOT NULL,
    entity_id  uuid NOT NULL REFERENCES entity,
    PRIMARY KEY (icd, value)
);
CREATE INDEX entity_identifier_entity ON entity_identifier (entity_id);

CREATE TABLE contact (
    contact_id     uuid PRIMARY KEY,
    entity_id      uuid NOT NULL REFERENCES entity,
    last_name      text NOT NULL,
    first_name     text NOT NULL DEFAULT '',
    email          text NOT NULL,
    role           text NOT NULL CHECK (role IN ('administrator','member')),
    status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active','inactive')),
    multi_account  boolean NOT NULL DEFAULT false,
    registered_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX contact_entity ON contact (entity_id);
-- "One VAT = one e-mail": an address belongs to one contact platform-wide, except multi-account imports.
CREATE UNIQUE INDEX contact_email_unique ON contact (lower(email)) WHERE NOT multi_account;
-- One active administrator per entity: it receives every notification.
CREATE UNIQUE INDEX contact_one_administrator ON contact (entity_id) WHERE role = 'administrator' AND status = 'active';

-- An entity receives through one or more providers; document_types empty means all types.
CREATE TABLE provider_registration (
    entity_id       uuid NOT NULL REFERENCES entity,
    provider_id     text NOT NULL REFERENCES service_provider,
    document_types  text[] NOT NULL DEFAULT '{}',
    is_default      boolean NOT NULL DEFAULT false,
    registered_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (entity_id, provider_id)
);
CREATE UNIQUE INDEX provider_registration_one_default ON provider_registration (entity_id) WHERE is_default;

-- Consent before e-invoicing, per supplier -> customer pair.
CREATE TABLE consent (
    supplier_id   uuid NOT NULL REFERENCES entity,
    customer_id   uuid NOT NULL REFERENCES entity,
    state         text NOT NULL CHECK (state IN ('pending','accepted','refused')),
    requested_at  timestamptz NOT NULL DEFAULT now(),
    decided_at    timestamptz,
    PRIMARY KEY (supplier_id, customer_id)
);

-- The receiver's supplier directory: who may send when it is closed, and who is waiting.
CREATE TABLE supplier_approval (
    receiver_id   uuid NOT NULL REFERENCES entity,
    supplier_id   uuid NOT NULL REFERENCES entity,
    state         text NOT NULL CHECK (state IN ('pending','approved','revoked')),
    requested_at  timestamptz NOT NULL DEFAULT now(),
    decided_at    timestamptz,
    PRIMARY KEY (receiver_id, supplier_id)
);

-- The supplier's customer directory.
CREATE TABLE customer_entry (
    entry_id            uuid PRIMARY KEY,
    supplier_id         uuid NOT NULL REFERENCES entity,
    customer_id         uuid NOT NULL REFERENCES entity,
    status              text NOT NULL DEFAULT 'active' CHECK (status IN ('active','inactive')),
    pinned_provider_id  text REFERENCES service_provider,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (supplier_id, customer_id)
);

-- Customer numbers are unique within one supplier's directory; deleting the entry frees them.
CREATE TABLE customer_number (
    supplier_id  uuid NOT NULL,
    number       text NOT NULL,
    entry_id     uuid NOT NULL REFERENCES customer_entry ON DELETE CASCADE,
    PRIMARY KEY (supplier_id, number)
);
CREATE INDEX customer_number_entry ON customer_number (entry_id);
