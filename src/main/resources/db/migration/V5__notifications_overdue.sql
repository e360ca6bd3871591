-- In-app notifications (overdue calls, coordinators' nudges). The text is written by the app
-- from ids and counts only, never from what people typed.
CREATE TABLE notifications (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES accounts (id),
    topic_id   bigint REFERENCES topics (id) ON DELETE CASCADE,
    kind       text        NOT NULL CHECK (kind ~ '^[a-z_]{1,40}$'),
    text       text        NOT NULL,
    created_at timestamptz NOT NULL,
    read_at    timestamptz
);
CREATE INDEX notifications_unread_idx ON notifications (account_id) WHERE read_at IS NULL;

ALTER TABLE categories ADD COLUMN new_topic_page text;
UPDATE categories SET new_topic_page = '/calls/new' WHERE slug = '12th-step-calls';

CREATE INDEX calls_open_activity_idx ON calls (last_opener_activity_at) WHERE closed_at IS NULL;
