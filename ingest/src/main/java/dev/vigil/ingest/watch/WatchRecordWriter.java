package dev.vigil.ingest.watch;

import dev.vigil.ingest.kafka.IngestProducer;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.watch.WatchEvent;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Writes watch events to {@code k8s.watch.events}, keyed {@code <cluster>/<kind>/<namespace>/<name>}. An informer
 * cannot be asked for an event again, so the producer behind it retries for long; a record that still fails is
 * logged and counted ({@code vigil.ingest.watch.events{outcome=failed}}) — the next change of that object, or
 * the next re-list, brings its state again.
 */
final class WatchRecordWriter implements Consumer<WatchEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchRecordWriter.class);

    private final IngestProducer producer;
    private final String topic;
    private final MeterRegistry registry;

    WatchRecordWriter(IngestProducer producer, String topic, MeterRegistry registry) {
        this.producer = producer;
        this.topic = topic;
        this.registry = registry;
    }

    @Override
    public void accept(WatchEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.key(), VigilJson.writeBytes(event));
        record.headers().add(IngestProducer.CLUSTER_HEADER, event.cluster().getBytes(StandardCharsets.UTF_8));
        producer.send(record).whenComplete((metadata, error) -> {
            count(event, error == null ? "sent" : "failed");
            if (error != null) {
                LOG.error("Could not write watch event {} {} to {}: {}", event.type(), event.key(), topic,
                        error.toString());
            }
        });
    }

    private void count(WatchEvent event, String outcome) {
        registry.counter("vigil.ingest.watch.events", "cluster", event.cluster(), "type", event.type().name(),
                "outcome", outcome).increment();
    }
}
