-- How many new posts one notification stands for: unread "reply" notifications of a topic are
-- collapsed into one, as Discourse does ("3 new replies in your topic …"), not one per post.
ALTER TABLE notifications ADD COLUMN posts integer NOT NULL DEFAULT 1 CHECK (posts >= 1);
