-- Calls feed the 12th Step list: what a helpliner learns on a call (a relapse, "take me off the
-- list", someone invited to join) becomes a coordinator's task. A task names a list entry, or a
-- first name, never a call: it holds no caller detail and outlives the call's purge (R13, R16, R19).
CREATE TABLE volunteer_tasks (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('check_eligibility', 'remove_from_list', 'send_list_form')),
    reason       text CHECK (reason IN ('relapsed', 'not_willing', 'other')),
    -- while a check_eligibility or remove_from_list task is open, the entry is out of matching
    volunteer_id bigint REFERENCES volunteers (id) ON DELETE SET NULL,
    -- send_list_form only: the invited contact's first name, as the helpliner gave it (no number)
    first_name   text,
    raised_by    bigint REFERENCES accounts (id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL,
    done_at      timestamptz,
    done_by      bigint REFERENCES accounts (id) ON DELETE SET NULL,
    resolution   text CHECK (resolution IN ('clean_date_updated', 'kept_on_list', 'removed_from_list', 'form_sent')),
    CHECK ((kind = 'check_eligibility') = (reason IS NOT NULL)),
    CHECK ((kind = 'send_list_form') = (first_name IS NOT NULL)),
    CHECK ((done_at IS NULL) = (resolution IS NULL))
);
CREATE INDEX volunteer_tasks_open_idx ON volunteer_tasks (volunteer_id) WHERE done_at IS NULL;

-- R7: the second person on a visit may be a recovering addict off the list, named by first name
-- and vouched for by the volunteer who accepted.
ALTER TABLE call_records ADD COLUMN partner_first_name text;
ALTER TABLE call_records ADD COLUMN vouched_by_volunteer_id bigint REFERENCES volunteers (id) ON DELETE SET NULL;
-- what a not_eligible attempt found, and the first name of a contact invited to join the list (R9)
ALTER TABLE call_records ADD COLUMN reason text CHECK (reason IN ('relapsed', 'not_willing', 'other'));
ALTER TABLE call_records ADD COLUMN invited_first_name text;
-- R11: a report back names the accepted attempt it reports on
ALTER TABLE call_records ADD COLUMN reports_on_record_id bigint REFERENCES call_records (id) ON DELETE CASCADE;
