package org.stepcalls.platform.web;

import java.util.List;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/** Turns an https {@code stepcalls.public-url} into the settings {@link HttpsDeployment} lists. */
public class HttpsDeploymentConfigSourceFactory implements ConfigSourceFactory {

    /** Below system properties (400) and environment variables (300), so an operator can still override one. */
    static final int ORDINAL = 275;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue publicUrl = context.getValue("stepcalls.public-url");
        var settings = HttpsDeployment.settings(publicUrl == null ? null : publicUrl.getValue());
        if (settings.isEmpty()) {
            return List.of();
        }
        return List.of(new MapBackedConfigSource("stepcalls-https-deployment", settings, ORDINAL) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
