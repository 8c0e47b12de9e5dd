package dev.vigil.console.stream;

import dev.vigil.model.alert.AlertDocuments;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.ConsumerLoop;
import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one Kafka consumer per Vigil instance that follows {@code vigil.alerts} for the console's live streams. It has
 * a group of its own (every instance must see every alert), starts at the end of the topic and commits nothing:
 * what happened before a browser connected comes from {@code GET /v1/alerts}, not from here.
 */
final class AlertTopicConsumer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(AlertTopicConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String topic;
    private final AlertBroadcaster broadcaster;
    private final Duration heartbeat;
    private final AtomicLong streamed = new AtomicLong();
    private final ConsumerLoop<String, byte[]> loop;
    private final java.util.function.Consumer<List<JsonNode>> enrich;
    private long nextHeartbeat; // on the loop's thread only

    AlertTopicConsumer(KafkaClientSettings kafka, String topic, AlertBroadcaster broadcaster, Duration heartbeat) {
        this(kafka, topic, broadcaster, heartbeat, alerts -> { });
    }

    /** @param enrich adds what the console knows beyond the stream to a poll's alerts (their triage), in place */
    AlertTopicConsumer(KafkaClientSettings kafka, String topic, AlertBroadcaster broadcaster, Duration heartbeat,
                       java.util.function.Consumer<List<JsonNode>> enrich) {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "vigil-console-" + UUID.randomUUID());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-console-stream");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Streams writes alerts in exactly-once transactions: show only committed ones.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.topic = topic;
        this.broadcaster = broadcaster;
        this.heartbeat = heartbeat;
        this.enrich = enrich;
        this.loop = loop(config);
    }

    /** Alerts handed to the broadcaster since start. */
    long streamed() {
        return streamed.get();
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop(STOP_TIMEOUT);
        broadcaster.live(false);
        broadcaster.completeAll();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    private ConsumerLoop<String, byte[]> loop(Map<String, Object> config) {
        return ConsumerLoop.<String, byte[]>builder("vigil-console-alerts")
                .consumer(() -> new KafkaConsumer<String, byte[]>(config))
                .beforeSubscribe(consumer -> nextHeartbeat = System.nanoTime() + heartbeat.toNanos())
                .topic(topic, GoLiveWhenAssigned::new)
                .step(this::step)
                .afterSteps(consumer -> broadcaster.live(false))
                // The group is this instance's alone: leaving it quickly is all that closing has to do.
                .close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(CLOSE_TIMEOUT))
                .build();
    }

    private void step(Consumer<String, byte[]> kafka) {
        try {
            forward(kafka.poll(POLL_TIMEOUT));
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            LOG.warn("Reading {} for the console failed; trying again: {}", topic, e.toString());
        }
        if (System.nanoTime() >= nextHeartbeat) {
            broadcaster.heartbeat();
            nextHeartbeat = System.nanoTime() + heartbeat.toNanos();
        }
    }

    private void forward(Iterable<ConsumerRecord<String, byte[]>> records) {
        List<JsonNode> alerts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            JsonNode alert = alert(record);
            if (alert != null) {
                String id = AlertDocuments.id(alert);
                alerts.add(alert);
                ids.add(id != null ? id : record.key() == null ? "" : record.key());
            }
        }
        if (alerts.isEmpty()) {
            return;
        }
        try {
            enrich.accept(alerts);
        } catch (RuntimeException e) {
            // The alert itself is what matters live; its triage arrives with the next read of the list.
            LOG.debug("Streaming {} alerts without their triage: {}", alerts.size(), e.toString());
        }
        for (int i = 0; i < alerts.size(); i++) {
            broadcaster.publish(ids.get(i), VigilJson.write(alerts.get(i)));
            streamed.incrementAndGet();
        }
    }

    private JsonNode alert(ConsumerRecord<String, byte[]> record) {
        JsonNode alert;
        try {
            alert = record.value() == null ? null : VigilJson.mapper().readTree(record.value());
        } catch (JacksonException e) {
            alert = null;
        }
        if (alert == null || !alert.isObject()) {
            // The alerting stage dead-letters bad records of this topic; the console only skips them.
            LOG.warn("Skipped a record of {} at {}-{}@{} that is no alert document", topic, record.topic(),
                    record.partition(), record.offset());
            return null;
        }
        return alert;
    }

    /** Resolves the start offsets at once, so that "live" means alerts from now on are not missed. */
    private final class GoLiveWhenAssigned implements ConsumerRebalanceListener {

        private final Consumer<String, byte[]> kafka;

        GoLiveWhenAssigned(Consumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            partitions.forEach(kafka::position);
            LOG.info("Console alert stream follows {} ({} partitions)", topic, kafka.assignment().size());
            broadcaster.live(!kafka.assignment().isEmpty());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing is committed; the partitions come back with the next assignment.
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            broadcaster.live(false);
        }
    }
}
