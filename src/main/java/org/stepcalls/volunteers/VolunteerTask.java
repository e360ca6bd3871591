package org.stepcalls.volunteers;

import java.time.OffsetDateTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Something a call taught the helpline about its list, for a coordinator to settle. It names a
 * list entry or a first name, never the call: no caller detail, and it outlives the call's purge.
 */
@Entity
@Table(name = "volunteer_tasks")
public class VolunteerTask extends PanacheEntityBase {

    public static final String CHECK_ELIGIBILITY = "check_eligibility";
    public static final String REMOVE_FROM_LIST = "remove_from_list";
    public static final String SEND_LIST_FORM = "send_list_form";
    /** R13: a member who left the list gave the number of this meeting's contact. */
    public static final String CHECK_MEETING_CONTACT = "check_meeting_contact";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String kind;

    /** check_eligibility only: relapsed, not_willing or other. */
    @Column
    public String reason;

    /** The entry concerned; null for send_list_form, and once the entry has left the list. */
    @Column(name = "volunteer_id")
    public Long volunteerId;

    /** check_meeting_contact only: the meeting whose contact to check (the task goes with the meeting). */
    @Column(name = "meeting_id")
    public Long meetingId;

    /** send_list_form only: the invited contact's first name. */
    @Column(name = "first_name")
    public String firstName;

    @Column(name = "raised_by")
    public Long raisedBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "done_at")
    public OffsetDateTime doneAt;

    @Column(name = "done_by")
    public Long doneBy;

    /** How it was settled: clean_date_updated, kept_on_list, removed_from_list, form_sent, contact_removed or contact_kept. */
    @Column
    public String resolution;

    public boolean isDone() {
        return doneAt != null;
    }

    /** While open, these keep their entry out of matching: nobody rings them meanwhile. */
    public boolean holdsBack() {
        return kind.equals(CHECK_ELIGIBILITY) || kind.equals(REMOVE_FROM_LIST);
    }
}
