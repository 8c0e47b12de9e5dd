package dev.vigil.streams.kafka;

import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.watch.WatchEvent;
import dev.vigil.model.watch.WatchEventType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchIntakeTest {

    private static final Instant RECORD_TIME = Instant.parse("2026-03-01T12:00:00Z");
    private static final String POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-0\",\"namespace\":\"shop\",\"uid\":\"u-1\"}}";

    private static WatchEvent decode(String key, String value) {
        return WatchIntake.decode(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), RECORD_TIME);
    }

    @Test
    void decodesTheContractForm() {
        WatchEvent event = decode("prod-1/Pod/shop/web-0",
                "{\"cluster\":\"prod-1\",\"type\":\"MODIFIED\",\"object\":" + POD + ",\"observedAt\":\"2026-03-01T11:59:58Z\"}");

        assertThat(event.cluster()).isEqualTo("prod-1");
        assertThat(event.type()).isEqualTo(WatchEventType.MODIFIED);
        assertThat(event.observedAt()).isEqualTo(Instant.parse("2026-03-01T11:59:58Z"));
        assertThat(event.key()).isEqualTo("prod-1/Pod/shop/web-0");
    }

    @Test
    void toleratesLowerCaseTypeMissingClusterAndMissingObservedAt() {
        WatchEvent event = decode("edge-7/Pod/shop/web-0", "{\"type\":\"added\",\"object\":" + POD + "}");

        assertThat(event.type()).isEqualTo(WatchEventType.ADDED);
        assertThat(event.cluster()).isEqualTo("edge-7");
        assertThat(event.observedAt()).isEqualTo(RECORD_TIME);
    }

    @Test
    void rejectsWhatCannotBeUsedWithAReason() {
        assertThatThrownBy(() -> decode("c/Pod/a/b", "{\"type\":\"BOOKMARK\",\"object\":" + POD + "}"))
                .hasMessage("type: unsupported watch event type 'BOOKMARK'");
        assertThatThrownBy(() -> decode("c/Pod/a/b", "{\"type\":\"ADDED\"}"))
                .hasMessage("object: expected a Kubernetes object");
        assertThatThrownBy(() -> decode(null, "{\"type\":\"ADDED\",\"object\":" + POD + "}"))
                .hasMessage("cluster: missing in the value and the key");
        assertThatThrownBy(() -> decode("c/Pod/a/b", "[1,2]")).hasMessage("not a JSON object");
        assertThatThrownBy(() -> decode("c/Pod/a/b", "{oops")).hasMessageStartingWith("not valid JSON");
        assertThatThrownBy(() -> decode("c/Pod/a/b", null)).hasMessage("empty record");
    }

    @Test
    void readsTheClusterFromTheKey() {
        assertThat(WatchIntake.clusterFromKey("prod-1/Pod/shop/web-0")).isEqualTo("prod-1");
        assertThat(WatchIntake.clusterFromKey("no-slash")).isNull();
        assertThat(WatchIntake.clusterFromKey(null)).isNull();
    }

    @Test
    void deadLetterSourceNamesTopicPartitionAndOffset() {
        assertThat(DeadLetters.source("k8s.watch.events", 3, 1234)).isEqualTo("streams:k8s.watch.events/3@1234");
        assertThat(DeadLetters.clusterOf("{\"cluster\":\"prod-1\",\"type\":1}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("prod-1");
        assertThat(DeadLetters.clusterOf("nope".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(new DeadLetter("s", "r", "p", RECORD_TIME, null).source()).isEqualTo("s");
    }
}
