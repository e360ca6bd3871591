-- E-mail follows the in-app notifications (issue 13). Addresses come from the token's email claim
-- and are refreshed at each sign-in, with the roles of that sign-in (the coordinators' digest needs
-- to know who coordinates while they are signed out).
ALTER TABLE accounts ADD COLUMN email text;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS roles text[] NOT NULL DEFAULT '{}';

-- One row per person who changed a default; no row: the defaults (forum.EmailEvent).
CREATE TABLE notification_settings (
    account_id     bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
    overdue        boolean NOT NULL,
    nudge          boolean NOT NULL,
    expiry_warning boolean NOT NULL,
    digest         boolean NOT NULL,
    replies        boolean NOT NULL,
    mentions       boolean NOT NULL,
    announcements  boolean NOT NULL
);

-- Transactional outbox: written in the transaction of the event, sent by platform.mail.MailSender.
-- A purged call's topic takes its queued mails with it (ON DELETE CASCADE, R19).
CREATE TABLE mail_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id      bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    topic_id        bigint REFERENCES topics (id) ON DELETE CASCADE,
    event           text        NOT NULL,
    recipient       text        NOT NULL,
    subject         text        NOT NULL,
    text_body       text        NOT NULL,
    html_body       text        NOT NULL,
    unsubscribe_url text        NOT NULL,
    created_at      timestamptz NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX mail_outbox_due_idx ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX mail_outbox_topic_idx ON mail_outbox (topic_id);
CREATE INDEX mail_outbox_account_idx ON mail_outbox (account_id);

-- When each periodic mail (the coordinators' digest) last went out, shared by every instance.
CREATE TABLE mail_runs (
    name        text PRIMARY KEY,
    last_run_at timestamptz NOT NULL
);
