-- R13: a member who leaves the list may also be a meeting's contact. The number alone does not say it
-- is the same person (and a member could otherwise wipe a meeting's contact by joining with its number
-- and leaving), so a matching number raises a task: a coordinator checks the meeting's contact and
-- removes it, erasing the number, or keeps it. The task names the meeting, never the number.
ALTER TABLE volunteer_tasks ADD COLUMN meeting_id bigint REFERENCES meetings (id) ON DELETE CASCADE;
-- open checks hold their meeting's contact back from every lookup: probed per meeting, and nearly always empty
CREATE INDEX volunteer_tasks_meeting_idx ON volunteer_tasks (meeting_id) WHERE meeting_id IS NOT NULL AND done_at IS NULL;

ALTER TABLE volunteer_tasks DROP CONSTRAINT volunteer_tasks_kind_check;
ALTER TABLE volunteer_tasks ADD CONSTRAINT volunteer_tasks_kind_check
    CHECK (kind IN ('check_eligibility', 'remove_from_list', 'send_list_form', 'check_meeting_contact'));
ALTER TABLE volunteer_tasks DROP CONSTRAINT volunteer_tasks_resolution_check;
ALTER TABLE volunteer_tasks ADD CONSTRAINT volunteer_tasks_resolution_check
    CHECK (resolution IN ('clean_date_updated', 'kept_on_list', 'removed_from_list', 'form_sent', 'contact_removed', 'contact_kept'));
ALTER TABLE volunteer_tasks ADD CONSTRAINT volunteer_tasks_meeting_check
    CHECK ((kind = 'check_meeting_contact') = (meeting_id IS NOT NULL));

-- A meeting's contact is linked to no account: this column was never set.
ALTER TABLE meetings DROP COLUMN contact_account_id;
