-- Contacts, round two: a lookup reads everything it needs in PostgreSQL, in one statement.

-- The great-circle distance between two areas' centroids: the same haversine as Area.distanceKm,
-- the same operations in the same order, so matching ranks and cuts at the radius as it did when
-- Java computed it (ContactDistanceTest compares the two). Not STRICT: it stays inlinable.
CREATE FUNCTION area_distance_km(lat1 float8, lon1 float8, lat2 float8, lon2 float8) RETURNS float8
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 2 * 6371.0088::float8 * asin(least(1, sqrt(
    sin(radians(lat2 - lat1) / 2) * sin(radians(lat2 - lat1) / 2)
    + cos(radians(lat1)) * cos(radians(lat2)) * sin(radians(lon2 - lon1) / 2) * sin(radians(lon2 - lon1) / 2))));

-- Who may be asked to ring or visit, in each area ranked least recently asked first: only the
-- eligible are in these indexes, so an area where few are eligible costs a few entries, not a read
-- of everyone who covers it (volunteer_areas_ranked_idx rejected them one heap row at a time).
-- Sex and clean date ride along, so the index alone answers. A welcome still uses the ranked index.
CREATE INDEX volunteer_areas_phone_idx ON volunteer_areas (area_id, last_asked_at ASC NULLS FIRST, volunteer_id)
    INCLUDE (sex, clean_date) WHERE active AND guidelines_acknowledged AND can_phone;
CREATE INDEX volunteer_areas_visit_idx ON volunteer_areas (area_id, last_asked_at ASC NULLS FIRST, volunteer_id)
    INCLUDE (sex, clean_date) WHERE active AND guidelines_acknowledged AND can_visit;
