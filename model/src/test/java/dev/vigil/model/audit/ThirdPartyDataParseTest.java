package dev.vigil.model.audit;

import dev.vigil.model.json.Decoded;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.testdata.AuditTestData;
import dev.vigil.model.testdata.AuditTestData.Line;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ThirdPartyDataParseTest {

    private final List<Line> lines = AuditTestData.thirdPartyEvents();

    @Test
    void everyLineIsAnEventOrAnErrorWithAReason() {
        assertThat(lines).hasSize(52 + 37 + 222);
        List<Line> failed = lines.stream().filter(l -> !AuditEventParser.parse(l.text()).isOk()).toList();
        assertThat(failed).extracting(Line::file).containsExactly("fal_01_003.json");
        Decoded<AuditEvent> malformed = AuditEventParser.parse(failed.get(0).text());
        assertThat(malformed).isInstanceOfSatisfying(Decoded.Failed.class, f -> {
            assertThat(f.reason()).contains("kind");
            assertThat(f.original()).isEqualTo(failed.get(0).text());
        });
    }

    @Test
    void roundTripKeepsEveryField() {
        for (Line line : lines) {
            Decoded<AuditEvent> first = AuditEventParser.parse(line.text());
            if (!first.isOk()) {
                continue;
            }
            String written = VigilJson.write(first.value());
            Decoded<AuditEvent> second = AuditEventParser.parse(written);
            assertThat(second.isOk()).as(line.source()).isTrue();
            assertThat(second.value()).as(line.source()).isEqualTo(first.value());
            List<String> presentFields = VigilJson.mapper().readTree(line.text()).properties().stream()
                    .filter(field -> !field.getValue().isNull()).map(java.util.Map.Entry::getKey).toList();
            assertThat(VigilJson.mapper().readTree(written).propertyNames()).as(line.source())
                    .containsAll(presentFields);
        }
    }

    @Test
    void toleratesWhatRealDataContains() {
        Line spaceTimestamp = lines.stream().filter(l -> l.text().matches(".*\"stageTimestamp\": ?\"\\d{4}-\\d\\d-\\d\\d \\d\\d:.*"))
                .findFirst().orElseThrow();
        assertThat(AuditEventParser.parse(spaceTimestamp.text()).value().stageTimestamp()).isNotNull();
        long withoutVerb = lines.stream().map(l -> AuditEventParser.parse(l.text()))
                .filter(Decoded::isOk).filter(d -> d.value().verb() == null).count();
        assertThat(withoutVerb).isEqualTo(11);
        long v1beta1 = lines.stream().map(l -> AuditEventParser.parse(l.text())).filter(Decoded::isOk)
                .filter(d -> "audit.k8s.io/v1beta1".equals(d.value().apiVersion())).count();
        assertThat(v1beta1).isPositive();
    }
}
