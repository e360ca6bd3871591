-- The post a queued mail tells of, and whether it quotes it: hiding or deleting the post withdraws
-- its mails, an edit those that quote the replaced text (as Discourse skips a notification e-mail
-- whose post is gone); a post deleted outright (the purge) takes them with it.
ALTER TABLE mail_outbox ADD COLUMN post_id bigint REFERENCES posts (id) ON DELETE CASCADE;
ALTER TABLE mail_outbox ADD COLUMN quotes_post boolean NOT NULL DEFAULT false;
CREATE INDEX mail_outbox_post_idx ON mail_outbox (post_id);
