-- Issue 14, part 1: usernames and the roles last seen at sign-in (so a mention can ask whether
-- its target may read the topic), @mentions, likes, and flags for the coordinators' review queue.

-- 3–20 letters, digits, '_', '.', '-'; starts and ends with a letter, digit or '_'. Unique
-- case-insensitively; stored as chosen. At most six digits, so no phone number fits in one.
ALTER TABLE accounts ADD COLUMN username text;
ALTER TABLE accounts ADD COLUMN username_changed boolean NOT NULL DEFAULT false;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS roles text[] NOT NULL DEFAULT '{}';

-- Existing accounts: from the display name, as new ones are made from the token (helen, helen1, …).
DO $$
DECLARE
    account record;
    base    text;
    chosen  text;
    n       integer;
BEGIN
    FOR account IN SELECT id, display_name FROM accounts ORDER BY id LOOP
        base := translate(lower(account.display_name), 'àáâãäåāçćčèéêëēìíîïīñńòóôõöøōùúûüūýÿšžł',
                          'aaaaaaaccceeeeeiiiiinnooooooouuuuuyyszl');
        base := split_part(base, '@', 1);
        IF length(regexp_replace(base, '[^0-9]', '', 'g')) > 4 THEN
            base := regexp_replace(base, '[0-9]', '', 'g');
        END IF;
        base := regexp_replace(base, '[^a-z0-9_.-]+', '_', 'g');
        base := regexp_replace(base, '[_.-]{2,}', '_', 'g');
        base := regexp_replace(base, '^[_.-]+|[_.-]+$', '', 'g');
        base := left(base, 15);
        base := regexp_replace(base, '[.-]+$', '', 'g');
        IF length(base) < 3 THEN
            base := 'member';
        END IF;
        chosen := base;
        n := 0;
        WHILE EXISTS (SELECT 1 FROM accounts WHERE lower(username) = chosen) LOOP
            n := n + 1;
            chosen := base || n;
        END LOOP;
        UPDATE accounts SET username = chosen WHERE id = account.id;
    END LOOP;
END $$;

ALTER TABLE accounts ALTER COLUMN username SET NOT NULL;
ALTER TABLE accounts ADD CONSTRAINT accounts_username_shape
    CHECK (username ~ '^[A-Za-z0-9_][A-Za-z0-9_.-]{1,18}[A-Za-z0-9_]$'
           AND length(regexp_replace(username, '[^0-9]', '', 'g')) <= 6);
CREATE UNIQUE INDEX accounts_username_unique ON accounts (lower(username));

-- Who a post has mentioned, so an edit notifies only the newly mentioned (once per post and person).
CREATE TABLE post_mentions (
    post_id    bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    PRIMARY KEY (post_id, account_id)
);

CREATE TABLE post_likes (
    post_id    bigint      NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    account_id bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (post_id, account_id)
);
CREATE INDEX post_likes_account_idx ON post_likes (account_id);

-- A flag's note is redacted free text; it goes with its post (a purged call's included, R19).
CREATE TABLE post_flags (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    post_id     bigint      NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    flagger_id  bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    reason      text        NOT NULL CHECK (reason IN ('off_topic', 'inappropriate', 'personal_details', 'other')),
    note        text,
    created_at  timestamptz NOT NULL,
    -- the flag hid the post at once (personal details), so disagreeing restores it
    hid_post    boolean     NOT NULL DEFAULT false,
    status      text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'agreed', 'disagreed')),
    reviewer_id bigint REFERENCES accounts (id) ON DELETE SET NULL,
    reviewed_at timestamptz
);
CREATE UNIQUE INDEX post_flags_one_open_per_person ON post_flags (post_id, flagger_id) WHERE status = 'open';
CREATE INDEX post_flags_open_idx ON post_flags (created_at) WHERE status = 'open';
CREATE INDEX post_flags_flagger_idx ON post_flags (flagger_id);
