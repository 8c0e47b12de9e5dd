package dev.vigil.alerting.scratch;

import dev.vigil.alerting.index.TemplateInstaller;
import dev.vigil.alerting.testing.OpenSearchProbe;
import dev.vigil.embedded.EmbeddedOpenSearch;
import dev.vigil.embedded.WithEmbeddedOpenSearch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@WithEmbeddedOpenSearch
class DateProbeIT {
    @Test
    void probe(EmbeddedOpenSearch os) {
        try (OpenSearchProbe p = new OpenSearchProbe(os.url())) {
            new TemplateInstaller(p.rest()).install();
            System.err.println("A " + p.rest().put("/vigil-audit-2030.01.01/_doc/1", OpenSearchProbe.json("{\"@timestamp\":\"Mon, 23 Nov 2026 18:51:24 GMT\"}")));
            System.err.println("B " + p.rest().put("/vigil-audit-2030.01.01/_doc/2", OpenSearchProbe.json("{\"user\":{\"group\":\"system:masters\"}}")));
            System.err.println("C " + p.rest().put("/vigil-audit-2030.01.01/_doc/3", OpenSearchProbe.json("{\"event\":{\"severity\":\"high\"}}")));
            System.err.println("D " + p.rest().put("/vigil-audit-2030.01.01/_doc/4", OpenSearchProbe.json("{\"kubernetes\":{\"audit\":{\"stageTimestamp\":\"yesterday\"}}}")));
            System.err.println("M " + p.rest().get("/vigil-audit-2030.01.01/_mapping/field/@timestamp").body());
            System.err.println("S " + p.rest().get("/vigil-audit-2030.01.01/_settings").body());
            p.rest().delete("/vigil-audit-2030.01.01");
            assertThat(true).isTrue();
        }
    }
}
