-- Mails withdrawn while the sender held them (it locks a batch while SMTP takes it, and a hide must
-- not wait on a slow mail server): the sender never claims a marked mail again, and its prune deletes
-- both. No foreign key: checking one would take a lock the sender's FOR UPDATE holds.
CREATE TABLE mail_withdrawn (
    mail_id bigint PRIMARY KEY
);
