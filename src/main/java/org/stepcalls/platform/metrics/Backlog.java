package org.stepcalls.platform.metrics;

/**
 * A queue of work waiting to be done (the e-mail outbox, for one): a feature that keeps one offers
 * a bean of this type and operators see its length as {@code stepcalls_backlog{queue="<name>"}}.
 * The name is a fixed word chosen by the code, never anything a person typed.
 */
public interface Backlog {

    /** The queue's label value, e.g. {@code email_outbox}. */
    String name();

    /** How many items wait now; called at each scrape, so one cheap query at most. */
    long size();
}
