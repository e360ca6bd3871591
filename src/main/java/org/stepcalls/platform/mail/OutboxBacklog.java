package org.stepcalls.platform.mail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import jakarta.enterprise.context.ApplicationScoped;

import org.stepcalls.platform.metrics.Backlog;

import io.agroal.api.AgroalDataSource;

/** The e-mails waiting to go out, for operators ({@code stepcalls_backlog{queue="email_outbox"}}). */
@ApplicationScoped
class OutboxBacklog implements Backlog {

    private final AgroalDataSource dataSource;

    OutboxBacklog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public String name() {
        return "email_outbox";
    }

    @Override
    public long size() {
        try (Connection connection = dataSource.getConnection(); Statement count = connection.createStatement();
                ResultSet row = count.executeQuery("SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL")) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the e-mail outbox", e);
        }
    }
}
