-- The forum core: accounts, categories with per-role permissions, topics, posts, revisions,
-- full-text search and the audit log. Free text columns only ever hold redacted text.

CREATE TABLE accounts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    issuer       text        NOT NULL,
    subject      text        NOT NULL,
    display_name text        NOT NULL,
    created_at   timestamptz NOT NULL,
    CONSTRAINT accounts_identity_unique UNIQUE (issuer, subject)
);

CREATE TABLE categories (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug        text    NOT NULL UNIQUE,
    name        text    NOT NULL,
    description text    NOT NULL,
    position    integer NOT NULL,
    read_roles  text[]  NOT NULL,
    post_roles  text[]  NOT NULL,
    -- topics here are opened by a feature's own form (the 12th Step calls board), never by POST /api/topics
    topics_by_feature_only boolean NOT NULL DEFAULT false
);

INSERT INTO categories (slug, name, description, position, read_roles, post_roles, topics_by_feature_only) VALUES
 ('announcements', 'Announcements', 'News from the coordinators for everyone.', 1,
  '{member,helpliner,coordinator,admin}', '{coordinator,admin}', false),
 ('general', 'General', 'Conversation among members.', 2,
  '{member,helpliner,coordinator,admin}', '{member,helpliner,coordinator,admin}', false),
 ('helpliners', 'Helpliners', 'For helpline volunteers and coordinators.', 3,
  '{helpliner,coordinator}', '{helpliner,coordinator}', false),
 ('12th-step-calls', '12th Step Calls', 'One topic per call, opened from the call form.', 4,
  '{helpliner,coordinator}', '{helpliner,coordinator}', true);

CREATE TABLE topics (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    category_id      bigint      NOT NULL REFERENCES categories (id),
    title            text        NOT NULL,
    opener_id        bigint      NOT NULL REFERENCES accounts (id),
    status           text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    pinned           boolean     NOT NULL DEFAULT false,
    posts_count      integer     NOT NULL DEFAULT 0,
    created_at       timestamptz NOT NULL,
    last_activity_at timestamptz NOT NULL,
    version          bigint      NOT NULL DEFAULT 0,
    search_vector    tsvector GENERATED ALWAYS AS (to_tsvector('english', title)) STORED
);
CREATE INDEX topics_latest_idx ON topics (last_activity_at DESC, id DESC);
CREATE INDEX topics_category_latest_idx ON topics (category_id, last_activity_at DESC, id DESC);
CREATE INDEX topics_search_idx ON topics USING gin (search_vector);

CREATE TABLE posts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic_id      bigint      NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    post_number   integer     NOT NULL,
    author_id     bigint      NOT NULL REFERENCES accounts (id),
    kind          text        NOT NULL DEFAULT 'text',
    body          text        NOT NULL,
    html          text        NOT NULL,
    created_at    timestamptz NOT NULL,
    edited_at     timestamptz,
    hidden        boolean     NOT NULL DEFAULT false,
    hidden_reason text,
    version       bigint      NOT NULL DEFAULT 0,
    search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED,
    CONSTRAINT posts_number_unique UNIQUE (topic_id, post_number)
);
CREATE INDEX posts_search_idx ON posts USING gin (search_vector);

CREATE TABLE post_revisions (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id     bigint      NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    number      integer     NOT NULL,
    body        text        NOT NULL,
    editor_id   bigint      NOT NULL REFERENCES accounts (id),
    replaced_at timestamptz NOT NULL,
    CONSTRAINT post_revisions_number_unique UNIQUE (post_id, number)
);

-- ids and actions only: no text column exists, so none can leak into it
CREATE TABLE audit_log (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at       timestamptz NOT NULL,
    actor_id bigint      NOT NULL REFERENCES accounts (id),
    action   text        NOT NULL,
    topic_id bigint,
    post_id  bigint
);
CREATE INDEX audit_log_topic_idx ON audit_log (topic_id);
