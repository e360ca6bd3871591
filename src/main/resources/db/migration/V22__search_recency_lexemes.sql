-- Search asks for the newest matches of a word, and GIN cannot give them in order: a common word's
-- whole posting list (a fifth of a million posts) was read, then its rows fetched and sorted. So
-- each row of post_search also carries "recency lexemes": for every level s from 10 to 19, the
-- block (post_id >> s) it falls in, as a lexeme no text-search parser can produce (it holds a
-- space: '12 259'; short, as every row carries ten). A search ANDs its words with the newest two
-- blocks of one level at a time, e.g. body_vector @@ ('12 259' | '12 258') AND body_vector @@
-- 'kettl': GIN intersects the two by skipping through both posting lists, so a window of the
-- newest 1–2k, 2–4k, … 0.5–1M posts costs what it holds, not what the word holds. The lexemes
-- carry no position and are never in a user's tsquery, so ts_rank ignores them.
CREATE FUNCTION post_search_recency(post_id bigint) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN array_to_tsvector(ARRAY(SELECT s || ' ' || (post_id >> s) FROM generate_series(10, 19) s));

-- The newest two blocks of level s, counted from the newest post: one window of a search.
CREATE FUNCTION post_search_window(s integer, newest bigint) RETURNS tsquery
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN format('%L | %L', s || ' ' || (newest >> s), s || ' ' || ((newest >> s) - 1))::tsquery;

CREATE OR REPLACE FUNCTION post_search_from_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.hidden THEN
        DELETE FROM post_search WHERE post_id = NEW.id;
    ELSE
        INSERT INTO post_search (post_id, topic_id, category_id, body_vector, title_vector)
        SELECT NEW.id, NEW.topic_id, t.category_id, NEW.search_vector || post_search_recency(NEW.id),
               CASE WHEN NEW.post_number = 1 THEN t.search_vector || post_search_recency(NEW.id) END
        FROM topics t WHERE t.id = NEW.topic_id
        ON CONFLICT (post_id) DO UPDATE SET topic_id = EXCLUDED.topic_id, category_id = EXCLUDED.category_id,
            body_vector = EXCLUDED.body_vector, title_vector = EXCLUDED.title_vector;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION post_search_from_topic() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE post_search SET category_id = NEW.category_id,
        title_vector = CASE WHEN title_vector IS NOT NULL THEN NEW.search_vector || post_search_recency(post_id) END
    WHERE topic_id = NEW.id;
    RETURN NULL;
END $$;

-- Rebuilding the indexes costs far less than updating them row by row.
DROP INDEX post_search_body_idx;
DROP INDEX post_search_title_idx;
UPDATE post_search SET body_vector = body_vector || post_search_recency(post_id),
    title_vector = title_vector || post_search_recency(post_id);
CREATE INDEX post_search_body_idx ON post_search USING gin (body_vector) WITH (fastupdate = off);
CREATE INDEX post_search_title_idx ON post_search USING gin (title_vector) WITH (fastupdate = off);
ANALYZE post_search;

-- A search costs a few index pages and at most a few thousand rows: starting parallel workers costs
-- more than that (and on a loaded machine, tens of milliseconds), so the planner is not offered them.
ALTER TABLE post_search SET (parallel_workers = 0);
