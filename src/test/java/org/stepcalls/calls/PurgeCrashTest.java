package org.stepcalls.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepcalls.calls.api.CallFixtures;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.volunteers.api.ListFixtures;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * R16, R19 (issue 15): a purge that dies part-way — the app killed between two batches, or inside
 * one — leaves no call half-purged, and running it again finishes the job: each call's outcome
 * written once, its key gone, its topic gone. The death is a failure raised by the database while
 * the second batch deletes its topics, after that batch has written its outcomes and deleted its
 * keys: what PostgreSQL does with the transaction of an app killed at that moment (it never
 * commits) is what it does here (it rolls back).
 */
@QuarkusTest
class PurgeCrashTest {

    private static final int CALLS = CallPurge.BATCH + 5;

    @Inject
    CallPurge purge;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aPurgeKilledBetweenOrInsideBatchesLeavesNoCallHalfPurgedAndARerunFinishesIt() throws Exception {
        purge.run("manual", null); // nothing due from earlier tests: only this test's calls count below
        ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("perpetua"));
        long area = ListFixtures.area(ListFixtures.origin(), 0);
        List<Long> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(opener.post("/api/calls", CallFixtures.intake(area)).statusCode(201).extract().jsonPath().getLong("topicId"));
        }
        String mine = calls.stream().map(String::valueOf).collect(Collectors.joining(","));
        long dying = calls.get(calls.size() - 1); // at least BATCH of this test's due calls sort before it: a later batch
        execute("UPDATE calls SET opened_at = now() - interval '31 days' WHERE topic_id IN (" + mine + ")");
        long outcomesBefore = count("SELECT count(*) FROM outcome_records");
        execute("""
                CREATE FUNCTION purge_dies() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the app died here'; END $$""");
        execute("CREATE TRIGGER purge_dies BEFORE DELETE ON topics FOR EACH ROW WHEN (OLD.id = " + dying
                + ") EXECUTE FUNCTION purge_dies()");
        try {
            assertThatThrownBy(() -> purge.run("schedule", null)).as("the purge dies in its second batch");
        } finally {
            execute("DROP TRIGGER purge_dies ON topics");
            execute("DROP FUNCTION purge_dies()");
        }

        long gone = CALLS - count("SELECT count(*) FROM topics WHERE id IN (" + mine + ")");
        assertThat(gone).as("the first batch committed").isEqualTo(CallPurge.BATCH);
        assertNoCallHalfPurged(mine, outcomesBefore);

        CallPurge.Result rerun = purge.run("schedule", null);
        assertThat(rerun.purgedCalls()).as("the rerun purges what the dead one left").isEqualTo(CALLS - CallPurge.BATCH);
        assertThat(count("SELECT count(*) FROM topics WHERE id IN (" + mine + ")")).isZero();
        assertThat(count("SELECT count(*) FROM calls WHERE topic_id IN (" + mine + ")")).isZero();
        assertThat(count("SELECT count(*) FROM outcome_records") - outcomesBefore).as("one outcome per call, once")
                .isEqualTo(CALLS);
        assertThat(purge.run("schedule", null).purgedCalls()).as("a third run finds nothing").isZero();
        System.out.printf("Purge killed in batch 2 of %d calls: %d purged whole, %d left whole; the rerun purged %d%n", CALLS,
                gone, CALLS - gone, rerun.purgedCalls());
    }

    /** Each call is either all there (topic, call, key; no outcome) or all gone (outcome only). */
    private void assertNoCallHalfPurged(String mine, long outcomesBefore) throws Exception {
        long remaining = count("SELECT count(*) FROM calls WHERE topic_id IN (" + mine + ")");
        assertThat(count("SELECT count(*) FROM topics WHERE id IN (" + mine + ")")).isEqualTo(remaining);
        assertThat(count("SELECT count(*) FROM calls c JOIN data_keys k ON k.id = c.data_key_id WHERE c.topic_id IN ("
                + mine + ")")).as("every remaining call still has its key").isEqualTo(remaining);
        assertThat(count("SELECT count(*) FROM outcome_records") - outcomesBefore).as("an outcome for each purged call only")
                .isEqualTo(CALLS - remaining);
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
