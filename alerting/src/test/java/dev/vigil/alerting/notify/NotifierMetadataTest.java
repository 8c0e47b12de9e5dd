package dev.vigil.alerting.notify;

import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code vigil.notify} properties users see in their IDE carry descriptions and defaults. Spring Boot's metadata
 * stops at the lists; the settings of each list entry are documented in docs/notifiers.md.
 */
class NotifierMetadataTest {

    @Test
    void everyNotifyPropertyIsDocumented() throws IOException {
        List<JsonNode> notify = new ArrayList<>();
        for (URL file : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = file.openStream()) {
                VigilJson.mapper().readTree(in).path("properties").forEach(property -> {
                    if (property.path("name").asString().startsWith("vigil.notify.")) {
                        notify.add(property);
                    }
                });
            }
        }

        assertThat(notify).extracting(property -> property.path("name").asString()).containsExactlyInAnyOrder(
                "vigil.notify.console-base-url", "vigil.notify.webhooks", "vigil.notify.chat", "vigil.notify.syslog");
        assertThat(notify).allSatisfy(property ->
                assertThat(property.path("description").asString("")).as(property.path("name").asString()).isNotBlank());
        assertThat(notify).filteredOn(property -> property.path("name").asString().equals("vigil.notify.console-base-url"))
                .extracting(property -> property.path("defaultValue").asString()).containsExactly("http://127.0.0.1:8080");
    }
}
