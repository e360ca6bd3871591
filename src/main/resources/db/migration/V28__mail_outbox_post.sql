-- The post a queued mail quotes or tells of: hiding or deleting the post withdraws the mail before
-- it goes (as Discourse skips a notification e-mail whose post is gone); a post deleted outright
-- (the purge) takes it with it.
ALTER TABLE mail_outbox ADD COLUMN post_id bigint REFERENCES posts (id) ON DELETE CASCADE;
CREATE INDEX mail_outbox_post_idx ON mail_outbox (post_id);
