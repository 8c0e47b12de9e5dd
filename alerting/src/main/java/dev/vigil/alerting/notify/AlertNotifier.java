package dev.vigil.alerting.notify;

import dev.vigil.alerting.dlq.DeadLetterPublisher;
import dev.vigil.model.alert.Alert;
import dev.vigil.model.alert.AlertDocuments;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.kafka.ConsumerLoop;
import dev.vigil.model.kafka.JsonSerde;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One notifier's consumer of {@code vigil.alerts}, on its own thread and in its own consumer group, so that a slow
 * target delays nothing else. A record's offset is committed only once its alert was delivered, skipped, held back
 * or written to {@code vigil.dlq}: a crash re-sends at most the alert in flight, and never loses one.
 */
final class AlertNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration PAUSE_AFTER_ERROR = Duration.ofSeconds(5);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final AlertDispatcher dispatcher;
    private final DeadLetterPublisher deadLetters;
    private final String topic;
    private final Clock clock;
    private final Deserializer<Alert> alerts = JsonSerde.of(Alert.class).deserializer();
    private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
    private final ConsumerLoop<String, byte[]> loop;

    AlertNotifier(AlertDispatcher dispatcher, DeadLetterPublisher deadLetters, Supplier<Consumer<String, byte[]>> consumers,
                  String topic, Clock clock) {
        this.dispatcher = dispatcher;
        this.deadLetters = deadLetters;
        this.topic = topic;
        this.clock = clock;
        this.loop = loop(consumers, topic);
    }

    String name() {
        return dispatcher.name();
    }

    void start() {
        loop.start();
    }

    /** Asks the consumer loop to end after the attempt in flight; a retry backoff ends at once. */
    void requestStop() {
        loop.requestStop();
        dispatcher.stop();
    }

    /** Waits for the loop to end; after {@code grace} an alert still in flight (e.g. in backoff) is abandoned uncommitted. */
    void awaitStop(Duration grace, Duration hardLimit) throws InterruptedException {
        if (!loop.awaitStop(grace)) {
            loop.interrupt();
            loop.awaitStop(hardLimit);
        }
    }

    private ConsumerLoop<String, byte[]> loop(Supplier<Consumer<String, byte[]>> consumers, String topic) {
        return ConsumerLoop.<String, byte[]>builder("vigil-notify-" + name())
                .consumer(consumers)
                .beforeSubscribe(consumer -> LOG.info("Notifier {} reading {}", name(), topic))
                .topic(topic, CommitOnRevoke::new)
                .step(this::pollOnce)
                .afterSteps(consumer -> {
                    commitQuietly(consumer);
                    dispatcher.logHeldBack();
                })
                .close(CloseOptions.timeout(CLOSE_TIMEOUT))
                // not a daemon: the last offsets are committed before the JVM exits
                .daemon(false)
                .build();
    }

    private void pollOnce(Consumer<String, byte[]> consumer) throws InterruptedException {
        try {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
            boolean failed = false;
            for (TopicPartition partition : records.partitions()) {
                failed |= !handlePartition(consumer, partition, records.records(partition));
            }
            commit(consumer);
            if (loop.isRunning()) {
                dispatcher.flushHeldBack();
            }
            if (failed) {
                dispatcher.pause(PAUSE_AFTER_ERROR);
            }
        } catch (WakeupException e) {
            if (loop.isRunning()) {
                throw e;
            }
        } catch (CommitFailedException | RebalanceInProgressException e) {
            LOG.warn("Notifier {} lost its partitions before committing; the new owner re-reads from the last commit: {}",
                    name(), e.getMessage());
            uncommitted.clear();
        } catch (InterruptException | InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Notifier {} failed to read {}; retrying in {}: {}", name(), topic, PAUSE_AFTER_ERROR, e.toString(), e);
            dispatcher.pause(PAUSE_AFTER_ERROR);
        }
    }

    /** Handles the records of one partition in order; on an error rewinds to the failed record and returns false. */
    private boolean handlePartition(Consumer<String, byte[]> consumer, TopicPartition partition,
                                    List<ConsumerRecord<String, byte[]>> records) throws InterruptedException {
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!loop.isRunning()) {
                consumer.seek(partition, record.offset());
                return true;
            }
            boolean sideEffect;
            try {
                sideEffect = handle(record);
            } catch (RuntimeException e) {
                LOG.error("Notifier {} could not handle {}-{}@{}; will retry it: {}", name(), record.topic(),
                        record.partition(), record.offset(), e.toString(), e);
                consumer.seek(partition, record.offset());
                return false;
            }
            uncommitted.put(partition, new OffsetAndMetadata(record.offset() + 1));
            if (sideEffect) {
                commit(consumer);
            }
        }
        return true;
    }

    /** Notifies one record's alert; true when something left the process (a notification or a dead letter). */
    private boolean handle(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        if (record.value() == null) {
            return false;
        }
        Alert alert;
        try {
            alert = alerts.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            deadLetters.publish(deadLetter(record, "not an alert document: " + e.getMessage(), null));
            return true;
        }
        if (AlertDocuments.id(alert) == null || alert.vigil() == null || alert.vigil().severity() == null) {
            deadLetters.publish(deadLetter(record, "not an alert document: event.id or vigil.severity missing", null));
            return true;
        }
        AlertDispatcher.Outcome outcome = dispatcher.dispatch(alert);
        if (outcome instanceof AlertDispatcher.Outcome.GaveUp gaveUp) {
            deadLetters.publish(deadLetter(record, gaveUp.reason(), clusterOf(alert)));
            return true;
        }
        return outcome instanceof AlertDispatcher.Outcome.Sent;
    }

    private DeadLetter deadLetter(ConsumerRecord<String, byte[]> record, String reason, String cluster) {
        String source = "alerting:notify:" + name() + ":" + record.topic() + "/" + record.partition() + "@" + record.offset();
        return new DeadLetter(source, reason, new String(record.value(), StandardCharsets.UTF_8), clock.instant(), cluster);
    }

    private static String clusterOf(Alert alert) {
        return alert.orchestrator() == null || alert.orchestrator().cluster() == null
                ? null : alert.orchestrator().cluster().name();
    }

    private void commit(Consumer<String, byte[]> consumer) {
        if (uncommitted.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(Map.copyOf(uncommitted));
        } catch (WakeupException e) {
            // A stop request woke the consumer; the wake-up is spent, so the commit can go through now.
            consumer.commitSync(Map.copyOf(uncommitted));
        }
        uncommitted.clear();
    }

    private void commitQuietly(Consumer<String, byte[]> consumer) {
        try {
            commit(consumer);
        } catch (RuntimeException e) {
            LOG.warn("Notifier {} could not commit its last offsets; those alerts may be notified again: {}",
                    name(), e.toString());
        }
    }

    /** Commits what was handled before partitions move to another instance. */
    private final class CommitOnRevoke implements ConsumerRebalanceListener {

        private final Consumer<String, byte[]> consumer;

        CommitOnRevoke(Consumer<String, byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitQuietly(consumer);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            LOG.debug("Notifier {} assigned {}", name(), partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            uncommitted.keySet().removeAll(partitions);
        }
    }
}
