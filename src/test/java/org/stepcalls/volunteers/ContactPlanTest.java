package org.stepcalls.volunteers;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The contacts statement is planned once per connection, not at every lookup: PostgreSQL settles on
 * its generic plan (planning it each time cost more than running it).
 */
@QuarkusTest
class ContactPlanTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void eachLookupStatementSettlesOnItsGenericPlan() throws Exception {
        for (RequestType request : RequestType.values()) {
            try (Connection connection = dataSource.getConnection()) {
                long area = firstArea(connection);
                String sql = ContactMatcher.sql(request);
                // the driver prepares on the server from the fifth use; the server weighs five custom plans first
                for (int i = 0; i < 12; i++) {
                    try (PreparedStatement lookup = connection.prepareStatement(sql)) {
                        lookup.setLong(1, area);
                        lookup.setDouble(2, 80);
                        lookup.setDate(3, Date.valueOf(LocalDate.now().minusYears(1)));
                        lookup.setString(4, i % 2 == 0 ? "female" : "male");
                        lookup.setDouble(5, 80);
                        try (ResultSet rows = lookup.executeQuery()) {
                            while (rows.next()) {
                                rows.getString("kind");
                            }
                        }
                    }
                }
                try (PreparedStatement plans = connection.prepareStatement(
                        "SELECT coalesce(sum(generic_plans), 0) FROM pg_prepared_statements WHERE statement = ?")) {
                    plans.setString(1, asSent(sql));
                    ResultSet row = plans.executeQuery();
                    row.next();
                    assertThat(row.getLong(1)).as("generic plans of the %s lookup", request).isPositive();
                }
            }
        }
    }

    /** The statement as the driver sends it: {@code $1, $2, …} for the {@code ?}s. */
    private static String asSent(String sql) {
        StringBuilder sent = new StringBuilder();
        int n = 0;
        for (char c : sql.toCharArray()) {
            sent.append(c == '?' ? "$" + ++n : String.valueOf(c));
        }
        return sent.toString();
    }

    private static long firstArea(Connection connection) throws Exception {
        try (PreparedStatement first = connection.prepareStatement("SELECT min(id) FROM areas"); ResultSet row = first.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }
}
