-- Reading state and watching, as Discourse keeps them (its topic_users): one row per person and
-- topic with the last post read and the notification level, chosen or set by posting (you track
-- what you started or replied to). Primary key (account, topic): the latest list joins it per row.
CREATE TABLE topic_users (
    account_id            bigint  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    topic_id              bigint  NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    last_read_post_number integer,
    level                 text CHECK (level IN ('watching', 'tracking', 'normal', 'muted')),
    PRIMARY KEY (account_id, topic_id)
);
-- who watches a topic, on every new post
CREATE INDEX topic_users_topic_level_idx ON topic_users (topic_id, level);

CREATE TABLE category_users (
    account_id  bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    category_id bigint NOT NULL REFERENCES categories (id) ON DELETE CASCADE,
    level       text   NOT NULL CHECK (level IN ('watching', 'tracking', 'normal', 'muted')),
    PRIMARY KEY (account_id, category_id)
);
CREATE INDEX category_users_category_level_idx ON category_users (category_id, level);

-- The roles a person held at their last request: watchers are notified only where they may read.
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS roles text[] NOT NULL DEFAULT '{}';

-- Drafts, one per person and box (a topic's reply box, a category's new-topic form); redacted
-- text only, like posts. A reply draft goes with its topic (a purged call leaves none, R19).
CREATE TABLE drafts (
    account_id bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    draft_key  text        NOT NULL CHECK (draft_key ~ '^(topic-[0-9]{1,18}|new-topic-[a-z0-9-]{1,40})$'),
    topic_id   bigint REFERENCES topics (id) ON DELETE CASCADE,
    title      text,
    body       text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (account_id, draft_key)
);

-- A post its author deleted: text erased, its place in the thread kept.
ALTER TABLE posts ADD COLUMN deleted_at timestamptz;
