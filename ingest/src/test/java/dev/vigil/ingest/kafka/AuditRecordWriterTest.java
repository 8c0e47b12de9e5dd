package dev.vigil.ingest.kafka;

import dev.vigil.ingest.TestEvents;
import dev.vigil.ingest.kafka.AuditRecordWriter.Delivery;
import dev.vigil.model.audit.AuditRecordCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-event send of events a reader encoded from their bytes: outcomes as Kafka reports them. */
class AuditRecordWriterTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-03T10:00:00Z");

    private final MockProducer<String, byte[]> kafka =
            new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
    private final IngestProducer producer = new IngestProducer(kafka, new SimpleMeterRegistry(), 1024 * 1024);
    private final AuditRecordWriter writer = new AuditRecordWriter(producer, "audit",
            new DeadLetterWriter(producer, "dlq"));

    @Test
    void anAcknowledgedEventIsSentWithItsClusterHeader() {
        CompletableFuture<Delivery> first = sendEncoded("a", "id-1");
        CompletableFuture<Delivery> second = sendEncoded("b", "id-2");
        CompletableFuture<Delivery> third = sendEncoded("a", "id-3");
        completeAll();

        assertThat(List.of(first.join(), second.join(), third.join())).containsOnly(Delivery.SENT);
        assertThat(kafka.history()).extracting(ProducerRecord::key).containsExactly("id-1", "id-2", "id-3");
        assertThat(kafka.history()).extracting(record -> new String(
                        record.headers().lastHeader(IngestProducer.CLUSTER_HEADER).value(), StandardCharsets.UTF_8))
                .containsExactly("a", "b", "a");
    }

    @Test
    void anEventTheBrokerRefusesAsTooLargeIsSentWithoutItsObjectsAndDeadLettered() {
        CompletableFuture<Delivery> delivery = sendEncoded("a", "id-1");
        kafka.errorNext(new RecordTooLargeException("larger than max.message.bytes"));
        completeAll();

        assertThat(delivery.join()).isEqualTo(Delivery.SHRUNK);
        assertThat(kafka.history()).extracting(ProducerRecord::topic).containsExactly("audit", "audit", "dlq");
        assertThat(new String(kafka.history().get(1).value(), StandardCharsets.UTF_8)).contains("droppedObjects");
        assertThat(new String(kafka.history().get(2).value(), StandardCharsets.UTF_8)).contains("id-1");
        assertThat(kafka.history().get(2).key()).isEqualTo("test:item-1");
    }

    @Test
    void anyOtherFailureFailsTheEvent() {
        CompletableFuture<Delivery> delivery = sendEncoded("a", "id-1");
        TimeoutException timeout = new TimeoutException("expired");
        kafka.errorNext(timeout);

        assertThatThrownBy(delivery::join).isInstanceOf(CompletionException.class).hasCauseReference(timeout);
        assertThat(kafka.history()).hasSize(1);
    }

    @Test
    void theCallbackFormReportsEachOutcomeOnce() {
        List<String> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        ObjectNode event = TestEvents.event(0, "id-1");
        String text = TestEvents.compact(event);
        byte[] value = AuditRecordCodec.encodeText(text, "a", RECEIVED);
        int length = text.getBytes(StandardCharsets.UTF_8).length;

        writer.sendEncoded("a", "id-1", value, length, RECEIVED, () -> "s", (d, e) -> outcomes.add(d + "/" + e));
        writer.sendEncoded("a", "id-2", value, length, RECEIVED, () -> "s", (d, e) -> outcomes.add(d + "/" + e));
        kafka.completeNext();
        kafka.errorNext(new TimeoutException("expired"));

        assertThat(outcomes).containsExactly("SENT/null",
                "null/org.apache.kafka.common.errors.TimeoutException: expired");
    }

    private CompletableFuture<Delivery> sendEncoded(String cluster, String auditID) {
        ObjectNode event = TestEvents.event(0, auditID);
        event.putObject("requestObject").put("kind", "Pod");
        String text = TestEvents.compact(event);
        byte[] value = AuditRecordCodec.encodeText(text, cluster, RECEIVED);
        return writer.sendEncoded(cluster, auditID, value, text.getBytes(StandardCharsets.UTF_8).length, RECEIVED,
                () -> "test:item-1");
    }

    private void completeAll() {
        while (kafka.completeNext()) {
            // every send so far, and the sends their outcomes start
        }
    }
}
