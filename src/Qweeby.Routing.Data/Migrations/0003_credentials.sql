-- Credentials and the audit of refused calls (issue 6).
--
-- API keys: the caller holds "qk_<key_id>_<secret>"; only SHA-256(secret) is stored (the secret is
-- 256 random bits, so a fast hash is enough: see ApiKeyToken.SecretHash). Keys are revoked, never
-- deleted, so the audit keeps naming them.
CREATE TABLE api_key (
    key_id         text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{16}$'),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    roles          text[] NOT NULL CHECK (cardinality(roles) > 0
                       AND roles <@ ARRAY['resolve','submit','account_administrator','platform_administrator','operator']),
    -- NULL: every entity (platform administrators, operators, internal platform services); else the
    -- entities the key acts for. Entity ids are not foreign keys: an array cannot be one.
    entity_ids     uuid[],
    secret_sha256  bytea NOT NULL CHECK (length(secret_sha256) = 32),
    created_at     timestamptz NOT NULL,
    created_by     text NOT NULL,
    revoked_at     timestamptz,
    revoked_by     text
);

-- Partner access points authenticate by client certificate: the SHA-256 of the certificate (DER),
-- lowercase hex, maps it to one service provider. client_cert_subject stays descriptive.
ALTER TABLE service_provider ADD COLUMN client_cert_sha256 text
    CHECK (client_cert_sha256 ~ '^[0-9a-f]{64}$');
CREATE UNIQUE INDEX service_provider_client_cert ON service_provider (client_cert_sha256)
    WHERE client_cert_sha256 IS NOT NULL;

-- Authentication failures and refused authorizations, written asynchronously by each host.
-- caller_id is the authenticated caller, or the key/provider id a refused credential claimed.
CREATE TABLE security_event (
    event_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at     timestamptz NOT NULL,
    host            text NOT NULL,
    caller_id       text,
    remote_address  text,
    method          text NOT NULL,
    outcome         text NOT NULL CHECK (outcome IN ('unauthenticated','permission_denied')),
    reason          text NOT NULL
);
CREATE INDEX security_event_time ON security_event (occurred_at);
CREATE INDEX security_event_caller ON security_event (caller_id, occurred_at) WHERE caller_id IS NOT NULL;
