package dev.vigil.alerting.indexer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecordBufferTest {

    private static final IndexerProperties DEFAULTS = IndexerProperties.defaults();

    @Test
    void alertsGoOutWithTheFirstPollThatReturnsThem() {
        RecordBuffer alerts = new RecordBuffer(DEFAULTS, DEFAULTS.flushInterval(DocumentKind.ALERT));
        assertThat(alerts.ready()).isFalse();
        assertThat(alerts.pollTimeout()).as("an idle poll still waits, new records end it").isEqualTo(Duration.ofSeconds(1));

        alerts.add(polled("vigil.alerts", 1));

        assertThat(alerts.ready()).isTrue();
        assertThat(alerts.drain()).hasSize(1);
    }

    @Test
    void evidenceWaitsForItsBulkToFillUntilTheFlushInterval() {
        RecordBuffer evidence = new RecordBuffer(DEFAULTS, DEFAULTS.flushInterval(DocumentKind.EVIDENCE));

        evidence.add(polled("vigil.evidence", 10));

        assertThat(evidence.ready()).isFalse();
        assertThat(evidence.pollTimeout()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1));
        evidence.add(polled("vigil.evidence", DEFAULTS.bulkActions()));
        assertThat(evidence.ready()).as("full at bulk-actions").isTrue();
    }

    private static ConsumerRecords<String, byte[]> polled(String topic, int count) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(new ConsumerRecord<>(topic, 0, i, "k" + i, "{}".getBytes(StandardCharsets.UTF_8)));
        }
        return new ConsumerRecords<>(Map.of(partition, records), Map.of());
    }
}
