package org.stepcalls.calls;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One templated post of a call (R12): an attempt, a report-back, a callback or the outcome. */
@Entity
@Table(name = "call_records")
public class CallRecord extends PanacheEntityBase {

    public static final String ATTEMPT = "attempt";
    public static final String REPORT_BACK = "report_back";
    public static final String CALLBACK = "callback";
    public static final String OUTCOME = "outcome";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "call_id", nullable = false)
    public long callId;

    @Column(name = "post_id", nullable = false)
    public long postId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "contact_type")
    public String contactType;

    @Column(name = "volunteer_id")
    public Long volunteerId;

    @Column(name = "meeting_id")
    public Long meetingId;

    /** Who was tried, as the timeline names them: a first name or a meeting's name. Never a number. */
    @Column(name = "contact_label")
    public String contactLabel;

    @Column
    public String result;

    @Column(name = "check_clean_time")
    public Boolean checkCleanTime;

    @Column(name = "check_willing")
    public Boolean checkWilling;

    @Column(name = "check_knows_guidelines")
    public Boolean checkKnowsGuidelines;

    @Column(name = "accepted_for")
    public String acceptedFor;

    @Column(name = "partner_volunteer_id")
    public Long partnerVolunteerId;

    @Column(name = "invited_to_list")
    public Boolean invitedToList;

    /** R9: the invited contact's first name, as the opener gave it (never a number). */
    @Column(name = "invited_first_name")
    public String invitedFirstName;

    /** not_eligible only: relapsed, not_willing or other. */
    @Column
    public String reason;

    /** R7: a partner off the list, by first name, vouched for by the volunteer who accepted. */
    @Column(name = "partner_first_name")
    public String partnerFirstName;

    @Column(name = "vouched_by_volunteer_id")
    public Long vouchedByVolunteerId;

    /** R11: a report back's accepted attempt. */
    @Column(name = "reports_on_record_id")
    public Long reportsOnRecordId;

    @Column
    public Boolean reached;

    /** For an accepted volunteer: were they of the caller's sex (R8)? Kept now; the volunteer may leave. */
    @Column(name = "same_sex")
    public Boolean sameSex;

    /** R12: the post of an earlier record of this call that this one corrects, or null. */
    @Column(name = "corrects_post_id")
    public Long correctsPostId;

    @Column(name = "notes_cipher")
    byte[] notesCipher;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.UK);
    private static final ZoneId HELPLINE_ZONE = ZoneId.of("Europe/London");

    /** How a correction names this record: "the attempt of 1 Dec 14:05" (helpline time). */
    public String label() {
        String what = switch (kind) {
            case ATTEMPT -> "attempt";
            case REPORT_BACK -> "report back";
            case CALLBACK -> "callback";
            default -> "outcome";
        };
        return "the " + what + " of " + createdAt.atZoneSameInstant(HELPLINE_ZONE).format(WHEN);
    }
}
