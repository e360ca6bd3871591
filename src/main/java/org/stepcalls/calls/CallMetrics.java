package org.stepcalls.calls;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.stepcalls.platform.metrics.OperatorGauges;
import org.stepcalls.platform.time.AppClock;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;

/**
 * What operators watch of the calls board: how many calls are overdue (R15) and how the purge
 * (R16, R19) went — when it last ran here, how long it took, how many calls and posts it removed.
 * Counts only: no label names a call, a person or a place.
 */
@ApplicationScoped
public class CallMetrics {

    private final AgroalDataSource dataSource;
    private final AppClock clock;
    private final Duration overdueAfter;
    private final Timer purgeDuration;
    private final Counter purgedCalls;
    private final Counter purgedPosts;
    private final AtomicLong lastPurge = new AtomicLong();

    CallMetrics(MeterRegistry registry, AgroalDataSource dataSource, AppClock clock,
            @ConfigProperty(name = "stepcalls.overdue-after") Duration overdueAfter) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.overdueAfter = overdueAfter;
        this.purgeDuration = Timer.builder("stepcalls_purge").description("Purge runs that did the work (not skipped for the lock)")
                .register(registry);
        this.purgedCalls = Counter.builder("stepcalls_purged_calls").description("Calls purged, each leaving its outcome record")
                .register(registry);
        this.purgedPosts = Counter.builder("stepcalls_purged_posts").description("Posts removed with purged calls")
                .register(registry);
        Gauge.builder("stepcalls_purge_last_run_timestamp_seconds", lastPurge, AtomicLong::doubleValue)
                .description("When this instance last finished a purge (Unix time; 0: not since it started)").register(registry);
    }

    void registerOverdueGauge(@Observes StartupEvent start, OperatorGauges gauges) {
        gauges.register("stepcalls_overdue_calls", "Open calls without opener activity for STEPCALLS_OVERDUE_AFTER (R15)",
                this::overdue);
    }

    void purgeRan(Duration took, int calls, int posts) {
        purgeDuration.record(took);
        purgedCalls.increment(calls);
        purgedPosts.increment(posts);
        lastPurge.set(clock.now().toEpochSecond());
    }

    private long overdue() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM calls WHERE closed_at IS NULL AND last_opener_activity_at < ?")) {
            count.setObject(1, OffsetDateTime.now().minus(overdueAfter));
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not count the overdue calls", e);
        }
    }
}
