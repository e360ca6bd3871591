package org.stepcalls.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * docker/compose.yml runs the app as ClusterIT does: two alike instances on one database, master
 * key, keyring and session secret, behind HAProxy with docker/haproxy.cfg. No engine needed; where
 * HAProxy or a compose CLI is installed, they check the files too.
 */
class ClusterFilesTest {

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTwoAlikeInstancesBehindHaproxyAndPublishesOnlyIt() throws IOException {
        Map<String, Object> services;
        try (Reader file = Files.newBufferedReader(DeploymentFiles.dockerDir().resolve("compose.yml"))) {
            services = (Map<String, Object>) ((Map<String, Object>) new Yaml().load(file)).get("services");
        }
        Map<String, String> dotEnv = ComposeDeploymentIT.readmeDotEnv();
        DeploymentFiles.ComposeService app1 = DeploymentFiles.composeService("app1", dotEnv);
        DeploymentFiles.ComposeService app2 = DeploymentFiles.composeService("app2", dotEnv);
        assertThat(app2.environment()).as("app2's environment: the same database, master key, keyring and session secret")
                .isEqualTo(app1.environment()).containsKeys("QUARKUS_DATASOURCE_JDBC_URL", "STEPCALLS_MASTER_KEY",
                        "STEPCALLS_SESSION_SECRET", "STEPCALLS_KEYRING_DIR");
        assertThat(((Map<String, Object>) services.get("app2")).get("volumes")).as("one keyring volume for both")
                .isEqualTo(((Map<String, Object>) services.get("app1")).get("volumes")).isEqualTo(List.of("keyring:/keyring"));
        assertThat(services).doesNotContainKey("app");
        for (String app : List.of("app1", "app2")) {
            assertThat((Map<String, Object>) services.get(app)).as(app + " is reached through HAProxy only").doesNotContainKey("ports");
        }
        Map<String, Object> haproxy = (Map<String, Object>) services.get("haproxy");
        assertThat(String.valueOf(haproxy.get("image"))).startsWith("haproxy:2.6");
        assertThat((List<String>) haproxy.get("volumes")).containsExactly("./haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
        assertThat((List<String>) haproxy.get("ports")).contains("8080:8080").allSatisfy(port -> assertThat(port)
                .satisfiesAnyOf(p -> assertThat(p).isEqualTo("8080:8080"), p -> assertThat(p).startsWith("127.0.0.1:")));
        assertThat((List<String>) haproxy.get("depends_on")).containsExactlyInAnyOrder("app1", "app2");
    }

    @Test
    void haproxyTakesTurnsAndChecksEachInstancesReadiness() throws Exception {
        Path config = DeploymentFiles.dockerDir().resolve("haproxy.cfg");
        List<String> lines = Files.readAllLines(config).stream().map(String::strip).toList();
        assertThat(lines).contains("balance roundrobin", "option httpchk GET /q/health/ready", "http-check expect status 200",
                "bind :8080", "option redispatch", "retry-on conn-failure");
        assertThat(lines.stream().filter(line -> line.startsWith("server ")).collect(Collectors.toList()))
                .containsExactly("server app1 app1:8080 check", "server app2 app2:8080 check");
        assertThat(lines).noneMatch(line -> line.startsWith("log ") || line.startsWith("option httplog"));
        if (!Files.isExecutable(Path.of("/usr/sbin/haproxy"))) {
            System.out.println("ClusterFilesTest: haproxy not installed, docker/haproxy.cfg not checked by it");
            return;
        }
        Process check = new ProcessBuilder("haproxy", "-c", "-f", config.toString()).redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(said).isZero();
    }

    /**
     * {@code docker compose config} where a compose CLI is installed. Compose v1 (Debian's
     * docker-compose 1.29) predates the top-level {@code name}, so it reads the file without it.
     */
    /**
     * E-mail is off in compose until docker/.env names an SMTP server; with one named, each instance
     * sends through it, with the sender and the login. Read as the app reads compose's environment
     * (ComposeDeploymentIT starts it with the defaults: an empty mailer host would fail the start).
     */
    @Test
    void composeSendsEmailOnlyOnceDotEnvNamesAnSmtpServer() throws IOException {
        SmallRyeConfig withoutMail = appConfig(DeploymentFiles.composeService("app1", ComposeDeploymentIT.readmeDotEnv()).environment());
        assertThat(withoutMail.getOptionalValue("stepcalls.mail.host", String.class)).as("no e-mail").isEmpty();
        assertThat(withoutMail.getValue("quarkus.mailer.host", String.class)).as("a host the mailer accepts, unused").isNotBlank();

        Map<String, String> dotEnv = new HashMap<>(ComposeDeploymentIT.readmeDotEnv());
        dotEnv.putAll(Map.of("QUARKUS_MAILER_HOST", "smtp.example.org", "QUARKUS_MAILER_FROM", "NA Helpline <helpline@example.org>",
                "QUARKUS_MAILER_USERNAME", "helpline@example.org", "QUARKUS_MAILER_PASSWORD", "smtp-secret"));
        for (String app : List.of("app1", "app2")) {
            SmallRyeConfig withMail = appConfig(DeploymentFiles.composeService(app, dotEnv).environment());
            assertThat(withMail.getOptionalValue("stepcalls.mail.host", String.class)).as(app + " sends").contains("smtp.example.org");
            assertThat(withMail.getValue("quarkus.mailer.host", String.class)).isEqualTo("smtp.example.org");
            assertThat(withMail.getValue("quarkus.mailer.from", String.class)).isEqualTo("NA Helpline <helpline@example.org>");
            assertThat(withMail.getValue("quarkus.mailer.username", String.class)).isEqualTo("helpline@example.org");
            assertThat(withMail.getValue("quarkus.mailer.password", String.class)).isEqualTo("smtp-secret");
            assertThat(withMail.getValue("quarkus.mailer.port", String.class)).isEqualTo("587");
            assertThat(withMail.getValue("quarkus.mailer.start-tls", String.class)).isEqualTo("REQUIRED");
        }
    }

    /** The app's configuration in production with this environment (as the container's variables). */
    private static SmallRyeConfig appConfig(Map<String, String> environment) throws IOException {
        return new SmallRyeConfigBuilder().withProfile("prod").addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(ClusterFilesTest.class.getResource("/application.properties"), 250))
                .withSources(new EnvConfigSource(environment, 300)).build();
    }

