package dev.vigil.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Every configuration property the application knows, read from the {@code spring-configuration-metadata.json} of
 * every jar and class directory on the classpath (Vigil's modules through their annotation processor, Spring Boot's
 * own), so checks built on it follow the code instead of a hand-kept list.
 */
public final class KnownProperties {

    private final Map<String, ConfigurationMetadataProperty> properties;

    private KnownProperties(Map<String, ConfigurationMetadataProperty> properties) {
        this.properties = properties;
    }

    public static KnownProperties load() {
        ConfigurationMetadataRepositoryJsonBuilder builder = ConfigurationMetadataRepositoryJsonBuilder.create();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
                try (InputStream in = resource.getInputStream()) {
                    builder.withJsonResource(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration metadata", e);
        }
        return new KnownProperties(new TreeMap<>(builder.build().getAllProperties()));
    }

    /** All properties by name. */
    public Map<String, ConfigurationMetadataProperty> all() {
        return properties;
    }

    /** The property an environment variable binds to under Spring Boot's relaxed binding, if any. */
    public Optional<String> boundByEnvironmentVariable(String variable) {
        return boundBy(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(variable, "value")));
    }

    /** The property a name in a property file ({@code application.yml}) binds to, if any. */
    public Optional<String> boundByPropertyName(String name) {
        return boundBy(new MapPropertySource("file", Map.of(name, "value")));
    }

    private Optional<String> boundBy(PropertySource<?> propertySource) {
        ConfigurationPropertySource source = ConfigurationPropertySource.from(propertySource);
        return properties.keySet().stream()
                .filter(ConfigurationPropertyName::isValid)
                .filter(known -> {
                    ConfigurationPropertyName property = ConfigurationPropertyName.of(known);
                    return source.getConfigurationProperty(property) != null || (isContainer(known)
                            && source.containsDescendantOf(property) == ConfigurationPropertyState.PRESENT);
                })
                .findFirst();
    }

    /** Maps and lists take keys or indexes below their own name. */
    private boolean isContainer(String name) {
        String type = properties.get(name).getType();
        return type != null && (type.startsWith("java.util.Map") || type.startsWith("java.util.List"));
    }
}
