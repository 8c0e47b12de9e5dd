package dev.vigil.alerting.indexer;

import dev.vigil.model.json.VigilJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The external version of alert updates: dedup counts, and the open → resolved → open lifecycle of posture findings. */
class AlertVersionTest {

    private static JsonNode alert(long count, String status) {
        var document = VigilJson.mapper().createObjectNode();
        var vigil = document.putObject("vigil").put("count", count);
        if (status != null) {
            vigil.put("status", status);
        }
        return document;
    }

    @Test
    void anAlertWithoutStatusIsVersionedByItsCount() {
        assertThat(DocumentKind.ALERT.version(alert(3, null))).isEqualTo(3L);
        assertThat(DocumentKind.ALERT.version(alert(0, null))).isNull();
    }

    @Test
    void aResolutionOutranksItsOpeningAndAReopeningOutranksTheResolution() {
        long open = DocumentKind.ALERT.version(alert(1, "open"));
        long resolved = DocumentKind.ALERT.version(alert(1, "resolved"));
        long reopened = DocumentKind.ALERT.version(alert(2, "open"));
        long resolvedAgain = DocumentKind.ALERT.version(alert(2, "resolved"));

        assertThat(open).isLessThan(resolved);
        assertThat(resolved).isLessThan(reopened);
        assertThat(reopened).isLessThan(resolvedAgain);
    }
}
