package org.stepcalls.platform.web;

/**
 * One round of the work members' requests do, run in-process by {@link WarmUp} before the
 * instance reports ready, so the JIT has compiled it by the time the load balancer sends anyone.
 * A round reads and renders only: it writes nothing, logs nothing of what it read, and acts as
 * nobody who exists.
 */
public interface WarmUpExercise {

    /** What the round exercises, for the log and the round counts: "the latest page". */
    String name();

    /** One round; false when there was nothing to do yet (it is asked again). */
    boolean run() throws Exception;
}
