-- The last post a collapsed notification stands for: reading the topic up to it (not only up to
-- its first post) marks it read, so a reply collapsed into it a moment after a view is still told.
ALTER TABLE notifications ADD COLUMN last_post_number integer;
