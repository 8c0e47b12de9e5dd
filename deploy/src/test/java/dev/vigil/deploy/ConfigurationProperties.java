package dev.vigil.deploy;

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

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every configuration property Vigil knows, from the configuration metadata of its modules and Spring Boot's jars on
 * the classpath plus the app module's own (its jar is repackaged, so the pom names its class directory), and the
 * property an environment variable binds to under Spring Boot's relaxed binding. The same reading as the app's
 * {@code KnownProperties}, which {@code DockerComposeTest} uses for the compose file.
 */
final class ConfigurationProperties {

    private final Map<String, ConfigurationMetadataProperty> properties;

    private ConfigurationProperties(Map<String, ConfigurationMetadataProperty> properties) {
        this.properties = properties;
    }

    static ConfigurationProperties load() {
        ConfigurationMetadataRepositoryJsonBuilder builder = ConfigurationMetadataRepositoryJsonBuilder.create();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:META-INF/spring-configuration-metadata.json")) {
                try (InputStream in = resource.getInputStream()) {
                    builder.withJsonResource(in);
                }
            }
            Path app = Path.of(System.getProperty("vigil.app.metadata",
                    "../app/target/classes/META-INF/spring-configuration-metadata.json"));
            try (InputStream in = Files.newInputStream(app)) {
                builder.withJsonResource(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read configuration metadata", e);
        }
        return new ConfigurationProperties(new TreeMap<>(builder.build().getAllProperties()));
    }

    boolean contains(String name) {
        return properties.containsKey(name);
    }

    /** The property an environment variable binds to, if any. */
    Optional<String> boundByEnvironmentVariable(String variable) {
        return boundBy(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of(variable, "value")));
    }

    /** The property a name in a property file or {@code SPRING_APPLICATION_JSON} binds to, if any. */
    Optional<String> boundByPropertyName(String name) {
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
