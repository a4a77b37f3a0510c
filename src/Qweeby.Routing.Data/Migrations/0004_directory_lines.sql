-- French directory lines: which platform receives a company's invoices at one granularity (SIREN,
-- SIRET, SIRET + routing code, SIREN + suffix), with validity dates. Rows are versions: a change never
-- updates a version in place, it supersedes it with the next one, so every version is kept. Routing
-- reads the current versions (superseded_at IS NULL), whose validity ranges never overlap per address.

CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE directory_line (
    line_id        text NOT NULL,
    version        integer NOT NULL,
    granularity    text NOT NULL CHECK (granularity IN ('SIREN','SIRET','ROUTING_CODE','SUFFIX')),
    siren          text NOT NULL CHECK (siren ~ '^[0-9]{9}$'),
    siret          text CHECK (siret ~ '^[0-9]{14}$' AND left(siret, 9) = siren),
    routing_code   text,
    suffix         text,
    -- The 0225 electronic address, upper case: SIREN, SIREN_SIRET, SIREN_SIRET_CODE or SIREN_SUFFIX.
    address        text NOT NULL,
    -- A platform id as the central directory names it; not a foreign key: the mirror names platforms
    -- this one may not know, and routing says so when it meets one.
    provider_id    text NOT NULL,
    valid_from     timestamptz NOT NULL,
    valid_to       timestamptz,
    superseded_at  timestamptz,
    change         text NOT NULL CHECK (change IN ('created','changed','ended','switched','imported')),
    changed_by     text NOT NULL,
    changed_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (line_id, version),
    CHECK (valid_to IS NULL OR valid_to > valid_from),
    CHECK (CASE granularity
             WHEN 'SIREN' THEN siret IS NULL AND routing_code IS NULL AND suffix IS NULL
             WHEN 'SIRET' THEN siret IS NOT NULL AND routing_code IS NULL AND suffix IS NULL
             WHEN 'ROUTING_CODE' THEN siret IS NOT NULL AND routing_code IS NOT NULL AND suffix IS NULL
             ELSE siret IS NULL AND routing_code IS NULL AND suffix IS NOT NULL END),
    -- Overlapping lines at one address are refused; the error names the constraint, the store names the line.
    CONSTRAINT directory_line_no_overlap
        EXCLUDE USING gist (address WITH =, tstzrange(valid_from, valid_to) WITH &&) WHERE (superseded_at IS NULL)
);
CREATE INDEX directory_line_current_by_siren ON directory_line (siren) WHERE superseded_at IS NULL;
CREATE UNIQUE INDEX directory_line_one_current_version ON directory_line (line_id) WHERE superseded_at IS NULL;

-- Line ids seen by a full mirror import still running: lines absent from the extract end when it completes.
CREATE UNLOGGED TABLE line_import_seen (
    import_id  uuid NOT NULL,
    line_id    text NOT NULL,
    PRIMARY KEY (import_id, line_id)
);
