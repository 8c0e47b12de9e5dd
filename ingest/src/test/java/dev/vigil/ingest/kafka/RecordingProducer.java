package dev.vigil.ingest.kafka;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;

/**
 * An {@link IngestProducer} over Kafka's own {@link MockProducer} (every send acknowledged at once), for unit tests
 * that compare what two code paths write record by record; the broker's behaviour is the ITs' business.
 */
public final class RecordingProducer {

    private final MockProducer<String, byte[]> mock =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final IngestProducer producer;

    public RecordingProducer(int maxRecordSize) {
        this.producer = new IngestProducer(mock, new SimpleMeterRegistry(), maxRecordSize);
    }

    public IngestProducer producer() {
        return producer;
    }

    /** Every record sent so far, in order. */
    public List<ProducerRecord<String, byte[]>> records() {
        return mock.history();
    }
}
