package org.stepcalls.platform.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.stepcalls.platform.database.DatabaseUnavailable;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * Registers the gauges that count rows in the database (backlogs, overdue calls). Each is read at
 * scrape time but at most once per {@link #FRESH_FOR}, so a scraper never costs more than a query
 * per gauge per quarter minute; while the database is away the gauge reads NaN (no data), not 0.
 */
@ApplicationScoped
public class OperatorGauges {

    static final Duration FRESH_FOR = Duration.ofSeconds(15);

    private static final Logger LOG = Logger.getLogger(OperatorGauges.class);

    private final MeterRegistry registry;

    OperatorGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void registerBacklogs(@Observes StartupEvent start, Instance<Backlog> backlogs) {
        for (Backlog backlog : backlogs) {
            register("stepcalls_backlog", "Items waiting in a queue of work", backlog::size, "queue", backlog.name());
        }
    }

    /**
     * A gauge counting something in the database.
     *
     * @param tags fixed words only (name, value, …): never a person's text or an id
     */
    public void register(String name, String description, LongSupplier count, String... tags) {
        CachedCount cached = new CachedCount(name, count);
        Gauge.builder(name, cached, CachedCount::value).description(description).tags(tags).strongReference(true)
                .register(registry);
    }

    private static final class CachedCount {
        private final String name;
        private final LongSupplier count;
        private long readAt;
        private double value = Double.NaN;

        CachedCount(String name, LongSupplier count) {
            this.name = name;
            this.count = count;
        }

        synchronized double value() {
            long now = System.nanoTime();
            if (readAt == 0 || now - readAt > FRESH_FOR.toNanos()) {
                readAt = now;
                try {
                    value = count.getAsLong();
                } catch (RuntimeException failed) {
                    value = Double.NaN;
                    if (!DatabaseUnavailable.causedBy(failed)) { // the class only: a message could quote a value
                        LOG.warnf("Gauge %s could not be read: %s", name, failed.getClass().getName());
                    }
                }
            }
            return value;
        }
    }
}
