package org.stepcalls.platform.web;

import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
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
    /** A check's entry in the reported JSON, as SmallRye writes it: name, then status. */
    private static final Pattern DOWN_CHECK = Pattern.compile("\"name\":\"([^\"]*)\",\"status\":\"DOWN\"");
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
        Matcher down = DOWN_CHECK.matcher(text);
        long warmUpDown = 0;
        while (down.find()) {
            if (!WarmUp.CHECK.equals(down.group(1))) {
                return true;
            }
            warmUpDown++;
        }
        // the overall status is DOWN too: any other DOWN is a check not read above (a name with a quote in it)
        return warmUpDown == 0 || DOWN.matcher(text).results().count() != warmUpDown + 1;
    }
}
