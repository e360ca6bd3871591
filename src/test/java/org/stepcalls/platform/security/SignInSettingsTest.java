package org.stepcalls.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * What application.properties makes of the sign-in variables, resolved as Quarkus resolves them:
 * which claims grant roles and which audience a token must carry, per profile.
 */
class SignInSettingsTest {

    private static final String ROLES = "quarkus.oidc.roles.role-claim-path";
    private static final String API_ROLES = "quarkus.oidc.api.roles.role-claim-path";
    private static final String AUDIENCE = "quarkus.oidc.token.audience";
    private static final String API_AUDIENCE = "quarkus.oidc.api.token.audience";

    @Test
    void byDefaultRolesComeFromRealmRolesAloneAndTokensMustBeForTheClientId() throws IOException {
        SmallRyeConfig config = config("prod", Map.of());
        assertThat(list(config, ROLES)).containsExactly("realm_access/roles");
        assertThat(list(config, API_ROLES)).containsExactly("realm_access/roles");
        assertThat(list(config, API_AUDIENCE)).containsExactly("stepcalls");
        assertThat(list(config, AUDIENCE)).containsOnly("stepcalls");
    }

    @Test
    void groupsGrantRolesOnlyWhenNamed() throws IOException {
        assertThat(list(config("prod", Map.of("STEPCALLS_ROLES_CLAIM", "groups")), API_ROLES)).containsExactly("groups");
        SmallRyeConfig both = config("prod", Map.of("STEPCALLS_ROLES_CLAIM", "realm_access/roles,groups"));
        assertThat(list(both, ROLES)).containsExactly("realm_access/roles", "groups");
        assertThat(list(both, API_ROLES)).containsExactly("realm_access/roles", "groups");
    }

    @Test
    void theAudienceFollowsTheClientIdOrItsOwnSetting() throws IOException {
        assertThat(list(config("prod", Map.of("QUARKUS_OIDC_CLIENT_ID", "helpline-forum")), API_AUDIENCE))
                .containsExactly("helpline-forum");
        SmallRyeConfig own = config("prod", Map.of("STEPCALLS_TOKEN_AUDIENCE", "https://forum.example.org"));
        assertThat(list(own, API_AUDIENCE)).containsExactly("https://forum.example.org");
        // pages also verify the ID token, which is issued for the client id
        assertThat(list(own, AUDIENCE)).containsExactly("https://forum.example.org", "stepcalls");
    }

    /** The dev provider puts roles in groups and gives its access tokens no audience. */
    @Test
    void devModeReadsGroupsAndChecksNoAccessTokenAudience() throws IOException {
        SmallRyeConfig config = config("dev", Map.of());
        assertThat(list(config, ROLES)).containsExactly("groups");
        assertThat(list(config, API_ROLES)).containsExactly("groups");
        assertThat(config.getOptionalValues(AUDIENCE, String.class)).isEmpty();
        assertThat(config.getOptionalValues(API_AUDIENCE, String.class)).isEmpty();
    }

    private static List<String> list(SmallRyeConfig config, String name) {
        Optional<List<String>> values = config.getOptionalValues(name, String.class);
        assertThat(values).as(name).isPresent();
        return values.get();
    }

    private static SmallRyeConfig config(String profile, Map<String, String> environment) throws IOException {
        return new SmallRyeConfigBuilder()
                .withProfile(profile)
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(SignInSettingsTest.class.getResource("/application.properties"), 250))
                .withSources(new MapBackedConfigSource("environment", environment, 300) {
                })
                .build();
    }
}
