-- A post's earlier version may hold what got the post hidden: a caller's name, say, flagged as
-- personal details and then edited out by its author, or written and edited away before anyone
-- flagged it. Were the post restored, that text must not come back to every reader through the
-- post's earlier versions. So every version a post had when it was hidden — and every version
-- saved while it is hidden — is kept from view, for those who may see hidden posts only.
ALTER TABLE post_revisions ADD COLUMN kept_from_view boolean NOT NULL DEFAULT false;

-- Every way a post is hidden (a flag for personal details, a coordinator agreeing or hiding) sets
-- posts.hidden: here, not in each of them, its versions are kept from view at that moment.
CREATE FUNCTION post_revisions_kept_on_hide() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE post_revisions SET kept_from_view = true WHERE post_id = NEW.id AND NOT kept_from_view;
    RETURN NULL;
END $$;
CREATE TRIGGER post_revisions_kept_on_hide AFTER UPDATE OF hidden ON posts
    FOR EACH ROW WHEN (NEW.hidden AND NOT OLD.hidden) EXECUTE FUNCTION post_revisions_kept_on_hide();

-- The past: when each version was written against when its post was hidden is not all recorded,
-- so the versions of every post ever hidden (now, by a flag, or by a coordinator) are kept from view.
UPDATE post_revisions r SET kept_from_view = true
WHERE EXISTS (SELECT 1 FROM posts p WHERE p.id = r.post_id AND p.hidden)
   OR EXISTS (SELECT 1 FROM post_flags f WHERE f.post_id = r.post_id AND (f.hid_post OR f.status = 'agreed'))
   OR EXISTS (SELECT 1 FROM audit_log a WHERE a.post_id = r.post_id AND a.action = 'post_hidden');

-- "former_<id>" is what an erased account's username becomes: a living account holding such a
-- name (possible before it was reserved) would make that erasure fail on the unique username.
UPDATE accounts a SET username = 'member' || a.id, username_changed = false
WHERE a.issuer <> 'erased' AND lower(a.username) LIKE 'former\_%'
  AND NOT EXISTS (SELECT 1 FROM accounts b WHERE lower(b.username) = 'member' || a.id);
