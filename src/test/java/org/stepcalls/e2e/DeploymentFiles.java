package org.stepcalls.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * Reads what docker/ tells a container runtime — the Dockerfile's runtime stage and compose's app
 * service — so that the tests start the packaged app the way those files do and cannot drift
 * from them.
 */
public final class DeploymentFiles {

    private static final Path INSTALLED_JDKS = Path.of("/usr/lib/jvm");
    private static final Pattern RUNTIME_JAVA = Pattern.compile("FROM\\s+(?:--\\S+\\s+)*\\S*temurin:(\\d+)\\S*(?:\\s+AS\\s+\\S+)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[?-])([^}]*))?}");

    private DeploymentFiles() {
    }

    static Path dockerDir() {
        return Path.of(System.getProperty("docker.dir", "docker"));
    }

    /** The runtime stage of docker/Dockerfile: its Java version, ENV, USER and VOLUMEs. */
    public record RuntimeImage(int javaVersion, Map<String, String> environment, String user, List<String> volumes) {

        /**
         * The {@code java} the image runs: an installed JDK of the image's version (the test's own when it
         * is that version, else one under {@code /usr/lib/jvm}), or the test's own when none is installed
         * (every version from 17 runs the app; the image's is what its figures and options are for).
         * {@code APP_JAVA} names another (the load benchmark's {@code BENCH_JAVA_HOME}).
         */
        public Path java() throws IOException {
            String chosen = System.getenv("APP_JAVA");
            if (chosen != null && !chosen.isBlank()) {
                return Path.of(chosen);
            }
            Path own = Path.of(System.getProperty("java.home"), "bin", "java");
            return Runtime.version().feature() == javaVersion ? own : installedJava(javaVersion).orElse(own);
        }

        /** The JVM options the image runs with ({@code JAVA_OPTS}), one place for every packaged-app test. */
        List<String> javaOptions() {
            return Arrays.stream(environment.getOrDefault("JAVA_OPTS", "").trim().split("\\s+")).filter(o -> !o.isEmpty())
                    .toList();
        }

        /** The image's environment apart from JAVA_OPTS (which the entrypoint turns into arguments). */
        Map<String, String> processEnvironment() {
            Map<String, String> process = new LinkedHashMap<>(environment);
            process.remove("JAVA_OPTS");
            return process;
        }
    }

    public static RuntimeImage runtimeImage() throws IOException {
        List<String> lines = joinContinuations(Files.readAllLines(dockerDir().resolve("Dockerfile")));
        int lastFrom = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().toUpperCase().startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        if (lastFrom < 0) {
            throw new IllegalStateException("docker/Dockerfile has no FROM");
        }
        Matcher from = RUNTIME_JAVA.matcher(lines.get(lastFrom).strip());
        if (!from.matches()) {
            throw new IllegalStateException("docker/Dockerfile's runtime stage is not an eclipse-temurin image: " + lines.get(lastFrom));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        String user = null;
        List<String> volumes = new ArrayList<>();
        for (String line : lines.subList(lastFrom, lines.size())) {
            String instruction = line.strip();
            if (instruction.startsWith("ENV ")) {
                Matcher pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)").matcher(instruction.substring(4));
                while (pair.find()) {
                    environment.put(pair.group(1), unquote(pair.group(2)));
                }
            } else if (instruction.startsWith("USER ")) {
                user = instruction.substring(5).strip();
            } else if (instruction.startsWith("VOLUME ")) {
                volumes.addAll(List.of(instruction.substring(7).strip().split("\\s+")));
            }
        }
        return new RuntimeImage(Integer.parseInt(from.group(1)), environment, user, volumes);
    }

    /** compose's service: its environment, after interpolation from {@code dotEnv}, and its volume targets. */
    record ComposeService(Map<String, String> environment, List<String> volumeTargets) {
    }

    @SuppressWarnings("unchecked")
    static ComposeService composeService(String name, Map<String, String> dotEnv) throws IOException {
        Map<String, Object> compose;
        try (Reader file = Files.newBufferedReader(dockerDir().resolve("compose.yml"))) {
            compose = new Yaml().load(file);
        }
        Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
        if (service == null) {
            throw new IllegalStateException("docker/compose.yml has no service " + name);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        Object declared = service.get("environment");
        if (declared instanceof Map<?, ?> map) {
            map.forEach((key, value) -> environment.put(String.valueOf(key), interpolate(String.valueOf(value), dotEnv)));
        } else if (declared instanceof List<?> list) {
            for (Object entry : list) {
                String[] pair = String.valueOf(entry).split("=", 2);
                environment.put(pair[0], interpolate(pair.length > 1 ? pair[1] : "", dotEnv));
            }
        }
        List<String> targets = new ArrayList<>();
        for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
            String[] parts = String.valueOf(volume).split(":");
            targets.add(parts[1]);
        }
        return new ComposeService(environment, targets);
    }

    /**
     * Compose's interpolation: {@code ${X}}, {@code ${X:-default}}, {@code ${X-default}},
     * {@code ${X:?message}} and {@code ${X?message}}; a required variable that is missing fails,
     * as {@code docker compose up} does.
     */
    static String interpolate(String value, Map<String, String> dotEnv) {
        Matcher variable = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String operator = variable.group(2);
            String argument = variable.group(3);
            String given = dotEnv.get(name);
            boolean unsetOrEmpty = given == null || given.isEmpty();
            boolean missing = operator != null && operator.startsWith(":") ? unsetOrEmpty : given == null;
            String replacement;
            if (operator != null && operator.endsWith("?") && missing) {
                throw new IllegalStateException("compose would refuse to start: " + name + ": " + argument);
            } else if (operator != null && operator.endsWith("-") && missing) {
                replacement = argument;
            } else {
                replacement = given == null ? "" : given;
            }
            variable.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return variable.appendTail(out).toString();
    }

    /** The {@code java} of a JDK of that version installed under /usr/lib/jvm, if there is one. */
    static Optional<Path> installedJava(int version) throws IOException {
        if (!Files.isDirectory(INSTALLED_JDKS)) {
            return Optional.empty();
        }
        try (Stream<Path> installed = Files.list(INSTALLED_JDKS)) {
            for (Path home : installed.sorted().toList()) {
                if (featureVersion(home) == version && Files.isExecutable(home.resolve("bin/java"))) {
                    return Optional.of(home.resolve("bin/java"));
                }
            }
        }
        return Optional.empty();
    }

    /** A JDK's version from its {@code release} file; 0 when it has none or it cannot be read. */
    private static int featureVersion(Path javaHome) {
        try {
            Matcher version = RELEASE_VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return version.find() ? Integer.parseInt(version.group(1)) : 0;
        } catch (IOException unreadable) {
            return 0;
        }
    }

    private static List<String> joinContinuations(List<String> lines) {
        List<String> joined = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
            } else {
                joined.add(current.append(line).toString());
                current.setLength(0);
            }
        }
        return joined;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }
}
