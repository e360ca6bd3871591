package org.stepcalls.privacy;

import java.util.List;

import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Every row of every table as text, bytea as hex — what a pg_dump would hold, for tests that
 * prove a value is stored nowhere in clear. (pg_dump itself is not available for PostgreSQL 18
 * here: the embedded binaries ship none and Debian's is version 15.)
 */
public final class WholeDatabase {

    private WholeDatabase() {
    }

    @SuppressWarnings("unchecked")
    public static String asText(EntityManager entityManager) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<String> tables = entityManager.createNativeQuery(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'").getResultList();
            StringBuilder all = new StringBuilder();
            for (String table : tables) {
                List<Object> rows = entityManager.createNativeQuery("SELECT row_to_json(t)::text FROM " + table + " t")
                        .getResultList();
                rows.forEach(row -> all.append(row).append('\n'));
            }
            return all.toString();
        });
    }
}
