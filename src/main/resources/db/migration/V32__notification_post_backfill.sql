-- Notifications written before V31 learn the post they tell of where their text says which, so that
-- erasing its author's account rewrites them too (else they would name the person for good): a
-- mention by its post number; a reply as the newest reply in its topic when the notification was
-- written (the same transaction wrote both). Touches only rows without a post: safe to run again.
UPDATE notifications n SET post_id = p.id
FROM posts p
WHERE n.post_id IS NULL AND n.kind = 'mention' AND p.topic_id = n.topic_id
  AND n.text ~ '^@\S+ mentioned you in topic #[0-9]+, post [0-9]+\.$'
  AND p.post_number = substring(n.text from ', post ([0-9]+)\.$')::int;

UPDATE notifications n SET post_id = (
    SELECT p.id FROM posts p
    WHERE p.topic_id = n.topic_id AND p.post_number > 1 AND p.created_at <= n.created_at
    ORDER BY p.created_at DESC, p.id DESC LIMIT 1)
WHERE n.post_id IS NULL AND n.kind = 'reply' AND n.topic_id IS NOT NULL
  AND n.text ~ '^.*? replied in (your topic “|a topic you started in )';
