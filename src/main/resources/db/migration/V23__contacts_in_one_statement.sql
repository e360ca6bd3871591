-- Contacts, round two: a lookup reads everything it needs in PostgreSQL, in one statement.

-- The great-circle distance between two areas' centroids: the same haversine as Area.distanceKm,
-- the same operations in the same order, so matching ranks and cuts at the radius as it did when
-- Java computed it (ContactDistanceTest compares the two). Not STRICT: it stays inlinable.
CREATE FUNCTION area_distance_km(lat1 float8, lon1 float8, lat2 float8, lon2 float8) RETURNS float8
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 2 * 6371.0088::float8 * asin(least(1, sqrt(
    sin(radians(lat2 - lat1) / 2) * sin(radians(lat2 - lat1) / 2)
    + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) * sin(radians(lon2 - lon1) / 2))));

-- Who may be asked to ring or visit, per area and sex, least recently asked first: only the
-- eligible are in these indexes, so a lookup reads the few it lists, not everyone who covers the
-- area (volunteer_areas_ranked_idx held everyone, sexes mixed: with none eligible, or none of one
-- sex, a lookup read and rejected the whole area). A welcome takes any active member. Clean date
-- rides along, so the index alone answers.
CREATE INDEX volunteer_areas_phone_idx ON volunteer_areas (area_id, sex, last_asked_at ASC NULLS FIRST, volunteer_id)
    INCLUDE (clean_date) WHERE active AND guidelines_acknowledged AND can_phone;
CREATE INDEX volunteer_areas_visit_idx ON volunteer_areas (area_id, sex, last_asked_at ASC NULLS FIRST, volunteer_id)
    INCLUDE (clean_date) WHERE active AND guidelines_acknowledged AND can_visit;
CREATE INDEX volunteer_areas_active_idx ON volunteer_areas (area_id, sex, last_asked_at ASC NULLS FIRST, volunteer_id)
    INCLUDE (clean_date) WHERE active;
DROP INDEX volunteer_areas_ranked_idx;
