package dev.vigil.app.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.vigil.app.Repository;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code vigil.*} property of every module is documented — in its Javadoc (which becomes the IDE help) and in
 * {@code docs/configuration.md} — and {@code application.yml} sets only properties that exist.
 */
class ConfigurationMetadataTest {

    private static KnownProperties known;

    @BeforeAll
    static void loadMetadata() {
        known = KnownProperties.load();
    }

    private static List<ConfigurationMetadataProperty> vigilProperties() {
        return known.all().values().stream().filter(property -> property.getId().startsWith("vigil.")).toList();
    }

    @Test
    void metadataOfTheAppIsOnTheClasspath() {
        assertThat(known.all()).containsKeys("vigil.roles", "vigil.kafka.bootstrap-servers",
                "vigil.embedded.data-dir", "server.port");
    }

    @Test
    void everyVigilPropertyHasADescription() {
        assertThat(vigilProperties())
                .filteredOn(property -> property.getDescription() == null || property.getDescription().isBlank())
                .extracting(ConfigurationMetadataProperty::getId)
                .as("properties without a Javadoc line (add @param / a field comment to their @ConfigurationProperties type)")
                .isEmpty();
    }

    /**
     * The tables of {@code docs/configuration.md} are generated from the metadata. When a property changes, regenerate
     * them with {@code ./mvnw -B -pl app test -Dtest=ConfigurationMetadataTest -Dvigil.docs.update=true}.
     */
    @Test
    void configurationGuideShowsEveryPropertyAsTheCodeDescribesIt() throws IOException {
        Path guide = Repository.file("docs/configuration.md");
        String text = Files.readString(guide, StandardCharsets.UTF_8);
        int begin = text.indexOf(ConfigurationGuide.BEGIN);
        int end = text.indexOf(ConfigurationGuide.END);
        assertThat(begin).as("start marker in docs/configuration.md").isNotNegative();
        assertThat(end).as("end marker in docs/configuration.md").isGreaterThan(begin);
        String expected = ConfigurationGuide.render(vigilProperties()).strip();
        String actual = text.substring(begin + ConfigurationGuide.BEGIN.length(), end).strip();

        if (!actual.equals(expected) && Boolean.getBoolean("vigil.docs.update")) {
            Files.writeString(guide, text.substring(0, begin + ConfigurationGuide.BEGIN.length()) + "\n\n" + expected
                    + "\n\n" + text.substring(end), StandardCharsets.UTF_8);
            actual = expected;
        }
        assertThat(actual)
                .as("docs/configuration.md is out of date; regenerate its tables with:%n"
                        + "  ./mvnw -B -pl app test -Dtest=ConfigurationMetadataTest -Dvigil.docs.update=true")
                .isEqualTo(expected);
    }

    @Test
    void applicationYmlSetsOnlyKnownProperties() throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml"));

        assertThat(sources).hasSize(1);
        String[] names = ((EnumerablePropertySource<?>) sources.get(0)).getPropertyNames();
        assertThat(names).contains("vigil.roles", "server.address", "server.shutdown");
        assertThat(names)
                .filteredOn(name -> known.boundByPropertyName(name).isEmpty())
                .as("keys of application.yml that no configuration property binds")
                .isEmpty();
    }

    @Test
    void rolesDefaultMatchesTheConditionOfTheStageModules() throws IOException {
        PropertySource<?> yaml = new YamlPropertySourceLoader()
                .load("application.yml", new ClassPathResource("application.yml")).get(0);

        // The stage modules guard their auto-configuration with '${vigil.roles:ingest,streams,alerting,console}'.
        assertThat(yaml.getProperty("vigil.roles")).isEqualTo("ingest,streams,alerting,console");
        assertThat(String.valueOf(known.all().get("vigil.roles").getDefaultValue()).replaceAll("[\\[\\] ]", ""))
                .isEqualTo("ingest,streams,alerting,console");
    }
}
