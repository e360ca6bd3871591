-- A contacts lookup reads five tables and costs more database time than anything else a helpliner
-- does; the list behind it changes a few times a day. Each instance keeps the lookups it has made
-- (volunteers.ContactMatcher) and asks this one row, in every lookup, whether anything they read
-- changed. The row moves in the very transaction that changes the list, so a lookup never sees a
-- change without its version, whichever instance, psql session or migration made it: the cache is
-- as current as the tables, not a notification's milliseconds behind.
--
-- A fresh random value each time, not a counter: a database restored from a backup and written
-- again would count to a number an instance already kept different rows under.
CREATE TABLE contact_list_version (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version  uuid NOT NULL
);
INSERT INTO contact_list_version (version) VALUES (gen_random_uuid());

-- BEFORE each statement, so the row is locked before any row of the list: two transactions that
-- change the list queue on it at their first statement instead of holding rows the other wants.
-- Every statement moves it, not only a transaction's first: a lookup made inside a transaction,
-- between two of its changes, is then never kept under the version the transaction commits.
CREATE FUNCTION contact_list_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE contact_list_version SET version = gen_random_uuid();
    RETURN NULL;
END $$;

CREATE TRIGGER areas_contact_list_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON areas
    FOR EACH STATEMENT EXECUTE FUNCTION contact_list_changed();
CREATE TRIGGER volunteers_contact_list_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON volunteers
    FOR EACH STATEMENT EXECUTE FUNCTION contact_list_changed();
CREATE TRIGGER volunteer_areas_contact_list_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON volunteer_areas
    FOR EACH STATEMENT EXECUTE FUNCTION contact_list_changed();
CREATE TRIGGER volunteer_tasks_contact_list_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON volunteer_tasks
    FOR EACH STATEMENT EXECUTE FUNCTION contact_list_changed();
CREATE TRIGGER meetings_contact_list_changed BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON meetings
    FOR EACH STATEMENT EXECUTE FUNCTION contact_list_changed();
