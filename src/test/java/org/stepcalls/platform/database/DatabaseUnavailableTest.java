package org.stepcalls.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import javax.transaction.xa.XAException;

import jakarta.transaction.RollbackException;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.ArcUndeclaredThrowableException;

/** The shapes the app really met while PostgreSQL was stopped or killed under writes. */
class DatabaseUnavailableTest {

    @Test
    void aStatementOnATerminatedConnectionIsUnavailableAndNothingWasSaved() {
        RuntimeException flush = new RuntimeException("could not execute statement",
                new SQLException("terminating connection due to administrator command", "57P01"));

        assertThat(DatabaseUnavailable.causedBy(flush)).isTrue();
        assertThat(DatabaseUnavailable.duringCommit(flush)).isFalse();
    }

    @Test
    void aCommitWhoseConnectionBrokeIsUnavailableAndInDoubt() {
        ArcUndeclaredThrowableException thrown = new ArcUndeclaredThrowableException(
                commitRolledBackBy(new SQLException("An I/O error occurred while sending to the backend.", "08006")));

        assertThat(DatabaseUnavailable.causedBy(thrown)).isTrue();
        assertThat(DatabaseUnavailable.duringCommit(thrown)).isTrue();
    }

    @Test
    void aConnectionThePoolHadAlreadyClosedCountsAsUnavailable() {
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException(fromAgroal("io.agroal.pool.wrapper.ConnectionWrapper",
                "Connection is closed")))).isTrue();
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException(fromAgroal("io.agroal.pool.ConnectionPool",
                "Sorry, acquisition timeout!")))).isTrue();
    }

    @Test
    void aResultSetReadAfterItWasClosedIsTheCodesFaultNotAnOutage() {
        // BackupRestoreIT met it: a 503 "try again in a minute" for a bug that every retry meets again
        assertThat(DatabaseUnavailable.causedBy(new IllegalStateException(fromAgroal("io.agroal.pool.wrapper.ResultSetWrapper",
                "ResultSet is closed")))).isFalse();
    }

    /** As Narayana reports a failed one-phase commit: the resource's XAException suppressed on it, not its cause. */
    private static RollbackException commitRolledBackBy(SQLException failure) {
        XAException commitFailed = new XAException(XAException.XA_RBROLLBACK);
        commitFailed.initCause(failure);
        RollbackException rolledBack = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rolledBack.addSuppressed(commitFailed);
        return rolledBack;
    }

    private static SQLException fromAgroal(String className, String message) {
        SQLException raised = new SQLException(message);
        raised.setStackTrace(new StackTraceElement[] { new StackTraceElement(className, "check", "Wrapper.java", 50) });
        return raised;
    }

    @Test
    void aCommitRefusedForTheDataItselfIsNotUnavailable() {
        RollbackException rolledBack = commitRolledBackBy(
                new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThat(DatabaseUnavailable.causedBy(rolledBack)).isFalse();
        assertThat(DatabaseUnavailable.duringCommit(rolledBack)).isFalse();
    }

    @Test
    void aFailureThatSuppressesItselfStillEnds() {
        RuntimeException loop = new RuntimeException("loop");
        RuntimeException other = new RuntimeException("other", loop);
        loop.addSuppressed(other);

        assertThat(DatabaseUnavailable.causedBy(loop)).isFalse();
    }
}
