package org.stepcalls.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.inject.Inject;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.stepcalls.forum.web.PageSession;
import org.stepcalls.platform.security.TestUsers;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** The header's counts, asked together in one statement: each is the viewer's own and shown only to whom it concerns. */
@QuarkusTest
class HeaderCountsTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void eachCountIsTheViewersOwnAndOnlyTheRolesItConcernsSeeIt() throws SQLException {
        PageSession hana = new PageSession(TestUsers.token("hana-header", "helpliner", "coordinator", "member"));
        PageSession milo = new PageSession(TestUsers.member("milo-header"));
        hana.page("/");
        milo.page("/");
        unreadNotification("hana-header");
        unreadNotification("hana-header");
        unreadNotification("milo-header");
        long task = openTask();
        Document hanas;
        try {
            hanas = hana.page("/");
            assertThat(hanas.select("header a[href=/tasks] .badge").text()).isEqualTo(String.valueOf(openTasks()));
        } finally {
            closeTask(task); // other tests count the coordinators' open tasks
        }
        assertThat(hanas.select("header a[href=/notifications] .badge").text()).isEqualTo("2");
        assertThat(hanas.selectFirst("header a[href=/notifications]").attr("aria-label")).isEqualTo("Notifications: 2 unread");
        assertThat(hanas.selectFirst("header a[href=/calls/mine]").attr("aria-label")).isEqualTo("My calls: 0 open");
        assertThat(hanas.select("header a[href=/calls/mine] .badge")).isEmpty();

        Document milos = milo.page("/");
        assertThat(milos.select("header a[href=/notifications] .badge").text()).isEqualTo("1");
        assertThat(milos.select("header a[href=/calls/mine], header a[href=/tasks]")).isEmpty();
    }

    private void unreadNotification(String subjectName) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO notifications (account_id, kind, text, created_at)
                SELECT id, 'mentioned', 'Someone mentioned you', now() FROM accounts WHERE subject = ?""")) {
            insert.setString(1, "sub-" + subjectName);
            assertThat(insert.executeUpdate()).isEqualTo(1);
        }
    }

    private long openTask() throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO volunteer_tasks (kind, created_at) VALUES ('remove_from_list', now()) RETURNING id");
                ResultSet row = insert.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private void closeTask(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE volunteer_tasks SET done_at = now(), resolution = 'kept_on_list' WHERE id = ?")) {
            update.setLong(1, id);
            update.executeUpdate();
        }
    }

    private long openTasks() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM volunteer_tasks WHERE done_at IS NULL");
                ResultSet row = count.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
