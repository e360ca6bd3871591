-- A contacts lookup reads five tables and costs more database time than anything else a helpliner
-- does; the list behind it changes a few times a day. Each instance keeps the lookups it has made
-- (volunteers.ContactMatcher) with the snapshot they were read in, and before serving one asks this
-- table whether a transaction that changed the list has committed since: every statement on the five
-- tables writes its transaction's id here, in that transaction, so the change and its record become
-- visible together — whichever instance, psql session or migration made it. The kept lookup is as
-- current as the tables, not a notification's milliseconds behind.
--
-- One row per transaction, only ever inserted: writers never wait for each other here, so no lock is
-- added that another transaction could hold in the opposite order (a single shared row would be: a call's
-- attempt holding a volunteer's key lock while a Leave held the row).
-- The purge removes the rows of transactions every kept lookup has seen (ContactMatcher.forgetSeenChanges).
CREATE TABLE contact_list_changes (
    xid xid8 PRIMARY KEY
);

CREATE FUNCTION contact_list_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO contact_list_changes (xid) VALUES (pg_current_xact_id()) ON CONFLICT (xid) DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER areas_contact_list_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON areas
    FOR EACH STATEMENT EXECUTE FUNCTION contact_list_changed();
CREATE TRIGGER volunteers_contact_list_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON volunteers
    FOR EACH STATEMENT EXECUTE FUNCTION contact_list_changed();
CREATE TRIGGER volunteer_areas_contact_list_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON volunteer_areas
    FOR EACH STATEMENT EXECUTE FUNCTION contact_list_changed();
CREATE TRIGGER volunteer_tasks_contact_list_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON volunteer_tasks
    FOR EACH STATEMENT EXECUTE FUNCTION contact_list_changed();
CREATE TRIGGER meetings_contact_list_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON meetings
    FOR EACH STATEMENT EXECUTE FUNCTION contact_list_changed();
