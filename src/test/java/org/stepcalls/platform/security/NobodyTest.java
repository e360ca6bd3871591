package org.stepcalls.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;

/** The warm-up's member: signed in, a member only, an account nobody has, and only on a context of its own. */
@QuarkusTest
class NobodyTest {

    @Inject
    Nobody nobody;

    @Inject
    CurrentUser currentUser;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void signsInAsAMemberWithoutFindingOrMakingAnAccount() throws Exception {
        long accounts = accounts();

        Viewer seen = CompletableFuture.supplyAsync(() -> nobody.signedIn(() -> { // a test's own thread has a request context
            assertThat(currentUser.isSignedIn()).isTrue();
            assertThat(currentUser.signedInWithApiKey()).isFalse();
            assertThat(currentUser.account().id()).isEqualTo(-1L);
            return currentUser.viewer();
        })).get(1, TimeUnit.MINUTES);

        assertThat(seen).isEqualTo(Nobody.VIEWER);
        assertThat(seen.roles()).isEqualTo(Set.of(Role.MEMBER));
        assertThat(accounts()).as("no account was made for nobody").isEqualTo(accounts);
        assertThat(CompletableFuture.supplyAsync(() -> Arc.container().requestContext().isActive()).get(1, TimeUnit.MINUTES))
                .as("its request context ended with the work").isFalse();
    }

    @Test
    void neverReplacesTheIdentityOfARequestAlreadyServed() {
        assertThat(Arc.container().requestContext().isActive()).as("a test runs on a request context, as a request would").isTrue();
        CurrentIdentityAssociation association = Arc.container().instance(CurrentIdentityAssociation.class).get();
        association.setIdentity(QuarkusSecurityIdentity.builder().setPrincipal(() -> "vera").addRole("helpliner").build());

        assertThatThrownBy(() -> nobody.signedIn(() -> "rendered")).isInstanceOf(IllegalStateException.class);

        assertThat(association.getIdentity().getPrincipal().getName()).isEqualTo("vera");
        assertThat(association.getIdentity().getRoles()).containsExactly("helpliner");
    }

    private long accounts() throws Exception {
        try (var connection = dataSource.getConnection(); var sql = connection.createStatement();
                var rows = sql.executeQuery("SELECT count(*) FROM accounts")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
