package org.stepcalls.volunteers;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.privacy.DramaNumbers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Lookups are kept per instance and asked again of the tables only when something they read
 * changed: every change, made anywhere (here plain SQL, as psql or another instance would), is
 * seen at the very next lookup (R6, R13: nobody taken off the list is offered a moment longer).
 */
@QuarkusTest
class KeptContactsTest {

    /** Stands for {@link ContactMatcher#SEEN_BY_ALL} in the forgetting test. */
    private static final Duration SHORT = Duration.ofMillis(500);

    @Inject
    ContactMatcher matcher;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aLookupAskedAgainWithNothingChangedIsNotReadAgain() throws Exception {
        long here = ListFixtures.area(ListFixtures.origin(), 0);
        ListFixtures.addId(ListFixtures.volunteer("Kit", "female", here));
        // another test's background work may change the list in between: then try again
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = changes();
            matcher.find(here, Sex.FEMALE, RequestType.PHONE);
            long reads = matcher.reads();
            matcher.find(here, Sex.FEMALE, RequestType.PHONE);
            if (changes() == before) {
                assertThat(matcher.reads()).as("tables read again for the same lookup").isEqualTo(reads);
                return;
            }
        }
        throw new AssertionError("the list kept changing");
    }

    @Test
    void aVolunteerMadeInactiveIsGoneFromTheNextLookup() throws Exception { // R6
        long here = ListFixtures.area(ListFixtures.origin(), 0);
        long ida = ListFixtures.addId(ListFixtures.volunteer("Ida", "female", here));
        assertGoneAfter(here, ida, "UPDATE volunteers SET active = false WHERE id = " + ida);
    }

    @Test
    void anAreaNoLongerCoveredIsGoneFromTheNextLookup() throws Exception {
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long near = ListFixtures.area(origin, 10);
        Map<String, Object> covering = ListFixtures.volunteer("Cass", "female", near);
        covering.put("areaIds", List.of(near, here));
        long cass = ListFixtures.addId(covering);
        assertThat(listed(here, cass).distanceKm()).isEqualTo(0.0);
        sql("DELETE FROM volunteer_areas WHERE volunteer_id = " + cass + " AND area_id = " + here);
        assertThat(listed(here, cass).distanceKm()).isEqualTo(10.0);
    }

    @Test
    void aVolunteerRenamedShowsTheNewNameAtTheNextLookup() throws Exception {
        long here = ListFixtures.area(ListFixtures.origin(), 0);
        long rhea = ListFixtures.addId(ListFixtures.volunteer("Rhea", "female", here));
        assertThat(listed(here, rhea).firstName()).isEqualTo("Rhea");
        sql("UPDATE volunteers SET first_name = 'Rhiannon' WHERE id = " + rhea); // volunteers alone: no copy in volunteer_areas
        assertThat(listed(here, rhea).firstName()).isEqualTo("Rhiannon");
    }

    @Test
    void aVolunteerWithAnOpenCheckIsGoneFromTheNextLookup() throws Exception { // R13
        long here = ListFixtures.area(ListFixtures.origin(), 0);
        long tess = ListFixtures.addId(ListFixtures.volunteer("Tess", "female", here));
        assertGoneAfter(here, tess, "INSERT INTO volunteer_tasks (kind, reason, volunteer_id, created_at)"
                + " VALUES ('check_eligibility', 'relapsed', " + tess + ", now())");
    }

    @Test
    void anAreaMovedAwayTakesItsVolunteersOutOfTheNextLookup() throws Exception {
        String origin = ListFixtures.origin();
        long here = ListFixtures.area(origin, 0);
        long near = ListFixtures.area(origin, 10);
        long nell = ListFixtures.addId(ListFixtures.volunteer("Nell", "female", near));
        assertGoneAfter(here, nell, "UPDATE areas SET latitude = 85 WHERE id = " + near); // far north of every test's places
    }

    @Test
    void aMeetingRenamedShowsItsNewNameAtTheNextLookup() throws Exception {
        long here = ListFixtures.area(ListFixtures.origin(), 0);
        long meeting = meeting(here, "Harbour Group");
        assertThat(meetingNames(here)).containsExactly("Harbour Group");
        sql("UPDATE meetings SET name = 'Quayside Group' WHERE id = " + meeting);
        assertThat(meetingNames(here)).containsExactly("Quayside Group");
    }

    @Test
    void aMeetingWhoseContactIsBeingCheckedIsGoneFromTheNextLookup() throws Exception { // R13
        long here = ListFixtures.area(ListFixtures.origin(), 0);
        long meeting = meeting(here, "Pier Group");
        assertThat(meetingNames(here)).containsExactly("Pier Group");
        sql("INSERT INTO volunteer_tasks (kind, meeting_id, created_at) VALUES ('check_meeting_contact', " + meeting + ", now())");
        assertThat(meetingNames(here)).isEmpty();
    }

    @Test
    void twoTransactionsChangingTheListDoNotWaitForEachOther() throws Exception {
        long here = ListFixtures.area(ListFixtures.origin(), 0);
        long una = ListFixtures.addId(ListFixtures.volunteer("Una", "female", here));
        long vi = ListFixtures.addId(ListFixtures.volunteer("Vi", "female", here));
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            try (Statement one = first.createStatement(); Statement other = second.createStatement()) {
                one.executeUpdate("UPDATE volunteers SET can_visit = false WHERE id = " + una);
                other.execute("SET LOCAL lock_timeout = '2s'"); // a shared lock would make this one wait for the first
                other.executeUpdate("UPDATE volunteers SET can_visit = false WHERE id = " + vi);
                second.commit();
                first.commit();
            }
        }
        assertThat(matcher.find(here, Sex.FEMALE, RequestType.VISIT).orElseThrow().volunteers()).extracting(v -> v.id())
                .doesNotContain(una, vi);
    }

    @Test
    void aChangeIsForgottenOnlyOnceEveryKeptLookupHasSeenIt() throws Exception {
        long here = ListFixtures.area(ListFixtures.origin(), 0); // a change, ended before anything below
        long ended = count("SELECT max(xid)::text::bigint FROM contact_list_changes");
        long running;
        try (Connection open = dataSource.getConnection()) {
            open.setAutoCommit(false);
            try (Statement change = open.createStatement(); ResultSet id = change.executeQuery(
                    "UPDATE areas SET region = region WHERE id = " + here + " RETURNING pg_current_xact_id()::text::bigint")) {
                id.next();
                running = id.getLong(1);
            }
            matcher.forgetChangesSeenBefore(SHORT); // marked while that transaction runs
            open.commit();
        }
        Thread.sleep(SHORT.toMillis() + 100);
        matcher.forgetChangesSeenBefore(SHORT); // the mark old enough is the one taken while it ran: a kept lookup may not have seen it
        assertThat(count("SELECT count(*) FROM contact_list_changes WHERE xid <= '" + ended + "'::xid8")).isZero();
        assertThat(count("SELECT count(*) FROM contact_list_changes WHERE xid = '" + running + "'::xid8")).isOne();
        Thread.sleep(SHORT.toMillis() + 100);
        matcher.forgetChangesSeenBefore(SHORT); // now the one taken after it ended
        assertThat(count("SELECT count(*) FROM contact_list_changes WHERE xid = '" + running + "'::xid8")).isZero();
    }

    @Test
    void aTransactionSeesItsOwnChangeInItsNextLookup() throws Exception {
        long here = ListFixtures.area(ListFixtures.origin(), 0);
        long ada = ListFixtures.addId(ListFixtures.volunteer("Ada", "female", here));
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                assertThat(volunteerIds(here)).contains(ada); // read before it wrote: kept
                sql("UPDATE volunteers SET active = false WHERE id = " + ada);
                assertThat(volunteerIds(here)).doesNotContain(ada);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void aLookupMadeInsideATransactionIsNotServedAfterTheTransactionsLaterChanges() throws Exception {
        long here = ListFixtures.area(ListFixtures.origin(), 0);
        long first = ListFixtures.addId(ListFixtures.volunteer("Fay", "female", here));
        long second = ListFixtures.addId(ListFixtures.volunteer("Sue", "female", here));
        QuarkusTransaction.requiringNew().run(() -> {
            try {
                sql("UPDATE volunteers SET active = false WHERE id = " + first);
                // a transaction begun and ended meanwhile makes this one's own id look committed in its snapshot
                QuarkusTransaction.requiringNew().call(() -> count("SELECT pg_current_xact_id()::text::bigint"));
                assertThat(volunteerIds(here)).doesNotContain(first).contains(second); // read by a transaction that wrote: not kept
                sql("UPDATE volunteers SET active = false WHERE id = " + second);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(volunteerIds(here)).doesNotContain(first, second);
    }

    private static long meeting(long area, String name) {
        return new ForumApiClient(ListFixtures.coordinator()).post("/api/meetings", Map.of("name", name, "areaId", area,
                "weekday", "friday", "time", "19:30", "contactName", "Hal", "contactPhone", DramaNumbers.landline()))
                .statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Listed for a woman's phone call in {@code area} before {@code change}, not at the lookup after it. */
    private void assertGoneAfter(long area, long volunteer, String change) throws Exception {
        assertThat(volunteerIds(area)).contains(volunteer);
        sql(change);
        assertThat(volunteerIds(area)).doesNotContain(volunteer);
    }

    private ContactMatcher.VolunteerContact listed(long area, long id) {
        return matcher.find(area, Sex.FEMALE, RequestType.PHONE).orElseThrow().volunteers().stream().filter(v -> v.id() == id)
                .findFirst().orElseThrow();
    }

    private List<Long> volunteerIds(long area) {
        return matcher.find(area, Sex.FEMALE, RequestType.PHONE).orElseThrow().volunteers().stream()
                .map(ContactMatcher.VolunteerContact::id).toList();
    }

    private List<String> meetingNames(long area) {
        return matcher.find(area, Sex.FEMALE, RequestType.PHONE).orElseThrow().meetings().stream()
                .map(ContactMatcher.MeetingContact::name).toList();
    }

    private void sql(String statement) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement change = connection.prepareStatement(statement)) {
            change.executeUpdate();
        }
    }

    private long changes() throws Exception {
        return count("SELECT count(*) FROM contact_list_changes");
    }

    private long count(String query) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement read = connection.prepareStatement(query);
                ResultSet row = read.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
