-- The 12th Step calls board. Caller details are sealed under a data key of their own call
-- (data_keys, itself wrapped by the master key): deleting the key row makes every copy of them
-- unreadable — in the table, in WAL and in backups.

CREATE TABLE data_keys (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wrapped    bytea       NOT NULL,
    created_at timestamptz NOT NULL
);

CREATE SEQUENCE call_number_seq START WITH 1000;

CREATE TABLE calls (
    topic_id                 bigint PRIMARY KEY REFERENCES topics (id) ON DELETE CASCADE,
    number                   integer     NOT NULL UNIQUE,
    data_key_id              bigint REFERENCES data_keys (id) ON DELETE SET NULL,
    area_id                  bigint      NOT NULL REFERENCES areas (id),
    caller_initial           text        NOT NULL CHECK (caller_initial ~ '^\S$'),
    caller_name_cipher       bytea       NOT NULL,
    caller_phone_cipher      bytea       NOT NULL,
    notes_cipher             bytea,
    caller_sex               text        NOT NULL CHECK (caller_sex IN ('female', 'male', 'other')),
    request_type             text        NOT NULL CHECK (request_type IN ('phone', 'visit')),
    disabled_or_vulnerable   boolean     NOT NULL,
    emergency_guidance_given boolean     NOT NULL,
    opener_id                bigint      NOT NULL REFERENCES accounts (id),
    opened_at                timestamptz NOT NULL,
    last_opener_activity_at  timestamptz NOT NULL,
    outcome                  text CHECK (outcome IN ('volunteer_phoned', 'visit_in_pairs', 'referred_to_meeting',
                                                     'caller_unreachable', 'caller_declined', 'no_volunteer_found')),
    closed_at                timestamptz,
    -- a form sent twice (double tap, resubmit) opens one call, not two
    idempotency_key          text,
    version                  bigint      NOT NULL DEFAULT 0,
    CONSTRAINT calls_idempotency_unique UNIQUE (opener_id, idempotency_key)
);

-- Every templated post of a call: contact attempts, report-backs, callbacks, the outcome (R12).
CREATE TABLE call_records (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id                bigint      NOT NULL REFERENCES calls (topic_id) ON DELETE CASCADE,
    post_id                bigint      NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    kind                   text        NOT NULL CHECK (kind IN ('attempt', 'report_back', 'callback', 'outcome')),
    contact_type           text CHECK (contact_type IN ('volunteer', 'meeting', 'indirect', 'group')),
    volunteer_id           bigint REFERENCES volunteers (id) ON DELETE SET NULL,
    meeting_id             bigint REFERENCES meetings (id) ON DELETE SET NULL,
    contact_label          text,
    result                 text,
    check_clean_time       boolean,
    check_willing          boolean,
    check_knows_guidelines boolean,
    accepted_for           text CHECK (accepted_for IN ('phone', 'visit')),
    partner_volunteer_id   bigint REFERENCES volunteers (id) ON DELETE SET NULL,
    invited_to_list        boolean,
    reached                boolean,
    notes_cipher           bytea,
    created_at             timestamptz NOT NULL
);
CREATE INDEX call_records_call_idx ON call_records (call_id, id);

-- a feature whose topics have a page of their own (the calls board) names it here; the forum's
-- topic page sends readers there
ALTER TABLE categories ADD COLUMN topic_page text;
UPDATE categories SET topic_page = '/calls/' WHERE slug = '12th-step-calls';
