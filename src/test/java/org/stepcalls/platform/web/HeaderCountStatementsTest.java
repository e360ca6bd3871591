package org.stepcalls.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.stepcalls.platform.security.Role;
import org.stepcalls.platform.security.Viewer;

/** The header's statement: only the counts a viewer is shown, each parameter counted, built once per set. */
class HeaderCountStatementsTest {

    private final HeaderCountStatements statements = new HeaderCountStatements(List.of(
            count("bell", Viewer::isSignedIn, "SELECT count(*) FROM bell WHERE account_id = ?"),
            count("tasks", viewer -> viewer.has(Role.COORDINATOR),
                    "SELECT count(*) FROM tasks WHERE owner_id = ? OR helper_id = ?")));

    @Test
    void aMemberIsAskedOnlyTheCountsAMemberIsShown() {
        HeaderCountStatements.Statement member = statements.forViewer(Viewer.of(7, Role.MEMBER));
        assertThat(member.sql()).isEqualTo("SELECT (SELECT count(*) FROM bell WHERE account_id = ?)");
        assertThat(member.accountParameters()).isEqualTo(1);
        assertThat(member.names()).containsExactly("bell");
    }

    @Test
    void aCoordinatorsStatementHoldsEveryCountInOrderWithEachParameterCounted() {
        HeaderCountStatements.Statement coordinator = statements.forViewer(Viewer.of(7, Role.MEMBER, Role.COORDINATOR));
        assertThat(coordinator.names()).containsExactly("bell", "tasks");
        assertThat(coordinator.accountParameters()).isEqualTo(3);
    }

    @Test
    void viewersShownTheSameCountsShareOneStatement() {
        assertThat(statements.forViewer(Viewer.of(7, Role.MEMBER)))
                .isSameAs(statements.forViewer(Viewer.of(8, Role.MEMBER, Role.HELPLINER)));
    }

    @Test
    void aSignedOutViewerIsAskedNothing() {
        assertThat(statements.forViewer(Viewer.SIGNED_OUT)).isNull();
    }

    private static HeaderCount count(String name, Predicate<Viewer> shownTo, String sql) {
        return new HeaderCount() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean shownTo(Viewer viewer) {
                return shownTo.test(viewer);
            }

            @Override
            public String sql() {
                return sql;
            }
        };
    }
}
