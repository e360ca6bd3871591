-- A revision saved while its post was hidden holds the text that got it hidden (a caller's name or
-- address, say, flagged as personal details and then edited out by the author). Were the post
-- restored, that text must not come back to every reader through the post's earlier versions: such
-- a revision is kept from view, for the coordinators who may see hidden posts only. Posts hidden
-- now: their revisions are kept from view, since when each was written is not known.
ALTER TABLE post_revisions ADD COLUMN kept_from_view boolean NOT NULL DEFAULT false;
UPDATE post_revisions r SET kept_from_view = true FROM posts p WHERE p.id = r.post_id AND p.hidden;
