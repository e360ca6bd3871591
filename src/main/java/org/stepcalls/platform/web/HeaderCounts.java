package org.stepcalls.platform.web;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;
import org.stepcalls.platform.security.CurrentUser;
import org.stepcalls.platform.security.Viewer;

/**
 * The header's counts for this request ({@code inject:headerCounts.of('notifications')}), all asked in
 * one statement the first time the layout wants one: they are on every page, and each statement of
 * its own cost a round trip and a transaction (two of a helpliner's topic page's six).
 */
@RequestScoped
@Named("headerCounts")
public class HeaderCounts {

    private final HeaderCountStatements statements;
    private final CurrentUser currentUser;
    private final EntityManager entityManager;
    private Map<String, Long> counted;

    HeaderCounts(HeaderCountStatements statements, CurrentUser currentUser, EntityManager entityManager) {
        this.statements = statements;
        this.currentUser = currentUser;
        this.entityManager = entityManager;
    }

    /** The named count, 0 for one this viewer is not shown (or an unknown name). */
    public long of(String name) {
        if (io.vertx.core.Context.isOnEventLoopThread() || !currentUser.isSignedIn()) {
            return 0; // an error page rendered on an I/O thread cannot query; the next page shows the count
        }
        if (counted == null) {
            counted = countAll(currentUser.viewer());
        }
        return counted.getOrDefault(name, 0L);
    }

    /**
     * On the session's own connection: the page's reads may still hold it, and a second from the pool
     * could wait for connections other requests hold.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    Map<String, Long> countAll(Viewer viewer) {
        HeaderCountStatements.Statement statement = statements.forViewer(viewer);
        Map<String, Long> result = new HashMap<>();
        if (statement == null) {
            return result;
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(statement.sql())) {
                for (int i = 1; i <= statement.accountParameters(); i++) {
                    select.setLong(i, viewer.accountId());
                }
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    for (int i = 0; i < statement.names().size(); i++) {
                        result.put(statement.names().get(i), row.getLong(i + 1));
                    }
                }
            }
            return result;
        });
    }
}
