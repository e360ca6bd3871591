-- Every signed-in request reads its account; each instance now keeps the accounts it has read
-- (platform.security.Accounts) until this table changes anywhere — a username chosen, an account
-- erased or created, roles written from a newer token — announced on commit like the categories.
CREATE TRIGGER accounts_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON accounts
    FOR EACH STATEMENT EXECUTE FUNCTION stepcalls_notify_table_changed();
