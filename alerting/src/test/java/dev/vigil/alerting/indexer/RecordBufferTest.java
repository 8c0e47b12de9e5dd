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

    @Test
    void aBulkNeverTakesMoreThanBulkActionsRecordsOrBulkSizeBytes() {
        IndexerProperties small = new IndexerProperties(500, org.springframework.util.unit.DataSize.ofBytes(5),
                Duration.ofSeconds(1), Duration.ZERO, true, Duration.ofMillis(200), Duration.ofSeconds(30), "a", "e",
                1, 1);
        RecordBuffer byCount = new RecordBuffer(DEFAULTS, DEFAULTS.flushInterval(DocumentKind.EVIDENCE));
        byCount.add(polled("vigil.evidence", 184));
        // one poll brings more than the bulk has room for
        byCount.add(polled("vigil.evidence", DEFAULTS.bulkActions()));

        assertThat(byCount.drain()).hasSize(DEFAULTS.bulkActions()).first().extracting(ConsumerRecord::offset)
                .isEqualTo(0L);
        assertThat(byCount.drain()).hasSize(184);
        assertThat(byCount.ready()).isFalse();

        RecordBuffer bySize = new RecordBuffer(small, small.flushInterval(DocumentKind.EVIDENCE));
        bySize.add(sized("vigil.evidence", 3)); // 2 bytes each: two fit 5 bytes
        assertThat(bySize.drain()).hasSize(2);
        assertThat(bySize.drain()).hasSize(1);
    }

    /** Records with their serialized size, as the consumer reports it. */
    private static ConsumerRecords<String, byte[]> sized(String topic, int count) {
        List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] value = "{}".getBytes(StandardCharsets.UTF_8);
            records.add(new ConsumerRecord<>(topic, 0, i, 0L, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
                    2, value.length, "k" + i, value, new org.apache.kafka.common.header.internals.RecordHeaders(),
                    java.util.Optional.empty()));
        }
        return new ConsumerRecords<>(Map.of(new TopicPartition(topic, 0), records), Map.of());
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
