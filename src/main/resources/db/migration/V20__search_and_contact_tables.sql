-- Search reads this narrow table, one row per visible post, instead of posts joined to topics:
-- the permission filter (category_id) and the newest-first candidate window need no join, and the
-- hidden posts are simply absent. Triggers keep it in step with posts and topics, whoever writes.
CREATE TABLE post_search (
    post_id      bigint   PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
    topic_id     bigint   NOT NULL,
    category_id  bigint   NOT NULL,
    body_vector  tsvector NOT NULL,
    title_vector tsvector -- the topic's title, on its first post only
);
-- fastupdate off: a pending list would be scanned linearly by every search until the next vacuum
CREATE INDEX post_search_body_idx ON post_search USING gin (body_vector) WITH (fastupdate = off);
CREATE INDEX post_search_title_idx ON post_search USING gin (title_vector) WITH (fastupdate = off);
CREATE INDEX post_search_topic_idx ON post_search (topic_id);

INSERT INTO post_search (post_id, topic_id, category_id, body_vector, title_vector)
SELECT p.id, p.topic_id, t.category_id, p.search_vector, CASE WHEN p.post_number = 1 THEN t.search_vector END
FROM posts p JOIN topics t ON t.id = p.topic_id
WHERE NOT p.hidden;

CREATE FUNCTION post_search_from_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.hidden THEN
        DELETE FROM post_search WHERE post_id = NEW.id;
    ELSE
        INSERT INTO post_search (post_id, topic_id, category_id, body_vector, title_vector)
        SELECT NEW.id, NEW.topic_id, t.category_id, NEW.search_vector,
               CASE WHEN NEW.post_number = 1 THEN t.search_vector END
        FROM topics t WHERE t.id = NEW.topic_id
        ON CONFLICT (post_id) DO UPDATE SET topic_id = EXCLUDED.topic_id, category_id = EXCLUDED.category_id,
            body_vector = EXCLUDED.body_vector, title_vector = EXCLUDED.title_vector;
    END IF;
    RETURN NULL;
END $$;

-- AFTER, so that the generated search_vector is already computed
CREATE TRIGGER posts_into_search AFTER INSERT ON posts
    FOR EACH ROW EXECUTE FUNCTION post_search_from_post();
-- Hibernate writes every column on update: only a change that search can see does the work
CREATE TRIGGER posts_search_changed AFTER UPDATE ON posts
    FOR EACH ROW WHEN (OLD.body IS DISTINCT FROM NEW.body OR OLD.hidden IS DISTINCT FROM NEW.hidden
        OR OLD.topic_id IS DISTINCT FROM NEW.topic_id OR OLD.post_number IS DISTINCT FROM NEW.post_number)
    EXECUTE FUNCTION post_search_from_post();

CREATE FUNCTION post_search_from_topic() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE post_search SET category_id = NEW.category_id,
        title_vector = CASE WHEN title_vector IS NOT NULL THEN NEW.search_vector END
    WHERE topic_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER topics_search_changed AFTER UPDATE ON topics
    FOR EACH ROW WHEN (OLD.category_id IS DISTINCT FROM NEW.category_id OR OLD.title IS DISTINCT FROM NEW.title)
    EXECUTE FUNCTION post_search_from_topic();

-- Contacts: each area's row of a volunteer carries what matching filters and ranks on, so that the
-- best few per area come straight from one index (area, least recently asked first) instead of
-- joining and sorting every volunteer in the radius. A trigger copies them from volunteers; a new
-- matching condition on volunteers needs its column here too (and in the trigger and the query).
ALTER TABLE volunteer_areas
    ADD COLUMN sex                     text,
    ADD COLUMN active                  boolean,
    ADD COLUMN clean_date              date,
    ADD COLUMN guidelines_acknowledged boolean,
    ADD COLUMN can_phone               boolean,
    ADD COLUMN can_visit               boolean,
    ADD COLUMN last_asked_at           timestamptz;

UPDATE volunteer_areas va SET sex = v.sex, active = v.active, clean_date = v.clean_date,
    guidelines_acknowledged = v.guidelines_acknowledged_on IS NOT NULL, can_phone = v.can_phone,
    can_visit = v.can_visit, last_asked_at = v.last_asked_at
FROM volunteers v WHERE v.id = va.volunteer_id;

CREATE INDEX volunteer_areas_ranked_idx ON volunteer_areas (area_id, last_asked_at ASC NULLS FIRST, volunteer_id);

CREATE FUNCTION volunteer_areas_copy_volunteer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    SELECT v.sex, v.active, v.clean_date, v.guidelines_acknowledged_on IS NOT NULL, v.can_phone, v.can_visit, v.last_asked_at
    INTO NEW.sex, NEW.active, NEW.clean_date, NEW.guidelines_acknowledged, NEW.can_phone, NEW.can_visit, NEW.last_asked_at
    FROM volunteers v WHERE v.id = NEW.volunteer_id;
    RETURN NEW;
END $$;

CREATE TRIGGER volunteer_areas_from_volunteer BEFORE INSERT OR UPDATE OF volunteer_id ON volunteer_areas
    FOR EACH ROW EXECUTE FUNCTION volunteer_areas_copy_volunteer();

CREATE FUNCTION volunteer_areas_follow_volunteer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE volunteer_areas SET sex = NEW.sex, active = NEW.active, clean_date = NEW.clean_date,
        guidelines_acknowledged = NEW.guidelines_acknowledged_on IS NOT NULL, can_phone = NEW.can_phone,
        can_visit = NEW.can_visit, last_asked_at = NEW.last_asked_at
    WHERE volunteer_id = NEW.id;
    RETURN NULL;
END $$;

CREATE TRIGGER volunteers_matching_changed AFTER UPDATE ON volunteers
    FOR EACH ROW WHEN ((OLD.sex, OLD.active, OLD.clean_date, OLD.guidelines_acknowledged_on, OLD.can_phone, OLD.can_visit,
                        OLD.last_asked_at)
        IS DISTINCT FROM (NEW.sex, NEW.active, NEW.clean_date, NEW.guidelines_acknowledged_on, NEW.can_phone, NEW.can_visit,
                          NEW.last_asked_at))
    EXECUTE FUNCTION volunteer_areas_follow_volunteer();
