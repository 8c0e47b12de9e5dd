package dev.vigil.ingest;

import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every {@code vigil.ingest.*} property carries a description in the generated metadata (from its Javadoc). */
class ConfigurationMetadataTest {

    @Test
    void everyPropertyIsDocumented() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            metadata = VigilJson.mapper().readTree(in);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode property : metadata.get("properties")) {
            names.add(property.get("name").asString());
            assertThat(property.path("description").asString(""))
                    .as(property.get("name").asString()).hasSizeGreaterThan(20);
        }
        assertThat(names).contains("vigil.ingest.tokens", "vigil.ingest.token", "vigil.ingest.client-certificates",
                "vigil.ingest.max-body-size", "vigil.ingest.ack-timeout", "vigil.ingest.producer.delivery-timeout",
                "vigil.ingest.watch.clusters");
    }

    @Test
    void toStringMasksTokens() {
        IngestProperties properties = new IngestProperties(
                List.of(new IngestProperties.Token(null, "very-secret", "prod-1", null)), "also-secret",
                null, null, null, null, null, null, null);
        assertThat(properties.toString()).doesNotContain("secret").contains("token:prod-1");
        assertThat(properties.maxBodySize().toMegabytes()).isEqualTo(16);
    }
}
