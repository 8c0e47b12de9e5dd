package dev.vigil.streams.kafka;

import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterHandlerTest {

    /** What Kafka Streams tells a handler about the record at fault. */
    private record Context(String topic, int partition, long offset, byte[] sourceRawValue) implements ErrorHandlerContext {
        @Override
        public Headers headers() {
            return new RecordHeaders();
        }

        @Override
        public String processorNodeId() {
            return "evidence-sink";
        }

        @Override
        public TaskId taskId() {
            return new TaskId(0, partition);
        }

        @Override
        public long timestamp() {
            return 0;
        }

        @Override
        public byte[] sourceRawKey() {
            return null;
        }
    }

    private final DeadLetterHandler handler = new DeadLetterHandler();

    private static DeadLetter letter(ProducerRecord<byte[], byte[]> record) {
        return VigilJson.mapper().readValue(record.value(), DeadLetter.class);
    }

    @Test
    void anOversizedOutputBecomesADeadLetterAndProcessingResumes() {
        handler.configure(Map.of(DeadLetterHandler.DLQ_TOPIC_CONFIG, "site.dlq"));
        byte[] source = "{\"cluster\":\"prod-1\",\"auditID\":\"a-1\"}".getBytes(StandardCharsets.UTF_8);

        ProductionExceptionHandler.Response response = handler.handleError(
                new Context("k8s.audit.events", 2, 77, source),
                new ProducerRecord<>("vigil.evidence", new byte[0], new byte[0]),
                new RecordTooLargeException("2 MiB is too large"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo("site.dlq");
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("streams:k8s.audit.events/2@77");
        DeadLetter letter = letter(dead);
        assertThat(letter.reason()).startsWith("cannot write to vigil.evidence").contains("2 MiB is too large");
        assertThat(letter.payload()).isEqualTo(new String(source, StandardCharsets.UTF_8));
        assertThat(letter.cluster()).isEqualTo("prod-1");
    }

    @Test
    void everyDeadLetterIsCountedByReasonCategoryAndStage() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try {
            handler.handleError(new Context("k8s.audit.events", 0, 1, new byte[0]),
                    new ProducerRecord<>("vigil.evidence", new byte[0], new byte[0]),
                    new RecordTooLargeException("2 MiB is too large"));
            handler.handleError(new Context("k8s.audit.events", 0, 2, new byte[0]),
                    new ProducerRecord<>("vigil.evidence", new byte[0], new byte[0]),
                    new IllegalStateException("boom"));

            assertThat(registry.get("vigil.dead.letters").tag("reason", "too-large").tag("source", "streams")
                    .counter().count()).isEqualTo(1.0);
            assertThat(registry.get("vigil.dead.letters").tag("reason", "processing-failed").tag("source", "streams")
                    .counter().count()).isEqualTo(1.0);
            assertThat(registry.get("vigil.dead.letters").meter().getId().getDescription()).isNotBlank();
        } finally {
            Metrics.removeRegistry(registry);
        }
    }

    @Test
    void aReasonQuotingSecretShapesIsRedactedAndThePayloadKeptForReplay() {
        handler.configure(Map.of(DeadLetterHandler.DLQ_TOPIC_CONFIG, "site.dlq"));
        byte[] source = "{\"requestURI\":\"/api?access_token=fake-token-42\"}".getBytes(StandardCharsets.UTF_8);

        DeadLetter letter = letter(handler.handleSerializationError(new Context("k8s.audit.events", 0, 3, source),
                new ProducerRecord<>("vigil.evidence", "k", "v"),
                new IllegalStateException("bad value postgres://app:fake-pass-42@db/shop in /api?access_token=fake-token-42"),
                org.apache.kafka.streams.errors.ProductionExceptionHandler.SerializationExceptionOrigin.VALUE)
                .deadLetterQueueRecords().get(0));

        assertThat(letter.reason()).doesNotContain("fake-pass-42", "fake-token-42")
                .contains("postgres://app:[REDACTED]@db/shop", "access_token=[REDACTED]");
        assertThat(letter.payload()).isEqualTo(new String(source, StandardCharsets.UTF_8));
    }

    @Test
    void retriableSendErrorsAreRetried() {
        ProductionExceptionHandler.Response response = handler.handleError(new Context("t", 0, 0, null),
                new ProducerRecord<>("vigil.alerts", new byte[0], new byte[0]), new NotLeaderOrFollowerException("x"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void hugePayloadsAreTruncatedSoTheDeadLetterFits() {
        byte[] huge = "x".repeat(DeadLetterHandler.MAX_PAYLOAD_CHARS + 10).getBytes(StandardCharsets.UTF_8);

        DeadLetter letter = letter(handler.handleSerializationError(new Context("k8s.audit.events", 0, 1, huge),
                new ProducerRecord<>("vigil.evidence", "k", "v"), new IllegalStateException("bad"),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE).deadLetterQueueRecords().get(0));

        assertThat(letter.payload()).hasSize(DeadLetterHandler.MAX_PAYLOAD_CHARS);
        assertThat(letter.reason()).contains("cannot serialize the value for vigil.evidence")
                .endsWith("(payload truncated from " + (DeadLetterHandler.MAX_PAYLOAD_CHARS + 10) + " characters)");
    }
}
