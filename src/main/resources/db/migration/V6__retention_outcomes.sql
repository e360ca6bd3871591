-- Retention: what survives a purged call is one anonymised outcome record (R16, R19, R20).
CREATE TABLE outcome_records (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    iso_week       text    NOT NULL CHECK (iso_week ~ '^\d{4}-W\d{2}$'),
    region         text    NOT NULL,
    request_type   text    NOT NULL CHECK (request_type IN ('phone', 'visit')),
    outcome        text    NOT NULL CHECK (outcome IN ('volunteer_phoned', 'visit_in_pairs', 'referred_to_meeting',
                                                       'caller_unreachable', 'caller_declined', 'no_volunteer_found',
                                                       'expired_unclosed')),
    attempts_count integer NOT NULL CHECK (attempts_count >= 0),
    same_sex_match boolean NOT NULL,
    hours_to_close numeric(8, 1)
);
CREATE INDEX outcome_records_week_idx ON outcome_records (iso_week);

-- whether an accepted volunteer was of the caller's sex, kept at the time (the volunteer may leave)
ALTER TABLE call_records ADD COLUMN same_sex boolean;

CREATE TABLE purge_runs (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at     timestamptz NOT NULL,
    finished_at    timestamptz NOT NULL,
    trigger        text        NOT NULL CHECK (trigger IN ('schedule', 'manual')),
    actor_id       bigint REFERENCES accounts (id),
    purged_calls   integer     NOT NULL,
    purged_posts   integer     NOT NULL,
    kept_outcomes  integer     NOT NULL
);

CREATE INDEX calls_opened_idx ON calls (opened_at);
CREATE INDEX calls_closed_idx ON calls (closed_at) WHERE closed_at IS NOT NULL;
