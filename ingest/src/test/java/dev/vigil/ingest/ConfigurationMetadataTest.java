package dev.vigil.ingest;

import dev.vigil.ingest.config.IngestProperties;
import dev.vigil.ingest.kafka.ProducerTuning;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
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
            if (!List.of("vigil.ingest.tokens", "vigil.ingest.token", "vigil.ingest.client-certificates",
                    "vigil.ingest.watch.clusters", "vigil.ingest.firehose.log-groups", "vigil.sources.aks", "vigil.sources.gke.audience",
                    "vigil.sources.gke.subscribers", "vigil.sources.gke.cluster").contains(names.get(names.size() - 1))) {
                assertThat(property.has("defaultValue")).as(names.get(names.size() - 1) + " default").isTrue();
            }
        }
        assertThat(names).contains("vigil.ingest.tokens", "vigil.ingest.token", "vigil.ingest.client-certificates",
                "vigil.ingest.max-body-size", "vigil.ingest.ack-timeout", "vigil.ingest.producer.delivery-timeout",
                "vigil.ingest.watch.clusters", "vigil.ingest.firehose.log-groups", "vigil.sources.gke.jwk-set-uri", "vigil.sources.gke.subscribers",
                "vigil.sources.aks");
    }

    @Test
    void toStringMasksTokens() {
        IngestProperties properties = new IngestProperties(
                List.of(new IngestProperties.Token(null, "very-secret", "prod-1", null)), "also-secret",
                true, null, null, null, null, null, null, null, null, null);
        assertThat(properties.toString()).doesNotContain("secret").contains("token:prod-1");
    }

    /** The defaults Spring binds (and documents) are the ones code gets when it builds the properties itself. */
    @Test
    void boundDefaultsEqualTheDefaultsInCode() {
        IngestProperties bound = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("vigil.ingest", IngestProperties.class);
        IngestProperties coded = new IngestProperties(null, null, true, null, null, null, null, null, null, null, null, null);
        assertThat(bound).usingRecursiveComparison().isEqualTo(coded);
        assertThat(bound.maxBodySize().toMegabytes()).isEqualTo(16);
        assertThat(bound.producer()).isEqualTo(ProducerTuning.defaults());
        assertThat(bound.watch().deliveryTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(bound.watch().cniResources()).isTrue();
    }
}
