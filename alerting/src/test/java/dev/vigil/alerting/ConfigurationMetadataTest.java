package dev.vigil.alerting;

import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every property of this module's index/indexer/OpenSearch areas carries the description users see in their IDE. */
class ConfigurationMetadataTest {

    private static final List<String> AREAS = List.of("vigil.opensearch.", "vigil.retention.", "vigil.indexer.");

    @Test
    void everyPropertyIsDocumentedAndHasItsDefault() throws IOException {
        JsonNode metadata;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            metadata = VigilJson.mapper().readTree(in);
        }
        List<JsonNode> ours = new ArrayList<>();
        for (JsonNode property : metadata.path("properties")) {
            if (AREAS.stream().anyMatch(property.path("name").asString()::startsWith)) {
                ours.add(property);
            }
        }

        assertThat(ours).extracting(property -> property.path("name").asString()).contains(
                "vigil.opensearch.url", "vigil.opensearch.password", "vigil.opensearch.ca-certificate",
                "vigil.retention.evidence", "vigil.retention.alerts", "vigil.indexer.bulk-actions",
                "vigil.indexer.flush-interval");
        assertThat(ours).allSatisfy(property ->
                assertThat(property.path("description").asString("")).as(property.path("name").asString()).isNotBlank());
        assertThat(ours).filteredOn(property -> property.path("name").asString().equals("vigil.retention.evidence"))
                .extracting(property -> property.path("defaultValue").asString()).containsExactly("30d");
    }
}
