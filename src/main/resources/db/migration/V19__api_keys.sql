-- Issue 17: API keys as Discourse has them. Only a SHA-256 of each key is kept (the key is shown
-- once, at creation); a key bound to an account acts only as that account, an unbound one as
-- whichever username the request names. Revoked keys stay for the record, refused.
CREATE TABLE api_keys (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    description  text        NOT NULL CHECK (length(description) BETWEEN 1 AND 200),
    key_hash     bytea       NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    -- the first characters of the key, so an admin can tell keys apart without the key
    key_prefix   text        NOT NULL CHECK (key_prefix ~ '^[0-9a-f]{4}$'),
    account_id   bigint REFERENCES accounts (id) ON DELETE CASCADE,
    created_by   bigint      NOT NULL REFERENCES accounts (id),
    created_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   bigint REFERENCES accounts (id)
);
