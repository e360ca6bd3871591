-- Several app instances share this database, and each caches what is read on every page (the
-- categories, with the roles that may read and post in them). A change made anywhere — another
-- instance, psql, a newer version's migration — is announced on commit to every instance
-- listening (platform.database.TableChanges), which then reads the table afresh.
CREATE FUNCTION stepcalls_notify_table_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('stepcalls_table_changed', TG_TABLE_NAME);
    RETURN NULL;
END;
$$;

CREATE TRIGGER categories_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON categories
    FOR EACH STATEMENT EXECUTE FUNCTION stepcalls_notify_table_changed();
