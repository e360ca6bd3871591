-- Show number by post-redirect-get (R16): the POST audits the reveal and leaves a one-time token for
-- the page it redirects to. Kept here, not in one instance's memory, so the GET may land on any
-- instance behind the load balancer. Only the token's hash; never the number.
CREATE TABLE phone_reveal_tokens (
    token_hash bytea       PRIMARY KEY CHECK (length(token_hash) = 32),
    account_id bigint      NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    topic_id   bigint      NOT NULL REFERENCES topics (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL
);
