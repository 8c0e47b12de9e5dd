package dev.vigil.console.deadletters;

import dev.vigil.console.topics.RecentRecords;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeadLetterViewTest {

    @Test
    void redactsSecretsInJsonPayloadsLikeEvidence() {
        String payload = """
                {"kind":"Event","requestObject":{"kind":"Secret","data":{"tls.key":"LS0tLS1CRUdJTi","user":"YWRtaW4="}},\
                "password":"hunter2","env":[{"name":"DB_PASSWORD","value":"s3cret"},{"name":"MODE","value":"prod"}],\
                "url":"postgres://app:pw-in-url@db/shop"}""";

        String redacted = PayloadRedaction.redact(payload);

        assertThat(redacted).doesNotContain("LS0tLS1CRUdJTi", "YWRtaW4=", "hunter2", "s3cret", "pw-in-url")
                .contains("\"MODE\"", "\"prod\"", "postgres://app:[REDACTED]@db/shop", "\"tls.key\":\"[REDACTED]\"");
    }

    @Test
    void redactsJsonLinesAndPlainTextByShape() {
        assertThat(PayloadRedaction.redact("{\"token\":\"abc123456\"}\nnot json password=hunter22"))
                .doesNotContain("abc123456", "hunter22").contains("[REDACTED]");
        assertThat(PayloadRedaction.redact("x{broken")).isEqualTo("x{broken");
    }

    @Test
    void readsContractRecordsAndShowsOthersAsTheyAre() {
        var letter = DeadLetterView.item(raw("{\"source\":\"ingest:webhook\",\"reason\":\"not JSON: bad\","
                + "\"payload\":\"{\\\"password\\\":\\\"hunter2\\\"}\",\"receivedAt\":\"2024-05-01T10:00:00Z\","
                + "\"cluster\":\"prod\"}"));
        assertThat(letter.source()).isEqualTo("ingest:webhook");
        assertThat(letter.payload()).doesNotContain("hunter2");
        assertThat(letter.receivedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
        assertThat(DeadLetterView.item(raw("garbage")).reason()).isEqualTo("not a dead-letter record");
    }

    @Test
    void groupsReasonsWithoutTheirParticulars() {
        assertThat(DeadLetterView.reasonKind("not JSON: Unexpected character ('x' (code 120))")).isEqualTo("not JSON");
        assertThat(DeadLetterView.reasonKind("line 17 too long")).isEqualTo("line # too long");
        assertThat(DeadLetterView.stage("streams:k8s.audit.events/0@42")).isEqualTo("streams");
        assertThat(DeadLetterView.since("24h", Instant.parse("2024-05-02T00:00:00Z")))
                .isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThat(DeadLetterView.since(" ", Instant.parse("2024-05-08T00:00:00Z")))
                .isEqualTo(Instant.parse("2024-05-01T00:00:00Z"));
        assertThatThrownBy(() -> DeadLetterView.since("last week", Instant.parse("2024-05-08T00:00:00Z")))
                .hasMessageContaining("since must be an RFC 3339 time");
    }

    private static RecentRecords.Raw raw(String text) {
        return new RecentRecords.Raw(0, 1, Instant.parse("2024-05-01T09:00:00Z"), "key", text.getBytes(StandardCharsets.UTF_8));
    }
}
