package org.stepcalls.platform.web;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * SmallRye Health logs every readiness poll it answers DOWN, at INFO: while this instance warms up,
 * every poll of its first half minute (HAProxy asks every second, a Kubernetes probe every few, the
 * benchmark every half second: 57 lines). {@link WarmUp} says itself when it starts and when it
 * is done, so a DOWN that is the warm-up's alone is left out of the log; one where any other check is
 * DOWN (the database) is logged as before, and so is anything this filter does not recognise.
 */
@LoggingFilter(name = WarmUpReadinessLogFilter.NAME)
public final class WarmUpReadinessLogFilter implements Filter {

    static final String NAME = "warm-up-readiness";
    private static final String HEALTH_LOGGER = "io.smallrye.health";
    private static final String DOWN_REPORT = "SRHCK01001";
    /** The warm-up's entry in the reported JSON, as SmallRye writes a check: name, then status. */
    private static final String WARM_UP_DOWN = "\"name\":\"" + WarmUp.CHECK + "\",\"status\":\"DOWN\"";
    private static final Pattern DOWN = Pattern.compile("\"status\":\"DOWN\"");

    @Override
    public boolean isLoggable(LogRecord record) {
        if (!HEALTH_LOGGER.equals(record.getLoggerName())) {
            return true;
        }
        String text = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (text == null || !text.startsWith(DOWN_REPORT)) {
            return true;
        }
        // two DOWNs, the overall status and the warm-up's: any third is another check (or its data)
        return !text.contains(WARM_UP_DOWN) || DOWN.matcher(text).results().count() != 2;
    }
}
