-- Search's newest matches, found block by block instead of in fixed windows. V22's windows (the
-- newest 1–2k posts, then 2–4k, …) fetched and sorted every match of the first window that held
-- any: when the newest 40,000 posts were about something else, a common word's first non-empty
-- window was the 32–64k one, ~3,400 rows fetched and sorted for the 200 wanted. Here a block of
-- 2^lvl posts (V22's recency lexeme 'lvl block') is asked for at most the matches still wanted,
-- in the order GIN's bitmap gives them (no sort): fewer means the block is done (all its matches
-- taken, the next one may be twice as big); as many means it holds enough, so the walk starts
-- again below the same post with a block of 1,024, doubling while blocks hold few; a block of
-- 1,024 has its matches sorted and the newest taken. A word rare so far (the older posts, at the
-- density seen, hold at most about 1,000 matches) is read without blocks, once: its posting list is
-- short, and a block costs a decoded page of the block's lexeme per match. That guess trusts the
-- newest posts' density, so it fetches at most 2,000 rows (twice what it expects): a word once
-- common and rare lately (one new post with "kettle" above 40,000 without: 240-370 ms uncapped,
-- 5 ms capped, on the bench's copy) is found out there and walked in blocks like any other.
-- No new lexemes, no backfill: V22's levels 10–19 are enough; the migration is instant.
CREATE FUNCTION post_search_newest(words tsquery, readable bigint[], wanted integer) RETURNS bigint[]
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    found bigint[] := '{}';
    batch bigint[];
    remaining integer := wanted;
    top bigint;     -- one past the newest post
    hi bigint;      -- the posts from hi up are done
    lvl integer := 10;
    block tsquery;
    rare_tried boolean := false;
    rare_cap constant integer := 2000;
BEGIN
    IF numnode(words) = 0 THEN
        RETURN found;   -- stop words only: nothing, not every post
    END IF;
    SELECT max(post_id) + 1 INTO top FROM post_search;
    hi := top;
    WHILE hi > 0 AND remaining > 0 LOOP
        IF NOT rare_tried AND cardinality(found) > 0 AND cardinality(found)::float8 * hi <= 1000.0 * (top - hi) THEN
            -- at most rare_cap rows fetched, unsorted: a word rare lately may have been common long ago
            -- (all its older matches fetched and sorted would be 200,000 rows at a million posts)
            rare_tried := true;
            batch := ARRAY(SELECT post_id FROM post_search
                           WHERE (body_vector @@ words OR title_vector @@ words)
                             AND category_id = ANY (readable) AND post_id + 0 < hi
                           LIMIT rare_cap);
            IF cardinality(batch) < rare_cap THEN -- all of them: rare indeed
                found := found || ARRAY(SELECT id FROM unnest(batch) AS id ORDER BY id DESC LIMIT remaining);
                EXIT;
            END IF; -- common further back: the walk goes on
        END IF;
        -- hi is a multiple of 2^lvl (but at the start), so the block below it ends at hi
        block := format('%L', lvl || ' ' || ((hi - 1) >> lvl))::tsquery;
        IF lvl = 10 THEN
            batch := ARRAY(SELECT post_id FROM post_search
                           WHERE ((body_vector @@ block AND body_vector @@ words)
                                  OR (title_vector @@ block AND title_vector @@ words))
                             AND category_id = ANY (readable)
                           ORDER BY post_id + 0 DESC LIMIT remaining);
        ELSE
            batch := ARRAY(SELECT post_id FROM post_search
                           WHERE ((body_vector @@ block AND body_vector @@ words)
                                  OR (title_vector @@ block AND title_vector @@ words))
                             AND category_id = ANY (readable)
                           LIMIT remaining);
            IF cardinality(batch) = remaining THEN
                -- enough here: start again from the smallest block below hi, doubling while it
                -- holds few (a few cheap empty probes if its newer part is empty; re-probing it
                -- half by half decoded thousands of its entries again at each step)
                lvl := 10;
                CONTINUE;
            END IF;
        END IF;
        found := found || batch;
        remaining := remaining - cardinality(batch);
        hi := ((hi - 1) >> lvl) << lvl;
        IF 2 * cardinality(batch) <= remaining THEN
            IF lvl < 19 AND (hi >> lvl) % 2 = 0 THEN
                lvl := lvl + 1;
            END IF;
        ELSIF cardinality(batch) > remaining AND lvl > 10 THEN
            lvl := lvl - 1;
        END IF;
    END LOOP;
    RETURN found;
END $$;

-- V22's post_search_window stays: an instance still on the previous version asks for it until replaced.
