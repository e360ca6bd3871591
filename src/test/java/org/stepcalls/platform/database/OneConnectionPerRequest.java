package org.stepcalls.platform.database;

import java.sql.Connection;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalPoolInterceptor;

/**
 * In every Quarkus test: a request thread that takes a second pool connection while it holds one
 * fails at once. Under load such a request waits for a connection its neighbours hold while they
 * wait for theirs, and the pool stalls until the acquisition timeout (found by the load benchmark:
 * the account lookup read its result as a stream it never closed, which kept its connection until
 * the request ended, so the request's transaction needed a second).
 */
@ApplicationScoped
public class OneConnectionPerRequest implements AgroalPoolInterceptor {

    private static final Logger LOG = Logger.getLogger(OneConnectionPerRequest.class);
    private static final ThreadLocal<int[]> HELD = ThreadLocal.withInitial(() -> new int[1]);

    @Override
    public void onConnectionAcquire(Connection connection) {
        int[] held = HELD.get();
        held[0]++;
        if (held[0] > 1 && Thread.currentThread().getName().startsWith("executor-thread")) {
            held[0]--;
            String where = StackWalker.getInstance().walk(frames -> frames
                    .filter(f -> f.getClassName().startsWith("org.stepcalls") && !f.getClassName().contains("_")
                            && !f.getClassName().equals(OneConnectionPerRequest.class.getName()))
                    .map(f -> f.getClassName().replaceAll(".*\\.", "") + "." + f.getMethodName() + ":" + f.getLineNumber())
                    .toList()).toString();
            LOG.error("A request took a second pool connection while holding one, at " + where);
            throw new IllegalStateException("A request took a second pool connection while holding one, at " + where);
        }
    }

    @Override
    public void onConnectionReturn(Connection connection) {
        int[] held = HELD.get();
        held[0] = Math.max(0, held[0] - 1);
    }
}
