package org.stepcalls.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.stepcalls.calls.OverdueCalls;
import org.stepcalls.calls.api.CallFixtures;
import org.stepcalls.forum.api.ForumApiClient;
import org.stepcalls.platform.security.TestUsers;
import org.stepcalls.volunteers.ContactMatcher;
import org.stepcalls.volunteers.RequestType;
import org.stepcalls.volunteers.Sex;
import org.stepcalls.volunteers.api.ListFixtures;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every instance schedules every job; each must still do its work once. Each {@code @Scheduled}
 * method found in the code is run on two threads at the same moment — two instances, as far as
 * PostgreSQL can tell: two connections, two transactions — for a few rounds, with work waiting
 * for it, and then it must have done that work exactly once. A new job must say here how to tell.
 */
@QuarkusTest
class ScheduledJobsRunOnceTest {

    private static final int ROUNDS = 3;
    private static final int CALLS = 6;

    private final ForumApiClient opener = new ForumApiClient(TestUsers.helpliner("sabine"));

    @Inject
    AgroalDataSource dataSource;

    /** How to give a job work and tell that it did it once, by its {@code Class.method}. */
    private interface OnceCheck {
        void seed() throws Exception;

        void assertDoneOnce() throws Exception;
    }

    private final Map<String, OnceCheck> checks = Map.of(
            "CallPurge.onSchedule", new PurgeOnce(),
            "OverdueCalls.remindOpeners", new ReminderOnce(),
            "ExpiryWarnings.onSchedule", new ExpiryWarningOnce(),
            "MailSender.scheduled", new MailSentOnce(),
            "CoordinatorDigest.scheduled", new DigestOnce(),
            "NumberTries.forgetDayOldTries", new TriesForgottenOnce(),
            "ContactMatcher.forgetOldLookups", new YoungLookupsKept(),
            "ContactMatcher.forgetSeenChanges", new UnseenChangesKept());

    @Test
    void everyScheduledJobRunOnTwoInstancesAtOnceDoesItsWorkOnce() throws Exception {
        Map<String, Method> jobs = scheduledJobs();
        assertThat(checks.keySet()).as("each scheduled job, with how to tell it ran once (add new jobs to 'checks')")
                .containsExactlyInAnyOrderElementsOf(jobs.keySet());
        for (Map.Entry<String, Method> job : jobs.entrySet()) {
            OnceCheck check = checks.get(job.getKey());
            check.seed();
            for (int round = 0; round < ROUNDS; round++) {
                runOnTwoInstancesAtOnce(job.getValue());
            }
            check.assertDoneOnce();
            System.out.printf("ScheduledJobsRunOnceTest: %s, %d rounds on two threads at once: done once%n", job.getKey(), ROUNDS);
        }
    }

