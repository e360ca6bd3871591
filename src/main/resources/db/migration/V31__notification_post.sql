-- The post a notification tells of: erasing its author's account rewrites the name the text starts
-- with ("Ada replied …", "@ada mentioned you …"), as the post itself then says "former member".
ALTER TABLE notifications ADD COLUMN post_id bigint REFERENCES posts (id) ON DELETE SET NULL;
CREATE INDEX notifications_post_idx ON notifications (post_id) WHERE post_id IS NOT NULL;
