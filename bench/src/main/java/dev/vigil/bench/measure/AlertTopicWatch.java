package dev.vigil.bench.measure;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each alert became readable on {@code vigil.alerts} for a {@code read_committed} consumer (what the alert
 * indexer and the notifiers see): splits the end-to-end latency into the stream's part and the indexing part.
 */
final class AlertTopicWatch implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
    private final Thread thread;

    AlertTopicWatch(Map<String, Object> kafka) {
        Map<String, Object> config = new java.util.HashMap<>(kafka);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-alert-watch-" + System.nanoTime());
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.defaults().alerts()));
        thread = new Thread(this::run, "bench-alert-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.currentTimeMillis();
                    JsonNode ids = VigilJson.mapper().readTree(record.value()).path("vigil").path("evidence")
                            .path("audit_ids");
                    ids.forEach(id -> seenAt.putIfAbsent(id.asString(), now));
                }
            }
        } catch (WakeupException stopped) {
            // closing
        } finally {
            consumer.close();
        }
    }

    /** Wall-clock millis at which the alert with evidence {@code auditId} was first read, or 0. */
    long seenAt(String auditId) {
        return seenAt.getOrDefault(auditId, 0L);
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5_000);
    }
}
