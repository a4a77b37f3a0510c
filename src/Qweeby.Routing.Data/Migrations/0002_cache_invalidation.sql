-- Cache invalidations committed with a directory write but not yet published to Redis. A writer records
-- the keys it changes in its own transaction and deletes the row once it has published them; hosts relay
-- what is left (Redis was away, or the writer stopped between commit and publish). Keys carry no prefix.

CREATE TABLE cache_invalidation (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    keys        text[] NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
