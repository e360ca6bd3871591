-- The meeting-first path (issue 12): meetings gain a venue and are searched by place and day;
-- a caller encouraged to a meeting at intake, and a refusal under R1/R2, leave one anonymised
-- outcome record and nothing else; "meeting_welcome" is a third request; an open call's opener is
-- warned once before the purge takes it unclosed.

-- a venue is public information (an address or "church hall, side door"); never a contact detail
ALTER TABLE meetings ADD COLUMN venue text CHECK (char_length(venue) <= 300);

-- someone meets the newcomer at this meeting's door
ALTER TABLE calls DROP CONSTRAINT calls_request_type_check;
ALTER TABLE calls ADD CONSTRAINT calls_request_type_check
    CHECK (request_type IN ('phone', 'visit', 'meeting_welcome'));
ALTER TABLE calls ADD COLUMN meeting_id bigint REFERENCES meetings (id) ON DELETE SET NULL;
ALTER TABLE calls DROP CONSTRAINT calls_outcome_check;
ALTER TABLE calls ADD CONSTRAINT calls_outcome_check
    CHECK (outcome IN ('volunteer_phoned', 'visit_in_pairs', 'referred_to_meeting', 'caller_unreachable',
                       'caller_declined', 'no_volunteer_found', 'welcomed_at_meeting'));
ALTER TABLE call_records DROP CONSTRAINT call_records_accepted_for_check;
ALTER TABLE call_records ADD CONSTRAINT call_records_accepted_for_check
    CHECK (accepted_for IN ('phone', 'visit', 'meeting_welcome'));

-- when the opener was told the call would be purged unclosed: once per call
ALTER TABLE calls ADD COLUMN expiry_warned_at timestamptz;

-- "intake" is what ended at intake, no call opened: referred to a meeting, or refused (R1, R2)
ALTER TABLE outcome_records DROP CONSTRAINT outcome_records_request_type_check;
ALTER TABLE outcome_records ADD CONSTRAINT outcome_records_request_type_check
    CHECK (request_type IN ('phone', 'visit', 'meeting_welcome', 'intake'));
ALTER TABLE outcome_records DROP CONSTRAINT outcome_records_outcome_check;
ALTER TABLE outcome_records ADD CONSTRAINT outcome_records_outcome_check
    CHECK (outcome IN ('volunteer_phoned', 'visit_in_pairs', 'referred_to_meeting', 'caller_unreachable',
                       'caller_declined', 'no_volunteer_found', 'expired_unclosed', 'welcomed_at_meeting',
                       'referred_to_meeting_at_intake', 'refused_not_addict', 'refused_prison_gate'));

-- the roles an account's token carried at its last request: whom a scheduled job tells "coordinators"
ALTER TABLE accounts ADD COLUMN roles text[] NOT NULL DEFAULT '{}';
