package dev.vigil.ingest.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class IngestProducerTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void timesEveryAcknowledgedSendUnderItsTopic() {
        MockProducer<String, byte[]> mock = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        IngestProducer producer = new IngestProducer(mock, registry, 1024 * 1024);
        List<RecordMetadata> acknowledged = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            producer.send(new ProducerRecord<>("a", "k" + i, new byte[]{1}), (metadata, failure) -> acknowledged.add(metadata));
        }
        producer.send(new ProducerRecord<>("b", "k", new byte[]{1})).join();

        assertThat(acknowledged).hasSize(3).doesNotContainNull();
        assertThat(registry.get("vigil.ingest.kafka.send").tag("topic", "a").tag("outcome", "acknowledged").timer()
                .count()).isEqualTo(3);
        assertThat(registry.get("vigil.ingest.kafka.send").tag("topic", "b").tag("outcome", "acknowledged").timer()
                .count()).isEqualTo(1);
        assertThat(registry.find("vigil.ingest.kafka.send").tag("outcome", "failed").timer()).isNull();
    }

    @Test
    void reportsAFailedAcknowledgementOnceAndTimesItAsFailed() {
        MockProducer<String, byte[]> mock = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        IngestProducer producer = new IngestProducer(mock, registry, 1024 * 1024);
        List<Exception> failures = new ArrayList<>();

        producer.send(new ProducerRecord<>("a", "k", new byte[]{1}), (metadata, failure) -> failures.add(failure));
        mock.errorNext(new RecordTooLargeException("too large"));

        assertThat(failures).singleElement().isInstanceOf(RecordTooLargeException.class);
        assertThat(registry.get("vigil.ingest.kafka.send").tag("topic", "a").tag("outcome", "failed").timer().count())
                .isEqualTo(1);
        assertThat(registry.find("vigil.ingest.kafka.send").tag("outcome", "acknowledged").timer()).isNull();
    }

    @Test
    void aSendThatThrowsIsReportedThroughTheCallbackExactlyOnce() {
        IllegalStateException refused = new IllegalStateException("no metadata");
        // Like KafkaProducer for some errors: the callback is called, and (here) the send throws as well.
        MockProducer<String, byte[]> mock = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
                callback.onCompletion(null, refused);
                throw refused;
            }
        };
        IngestProducer producer = new IngestProducer(mock, registry, 1024 * 1024);
        List<Exception> failures = new ArrayList<>();

        producer.send(new ProducerRecord<>("a", "k", new byte[]{1}), (metadata, failure) -> failures.add(failure));

        assertThat(failures).containsExactly(refused);
        assertThat(producer.send(new ProducerRecord<>("a", "k", new byte[]{1}))).isCompletedExceptionally();
        assertThat(registry.get("vigil.ingest.kafka.send").tag("outcome", "failed").timer().count()).isEqualTo(2);
    }
}