    @Test
    void composeValidatesTheFileWhereItIsInstalled() throws Exception {
        List<String> cli = composeCli();
        Assumptions.assumeTrue(cli != null, () -> {
            System.out.println("ClusterFilesTest: no compose CLI here (docker compose or docker-compose): compose.yml not validated by it");
            return "no compose CLI";
        });
        Path dir = Files.createTempDirectory("stepcalls-compose-check");
        Path env = dir.resolve(".env");
        Files.writeString(env, ComposeDeploymentIT.readmeDotEnv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
        String compose = Files.readString(DeploymentFiles.dockerDir().resolve("compose.yml"));
        boolean v1 = cli.get(0).equals("docker-compose");
        Path file = DeploymentFiles.dockerDir().resolve(v1 ? ".compose-v1-check.yml" : "compose.yml");
        if (v1) {
            Files.writeString(file, compose.replaceFirst("(?m)^name: .*\n", ""));
        }
        try {
            List<String> command = new ArrayList<>(cli);
            command.addAll(List.of("--env-file", env.toString(), "-f", file.toString(), "config", "-q"));
            Process config = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said = new String(config.getInputStream().readAllBytes());
            assertThat(config.waitFor()).as(String.join(" ", command) + ": " + said).isZero();
            System.out.println("ClusterFilesTest: " + String.join(" ", cli) + " config accepts docker/compose.yml"
                    + (v1 ? " (read without its top-level name, which compose v1 does not know)" : ""));
        } finally {
            if (v1) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static List<String> composeCli() throws InterruptedException {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            try {
                List<String> version = new ArrayList<>(candidate);
                version.add("version");
                Process probe = new ProcessBuilder(version).redirectErrorStream(true).start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor() == 0) {
                    return candidate;
                }
            } catch (IOException notInstalled) {
                // try the next
            }
        }
        return null;
    }
}