    @Test
    void whileAnotherInstanceRemindsThisOneSkips() throws Exception {
        ReminderOnce reminder = new ReminderOnce();
        reminder.seed();
        OverdueCalls overdue = Arc.container().instance(OverdueCalls.class).get();
        try (Connection other = dataSource.getConnection(); Statement statement = other.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + JobLock.NAMESPACE + ", hashtext('" + OverdueCalls.REMINDER_JOB + "'))");
            overdue.remindOpeners();
            assertThat(reminder.reminders().values()).as("reminders sent while the other instance holds the job").isEmpty();
            statement.execute("SELECT pg_advisory_unlock(" + JobLock.NAMESPACE + ", hashtext('" + OverdueCalls.REMINDER_JOB + "'))");
        }
        overdue.remindOpeners();
        reminder.assertDoneOnce();
    }

    /** {@code Class.method} of every {@code @Scheduled} method in the application's code (target/classes). */
    private static Map<String, Method> scheduledJobs() throws Exception {
        Map<String, Method> jobs = new LinkedHashMap<>();
        Path classes = Path.of("target/classes");
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, OverdueCalls.class.getClassLoader());
                for (Method method : type.getDeclaredMethods()) {
                    if (method.isAnnotationPresent(Scheduled.class) || method.isAnnotationPresent(Scheduled.Schedules.class)) {
                        jobs.put(type.getSimpleName() + "." + method.getName(), method);
                    }
                }
            }
        }
        return jobs;
    }

    /** The job's method on its bean (through the bean's proxy, so its transactions apply), on two threads at once. */
    private static void runOnTwoInstancesAtOnce(Method job) throws Exception {
        Object bean = Arc.container().instance(job.getDeclaringClass()).get();
        job.setAccessible(true);
        CyclicBarrier together = new CyclicBarrier(2);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread instance = new Thread(() -> {
                try {
                    together.await(10, TimeUnit.SECONDS);
                    job.invoke(bean);
                } catch (Exception | Error failed) {
                    failures.add(failed);
                }
            }, "instance-" + i);
            instances.add(instance);
            instance.start();
        }
        for (Thread instance : instances) {
            instance.join(TimeUnit.MINUTES.toMillis(1));
        }
        assertThat(failures).as(job.getName() + " run twice at once").isEmpty();
    }

    private long openCall() {
        return opener.post("/api/calls", CallFixtures.intake(ListFixtures.area(ListFixtures.origin(), 0))).statusCode(201)
                .extract().jsonPath().getLong("topicId");
    }

    private long count(String query) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    private void sql(String statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }

    /** Every due call leaves exactly one outcome record (none twice, none lost). */
    private final class PurgeOnce implements OnceCheck {
        private static final String DUE = "SELECT count(*) FROM calls WHERE (closed_at IS NOT NULL AND closed_at < now() - interval '7 days')"
                + " OR opened_at < now() - interval '30 days'";
        private long due;
        private long outcomesBefore;

        @Override
        public void seed() throws Exception {
            for (int i = 0; i < CALLS; i++) {
                sql("UPDATE calls SET opened_at = now() - interval '31 days' WHERE topic_id = " + openCall());
            }
            due = count(DUE);
            outcomesBefore = count("SELECT count(*) FROM outcome_records");
        }

        @Override
        public void assertDoneOnce() throws Exception {
            assertThat(count(DUE)).as("due calls left").isZero();
            assertThat(count("SELECT count(*) FROM outcome_records") - outcomesBefore).as("outcome records written")
                    .isEqualTo(due);
        }
    }

    /** Each overdue call's opener is reminded once, not once per instance. */
    private final class ReminderOnce implements OnceCheck {
        private final List<Long> calls = new ArrayList<>();

        @Override
        public void seed() throws Exception {
            for (int i = 0; i < CALLS; i++) {
                long call = openCall();
                sql("UPDATE calls SET last_opener_activity_at = now() - interval '25 hours' WHERE topic_id = " + call);
                calls.add(call);
            }
        }

        Map<Long, Long> reminders() throws SQLException {
            Map<Long, Long> perCall = new LinkedHashMap<>();
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT topic_id, count(*) FROM notifications WHERE kind = "
                            + "'call_overdue' AND topic_id IN (" + String.join(",", calls.stream().map(String::valueOf).toList())
                            + ") GROUP BY topic_id")) {
                while (rows.next()) {
                    perCall.put(rows.getLong(1), rows.getLong(2));
                }
            }
            return perCall;
        }

        @Override
        public void assertDoneOnce() throws Exception {
            Map<Long, Long> perCall = reminders();
            assertThat(perCall.keySet()).as("overdue calls reminded").containsExactlyInAnyOrderElementsOf(calls);
            assertThat(perCall.values()).as("reminders per call").containsOnly(1L);
        }
    }

    /** Each open call near the maximum age warns its opener once (R19), not once per instance. */
    private final class ExpiryWarningOnce implements OnceCheck {
        private final List<Long> calls = new ArrayList<>();

        @Override
        public void seed() throws Exception {
            for (int i = 0; i < CALLS; i++) {
                long call = openCall();
                // 30 days' maximum, warned 3 days before: opened 28 days ago, inside the window
                sql("UPDATE calls SET opened_at = now() - interval '28 days' WHERE topic_id = " + call);
                calls.add(call);
            }
        }

        @Override
        public void assertDoneOnce() throws Exception {
            String ids = String.join(",", calls.stream().map(String::valueOf).toList());
            assertThat(count("SELECT count(DISTINCT topic_id) FROM notifications n JOIN topics t ON t.id = n.topic_id "
                    + "WHERE n.kind = 'expiry_warning' AND n.account_id = t.opener_id AND n.topic_id IN (" + ids + ")"))
                    .as("calls whose opener was warned").isEqualTo(calls.size());
            assertThat(count("SELECT count(*) FROM notifications n JOIN topics t ON t.id = n.topic_id "
                    + "WHERE n.kind = 'expiry_warning' AND n.account_id = t.opener_id AND n.topic_id IN (" + ids + ")"))
                    .as("warnings to the openers").isEqualTo(calls.size());
        }
    }

    /** Each queued e-mail reaches its recipient's mailbox once (the sender claims rows with SKIP LOCKED). */
    private final class MailSentOnce implements OnceCheck {
        private final List<String> recipients = new ArrayList<>();

        @Override
        public void seed() throws Exception {
            long account = count("SELECT min(id) FROM accounts");
            String run = java.util.UUID.randomUUID().toString().substring(0, 8);
            for (int i = 0; i < CALLS; i++) {
                String to = "once-" + run + "-" + i + "@example.org";
                recipients.add(to);
                sql("INSERT INTO mail_outbox (account_id, event, recipient, subject, text_body, html_body, unsubscribe_url, "
                        + "created_at, next_attempt_at) VALUES (" + account + ", 'replies', '" + to + "', 'NA Helpline: A new reply', "
                        + "'Someone replied.', '<p>Someone replied.</p>', 'http://localhost:8081/unsubscribe/x', now(), now())");
            }
        }

        @Override
        public void assertDoneOnce() {
            for (String to : recipients) {
                assertThat(org.stepcalls.platform.mail.Mailbox.to(to)).as("mails to " + to).hasSize(1);
            }
        }
    }

    /** Day-old tries of list numbers go; the day's stay — however many instances delete at once. */
    private final class TriesForgottenOnce implements OnceCheck {
        private final String identity = "'\\x" + java.util.HexFormat.of().formatHex(java.util.UUID.randomUUID().toString()
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "'::bytea";

        @Override
        public void seed() throws Exception {
            sql("INSERT INTO volunteer_number_tries (identity, at) VALUES (" + identity + ", now() - interval '2 days'), ("
                    + identity + ", now() - interval '25 hours'), (" + identity + ", now() - interval '1 hour')");
        }

        @Override
        public void assertDoneOnce() throws Exception {
            assertThat(count("SELECT count(*) FROM volunteer_number_tries WHERE identity = " + identity)).isEqualTo(1);
        }
    }

    /** Each instance forgets its own lookups past their time; the young ones stay, however often it runs. */
    private final class YoungLookupsKept implements OnceCheck {
        private final ContactMatcher matcher = Arc.container().instance(ContactMatcher.class).get();
        private long area;
        private long reads;

        @Override
        public void seed() throws Exception {
            area = ListFixtures.area(ListFixtures.origin(), 0);
            matcher.find(area, Sex.FEMALE, RequestType.PHONE);
            reads = matcher.reads();
        }

        @Override
        public void assertDoneOnce() throws Exception {
            matcher.find(area, Sex.FEMALE, RequestType.PHONE);
            assertThat(matcher.reads()).as("a young lookup read again").isEqualTo(reads);
        }
    }

    /** A change ended moments ago may be unseen by a kept lookup on another instance: no run forgets it. */
    private final class UnseenChangesKept implements OnceCheck {
        private long change;

        @Override
        public void seed() throws Exception {
            ListFixtures.area(ListFixtures.origin(), 0);
            change = count("SELECT max(xid)::text::bigint FROM contact_list_changes");
        }

        @Override
        public void assertDoneOnce() throws Exception {
            assertThat(count("SELECT count(*) FROM contact_list_changes WHERE xid = '" + change + "'::xid8")).isOne();
        }
    }

    /** The coordinators' digest is queued once per interval across instances, not once per instance. */
    private final class DigestOnce implements OnceCheck {
        private long coordinator;

        @Override
        public void seed() throws Exception {
            new ForumApiClient(TestUsers.coordinator("dagny")).get("/api/categories").statusCode(200);
            coordinator = count("SELECT id FROM accounts WHERE username LIKE 'dagny%' AND email IS NOT NULL ORDER BY id DESC LIMIT 1");
            long call = openCall(); // something to say: an overdue call
            sql("UPDATE calls SET last_opener_activity_at = now() - interval '25 hours' WHERE topic_id = " + call);
            sql("DELETE FROM mail_runs WHERE name = 'coordinator_digest'");
            sql("DELETE FROM mail_outbox WHERE event = 'digest' AND account_id = " + coordinator);
        }

        @Override
        public void assertDoneOnce() throws Exception {
            assertThat(count("SELECT count(*) FROM mail_outbox WHERE event = 'digest' AND account_id = " + coordinator))
                    .as("digests for one coordinator in one interval").isEqualTo(1);
        }
    }
}
