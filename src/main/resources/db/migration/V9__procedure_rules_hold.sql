-- R15: a call's topic is closed by its opener, with its outcome, never by forum moderation. A
-- feature-owned category that closes its own topics says here why moderators may not close,
-- reopen or pin them; the forum answers with this sentence.
ALTER TABLE categories ADD COLUMN closed_by_feature_note text;
UPDATE categories
SET closed_by_feature_note = 'A 12th Step call is closed only by the helpliner who opened it, when they record '
    || 'its outcome (R15); moderators do not close, reopen or pin calls.'
WHERE slug = '12th-step-calls';

-- Calls a moderator closed before this rule held: open again, so that their openers can finish them.
UPDATE topics t SET status = 'open'
FROM calls c
WHERE c.topic_id = t.id AND c.closed_at IS NULL AND t.status = 'closed';
UPDATE topics SET pinned = false
WHERE pinned AND category_id = (SELECT id FROM categories WHERE slug = '12th-step-calls');

-- R12: records are never rewritten; a mistake is corrected by a new record naming the post it corrects.
ALTER TABLE call_records ADD COLUMN corrects_post_id bigint REFERENCES posts (id) ON DELETE CASCADE;

-- The caller's initial is one user-perceived character: a letter with any combining marks after
-- it (a grapheme), not one code point: a Devanagari initial is a letter and a vowel sign.
ALTER TABLE calls DROP CONSTRAINT calls_caller_initial_check;
ALTER TABLE calls ADD CONSTRAINT calls_caller_initial_check
    CHECK (caller_initial ~ '^\S+$' AND char_length(caller_initial) <= 8);
