-- R17: coordinators keeping meetings and their contacts current is audited like the list: who, what,
-- which meeting, when — never a name or a number.
ALTER TABLE audit_log ADD COLUMN meeting_id bigint;
