package dev.vigil.console.stream;

import dev.vigil.model.json.VigilJson;
import dev.vigil.model.kafka.KafkaClientSettings;
import org.apache.kafka.clients.consumer.CloseOptions;
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

    private final Map<String, Object> config;
    private final String topic;
    private final AlertBroadcaster broadcaster;
    private final Duration heartbeat;
    private final AtomicLong streamed = new AtomicLong();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread worker;
    private volatile boolean running;

    AlertTopicConsumer(KafkaClientSettings kafka, String topic, AlertBroadcaster broadcaster, Duration heartbeat) {
        this.config = kafka.clientConfig();
        this.config.put(ConsumerConfig.GROUP_ID_CONFIG, "vigil-console-" + UUID.randomUUID());
        this.config.put(ConsumerConfig.CLIENT_ID_CONFIG, "vigil-console-stream");
        this.config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Streams writes alerts in exactly-once transactions: show only committed ones.
        this.config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        this.config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        this.topic = topic;
        this.broadcaster = broadcaster;
        this.heartbeat = heartbeat;
    }

    /** Alerts handed to the broadcaster since start. */
    long streamed() {
        return streamed.get();
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        consumer = new KafkaConsumer<>(config);
        running = true;
        worker = new Thread(this::run, "vigil-console-alerts");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            worker.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        broadcaster.live(false);
        broadcaster.completeAll();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        KafkaConsumer<String, byte[]> kafka = consumer;
        long nextHeartbeat = System.nanoTime() + heartbeat.toNanos();
        try {
            kafka.subscribe(List.of(topic), new GoLiveWhenAssigned(kafka));
            while (running) {
                try {
                    kafka.poll(POLL_TIMEOUT).forEach(this::forward);
                } catch (WakeupException e) {
                    break;
                } catch (KafkaException e) {
                    LOG.warn("Reading {} for the console failed; trying again: {}", topic, e.toString());
                }
                if (System.nanoTime() >= nextHeartbeat) {
                    broadcaster.heartbeat();
                    nextHeartbeat = System.nanoTime() + heartbeat.toNanos();
                }
            }
        } catch (WakeupException e) {
            LOG.debug("Console alert consumer woken up to stop");
        } catch (RuntimeException e) {
            LOG.error("The console's live alert stream stopped", e);
        } finally {
            broadcaster.live(false);
            // The group is this instance's alone: leaving it quickly is all that closing has to do.
            kafka.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                    .withTimeout(CLOSE_TIMEOUT));
        }
    }

    private void forward(ConsumerRecord<String, byte[]> record) {
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
            return;
        }
        String id = alert.path("event").path("id").asString(record.key() == null ? "" : record.key());
        broadcaster.publish(id, VigilJson.write(alert));
        streamed.incrementAndGet();
    }

    /** Resolves the start offsets at once, so that "live" means alerts from now on are not missed. */
    private final class GoLiveWhenAssigned implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> kafka;

        GoLiveWhenAssigned(KafkaConsumer<String, byte[]> kafka) {
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
