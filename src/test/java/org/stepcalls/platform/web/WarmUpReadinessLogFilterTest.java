package org.stepcalls.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

class WarmUpReadinessLogFilterTest {

    private static final String WARMING_UP = "{\"name\":\"Warm-up\",\"status\":\"DOWN\",\"data\":{\"seconds left\":29}}";
    private static final String WARMED_UP = "{\"name\":\"Warm-up\",\"status\":\"UP\"}";
    private static final String DATABASE_UP = "{\"name\":\"Database connections health check\",\"status\":\"UP\",\"data\":{\"<default>\":\"UP\"}}";
    private static final String DATABASE_DOWN = "{\"name\":\"Database connections health check\",\"status\":\"DOWN\","
            + "\"data\":{\"<default>\":\"Unable to execute the validation check for the default DataSource\"}}";

    private final WarmUpReadinessLogFilter filter = new WarmUpReadinessLogFilter();

    @Test
    void aPollDownOnlyBecauseOfTheWarmUpIsLeftOut() {
        assertThat(filter.isLoggable(downReport(DATABASE_UP, WARMING_UP))).isFalse();
    }

    @Test
    void aPollWithTheDatabaseDownIsLoggedWhetherWarmingUpOrNot() {
        assertThat(filter.isLoggable(downReport(DATABASE_DOWN, WARMING_UP))).isTrue();
        assertThat(filter.isLoggable(downReport(DATABASE_DOWN, WARMED_UP))).isTrue();
        assertThat(filter.isLoggable(downReport(WARMING_UP, DATABASE_DOWN))).as("whatever the order").isTrue();
    }

    @Test
    void everythingElseIsLogged() {
        ExtLogRecord elsewhere = downReport(DATABASE_UP, WARMING_UP);
        elsewhere.setLoggerName("org.stepcalls.platform.web.WarmUp");
        assertThat(filter.isLoggable(elsewhere)).as("another logger").isTrue();
        ExtLogRecord otherMessage = record("SRHCK01000: Error processing Health Checks", new Object[0]);
        assertThat(filter.isLoggable(otherMessage)).isTrue();
        assertThat(filter.isLoggable(record("SRHCK01001: Reporting health down status: %s", new Object[] { "not JSON" })))
                .as("a report it cannot read").isTrue();
        assertThat(filter.isLoggable(downReport("{\"name\":\"Say \\\"hello\\\"\",\"status\":\"DOWN\"}", WARMING_UP)))
                .as("a DOWN check whose name it cannot read").isTrue();
    }

    /** As SmallRye Health's message logger writes it: a printf format and the status as its one parameter. */
    private static ExtLogRecord downReport(String... checks) {
        return record("SRHCK01001: Reporting health down status: %s",
                new Object[] { "{\"status\":\"DOWN\",\"checks\":[" + String.join(",", checks) + "]}" });
    }

    private static ExtLogRecord record(String format, Object[] parameters) {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, format, ExtLogRecord.FormatStyle.PRINTF, "org.jboss.logging.Logger");
        record.setParameters(parameters);
        record.setLoggerName("io.smallrye.health");
        return record;
    }
}
