package org.stepcalls.platform.database;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * Hands the datasource and Flyway the coordinates of the embedded PostgreSQL — unless an
 * external database is configured.
 *
 * <p>The server is started lazily, when the datasource first asks for its URL: Quarkus also
 * builds this configuration while packaging the application, and packaging must not start a
 * database.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    /** Below system properties (400) and environment variables (300), above application.properties (250). */
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context, "quarkus.datasource.jdbc.url") || "false".equals(value(context, "stepcalls.embedded-database.enabled"))) {
            return List.of();
        }
        String dataDir = value(context, "stepcalls.data-dir");
        Path dataDirectory = dataDir == null || dataDir.isBlank() ? null : Path.of(dataDir);
        String workDir = value(context, "stepcalls.embedded-database.work-dir");
        Path workDirectory = workDir == null || workDir.isBlank() ? EmbeddedDatabase.defaultWorkDirectory() : Path.of(workDir);
        return List.of(new LazySource(dataDirectory, workDirectory));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static boolean isSet(ConfigSourceContext context, String name) {
        String value = value(context, name);
        return value != null && !value.isBlank();
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }

    /** Starts (or reuses) the server the first time one of its properties is read. */
    static final class LazySource implements ConfigSource {

        private static final Set<String> NAMES = Set.of("quarkus.datasource.jdbc.url",
                "stepcalls.embedded-database.cluster-name");
        /** Known without starting the server; application.properties hands them to the datasource. */
        private static final String USERNAME = "stepcalls.embedded-database.username";
        private static final String PASSWORD = "stepcalls.embedded-database.password";

        private final Path dataDirectory;
        private final Path workDirectory;
        private volatile Map<String, String> properties;

        LazySource(Path dataDirectory, Path workDirectory) {
            this.dataDirectory = dataDirectory;
            this.workDirectory = workDirectory;
        }

        /**
         * Deliberately empty: the packaging step reads every listed property, which would start the
         * server, and records the runtime ones it finds as defaults in the jar — a password too.
         * Lookups by name still reach {@link #getValue}; the datasource's credentials come through
         * expressions in application.properties, which are recorded unexpanded.
         */
        @Override
        public Set<String> getPropertyNames() {
            return Set.of();
        }

        @Override
        public String getValue(String propertyName) {
            if (USERNAME.equals(propertyName)) {
                return PostgresServer.USER;
            }
            if (PASSWORD.equals(propertyName)) {
                return EmbeddedDatabase.password(dataDirectory);
            }
            if (!NAMES.contains(propertyName)) {
                return null;
            }
            if (properties == null) {
                properties = EmbeddedDatabase.startOrReuse(dataDirectory, workDirectory).datasourceProperties();
            }
            return properties.get(propertyName);
        }

        @Override
        public int getOrdinal() {
            return ORDINAL;
        }

        @Override
        public String getName() {
            return "stepcalls-embedded-postgresql";
        }
    }
}
