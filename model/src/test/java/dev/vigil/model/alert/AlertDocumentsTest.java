package dev.vigil.model.alert;

import dev.vigil.model.ecs.EcsEvent;
import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertDocumentsTest {

    @Test
    void theIdIsEventIdAsText() {
        assertThat(AlertDocuments.id(VigilJson.mapper().readTree("{\"event\":{\"id\":\"rule/key/1\"}}")))
                .isEqualTo("rule/key/1");
    }

    @Test
    void noIdWhenMissingBlankOrNotText() {
        for (String json : new String[] {"{}", "{\"event\":{}}", "{\"event\":{\"id\":\" \"}}", "{\"event\":{\"id\":7}}",
                "{\"event\":\"x\"}", "[]"}) {
            assertThat(AlertDocuments.id(VigilJson.mapper().readTree(json))).as(json).isNull();
        }
        assertThat(AlertDocuments.id((tools.jackson.databind.JsonNode) null)).isNull();
    }

    @Test
    void theRecordHasTheSameId() {
        EcsEvent event = new EcsEvent("alert", "rule/key/1", null, null, null, null, null, null);
        assertThat(AlertDocuments.id(new Alert(null, null, event, null, null, null, null, null, null, null)))
                .isEqualTo("rule/key/1");
        assertThat(AlertDocuments.id(new Alert(null, null, null, null, null, null, null, null, null, null))).isNull();
        assertThat(AlertDocuments.id((Alert) null)).isNull();
    }
}
