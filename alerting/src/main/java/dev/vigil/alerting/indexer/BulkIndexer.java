package dev.vigil.alerting.indexer;

import dev.vigil.alerting.dlq.DeadLetterPublisher;
import dev.vigil.alerting.index.IndexManager;
import dev.vigil.model.kafka.ConsumerLoop;
import dev.vigil.model.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Indexes one topic ({@code vigil.alerts} or {@code vigil.evidence}) into its daily indices, loss-free and without
 * duplicates: document ids come from the contract, so a re-delivered record overwrites its document; offsets are
 * committed only after every record of a bulk, and of every bulk before it, is indexed or dead-lettered; while
 * OpenSearch is unavailable or asks for retries, consumption is paused (the consumer keeps polling, so it stays in its
 * group) and the same bulks are sent again with backoff. Up to {@code vigil.indexer.evidence-bulks-in-flight} bulks
 * (alerts: one, sent on the consumer's thread) are with OpenSearch at once ({@link InFlightBulks}). Evidence bulks are
 * sent from a thread of their own, so that while OpenSearch indexes one, the consumer reads and decodes the next and
 * holds it ready: OpenSearch gets it the moment a bulk is acknowledged instead of after a commit, a poll and a
 * decode. Consumption is paused while a bulk is held ready, so memory holds at most the bulks in flight, the one
 * held ready and the buffer of the next.
 * <p>
 * Why not the client's {@code BulkIngester}: it flushes on its own threads, but a Kafka consumer may only be used (and
 * committed) from one thread, and a commit must wait for exactly the bulks that hold the records. Document bodies are
 * never logged: a line names topic, partition, offset, document id and error type, nothing of the content.
 */
public final class BulkIndexer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(BulkIndexer.class);
    private static final Duration TEMPLATE_WAIT = Duration.ofMillis(500);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Longest wait for a bulk in flight before the consumer polls again (paused) to stay in its group. */
    private static final Duration HOLD_WAIT = Duration.ofMillis(200);
    /** How long a stop waits for the bulks with OpenSearch, to commit them instead of indexing them again. */
    private static final Duration FINISH_WAIT = Duration.ofSeconds(5);

    private final DocumentKind kind;
    private final String topic;
    private final String groupId;
    private final KafkaClientSettings kafka;
    private final IndexerProperties properties;
    private final IndexManager indexes;

    private final ConsumerLoop<String, byte[]> loop;
    private final ExecutorService sender;
    private final RecordBuffer buffer;
    private final InFlightBulks inFlight;
    private final Backoff backoff;
    private volatile boolean paused;
    private boolean held;
    /** A bulk cut and decoded while the bulks in flight left no room for it: sent as soon as one is committed. */
    private PendingBulk ready;
    private volatile int readyDocuments;

    private BulkIndexer(DocumentKind kind, String topic, String groupId, KafkaClientSettings kafka,
                        IndexerProperties properties, OpenSearchClient client, DeadLetterPublisher deadLetters,
                        IndexManager indexes, MeterRegistry registry, UnaryOperator<BulkCompleter.Send> sends) {
        this.kind = kind;
        this.topic = topic;
        this.groupId = groupId;
        this.kafka = kafka;
        this.properties = properties;
        this.indexes = indexes;
        BulkWriter writer = new BulkWriter(client, kind == DocumentKind.ALERT && properties.refreshAlerts());
        BulkCompleter completer = new BulkCompleter(topic, kind, sends.apply(writer::write), deadLetters,
                new IndexerMetrics(registry, topic, () -> paused, () -> readyDocuments));
        this.buffer = new RecordBuffer(properties, properties.flushInterval(kind));
        int capacity = properties.bulksInFlight(kind);
        // alerts are sent on the consumer's own thread, one bulk at a time: no hand-over on their path
        this.sender = kind == DocumentKind.ALERT ? null : Executors.newFixedThreadPool(capacity, senderThreads(topic));
        this.backoff = new Backoff(properties.initialBackoff(), properties.maxBackoff());
        this.inFlight = new InFlightBulks(capacity, completer, sender == null ? Runnable::run : sender, backoff);
        this.loop = loop();
    }

    /** The indexer of {@code vigil.alerts} (consumer group {@code vigil.indexer.alerts-group-id}). */
    public static BulkIndexer alerts(String topic, KafkaClientSettings kafka, IndexerProperties properties,
                                     OpenSearchClient client, DeadLetterPublisher deadLetters, IndexManager indexes,
                                     MeterRegistry registry) {
        return new BulkIndexer(DocumentKind.ALERT, topic, properties.alertsGroupId(), kafka, properties, client,
                deadLetters, indexes, registry, UnaryOperator.identity());
    }

    /** The indexer of {@code vigil.evidence} (consumer group {@code vigil.indexer.evidence-group-id}). */
    public static BulkIndexer evidence(String topic, KafkaClientSettings kafka, IndexerProperties properties,
                                       OpenSearchClient client, DeadLetterPublisher deadLetters, IndexManager indexes,
                                       MeterRegistry registry) {
        return evidence(topic, kafka, properties, client, deadLetters, indexes, registry, UnaryOperator.identity());
    }

    /** The evidence indexer whose bulks go through {@code sends} around the real writer (tests delay or fail them). */
    static BulkIndexer evidence(String topic, KafkaClientSettings kafka, IndexerProperties properties,
                                OpenSearchClient client, DeadLetterPublisher deadLetters, IndexManager indexes,
                                MeterRegistry registry, UnaryOperator<BulkCompleter.Send> sends) {
        return new BulkIndexer(DocumentKind.EVIDENCE, topic, properties.evidenceGroupId(), kafka, properties, client,
                deadLetters, indexes, registry, sends);
    }

    public String topic() {
        return topic;
    }

    /** True while consumption waits for OpenSearch (down, or retrying items it answered 429/5xx for). */
    public boolean isPaused() {
        return paused;
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.stop(STOP_TIMEOUT);
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    @Override
    public int getPhase() {
        return IndexManager.PHASE + 100;
    }

    private ConsumerLoop<String, byte[]> loop() {
        return ConsumerLoop.<String, byte[]>builder("vigil-indexer-" + topic)
                .consumer(() -> new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer()))
                .beforeSubscribe(consumer -> {
                    while (loop.isRunning() && !indexes.awaitReady(TEMPLATE_WAIT)) {
                        LOG.debug("Indexer of {} waits for the index templates", topic);
                    }
                    if (loop.isRunning()) {
                        LOG.info("Indexing {} into {} (group {})", topic, kind.family().pattern(), groupId);
                    }
                })
                .topic(topic, Rebalance::new)
                .step(this::guardedStep)
                .afterSteps(this::finish)
                .close(CloseOptions.timeout(CLOSE_TIMEOUT))
                .build();
    }

    /** One step; a Kafka error other than a stop costs what is in memory, not the loop. */
    private void guardedStep(Consumer<String, byte[]> kafkaConsumer) throws InterruptedException {
        try {
            step(kafkaConsumer);
        } catch (WakeupException | InterruptException e) {
            if (loop.isRunning()) {
                throw e;
            }
        } catch (KafkaException | IllegalStateException e) {
            LOG.error("Indexer of {} failed; reading again from the last committed offsets", topic, e);
            recover(kafkaConsumer);
        }
    }

    private void step(Consumer<String, byte[]> kafkaConsumer) throws InterruptedException {
        settle(kafkaConsumer);
        if (ready == null && !paused && buffer.ready()) {
            setReady(PendingBulk.of(buffer.drain(), kind)); // decoded now, while OpenSearch indexes the bulks in flight
        }
        if (ready != null && !paused && !inFlight.full()) {
            inFlight.send(ready);
            setReady(null);
            settle(kafkaConsumer); // a bulk sent on this thread is already done: commit before polling again
        }
        if (paused || ready != null) {
            if (!held) {
                kafkaConsumer.pause(kafkaConsumer.assignment());
                held = true;
            }
            inFlight.awaitProgress(HOLD_WAIT);
            // all partitions are paused: this poll returns nothing and only keeps the consumer in its group
            buffer.add(kafkaConsumer.poll(Duration.ZERO));
        } else {
            if (held) { // the bulks that held consumption are done (or were dropped in a rebalance)
                kafkaConsumer.resume(kafkaConsumer.paused());
                held = false;
            }
            buffer.add(kafkaConsumer.poll(buffer.pollTimeout()));
        }
    }

    private void setReady(PendingBulk bulk) {
        ready = bulk;
        readyDocuments = bulk == null ? 0 : bulk.size();
    }

    /** Takes finished attempts, commits what the complete bulks at the head allow, notes whether one waits. */
    private void settle(Consumer<String, byte[]> kafkaConsumer) {
        inFlight.collect(true);
        commit(kafkaConsumer, inFlight.takeCommittable());
        paused = inFlight.waiting();
    }

    /** At stop: lets the attempts under way finish for a while and commits what they allow; starts no retry. */
    private void finish(Consumer<String, byte[]> kafkaConsumer) throws InterruptedException {
        try {
            long end = System.nanoTime() + FINISH_WAIT.toNanos();
            while (inFlight.attempting() && System.nanoTime() - end < 0) {
                inFlight.awaitProgress(Duration.ofNanos(Math.max(end - System.nanoTime(), 0)));
                inFlight.collect(false);
                commit(kafkaConsumer, inFlight.takeCommittable());
            }
            inFlight.collect(false);
            commit(kafkaConsumer, inFlight.takeCommittable());
            inFlight.clear();
        } catch (KafkaException | IllegalStateException e) {
            LOG.warn("Indexer of {} stopped with bulks not committed ({}); they will be indexed again", topic,
                    e.toString());
        } finally {
            if (sender != null) {
                sender.shutdownNow();
            }
        }
    }

    private void commit(Consumer<String, byte[]> kafkaConsumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.keySet().retainAll(kafkaConsumer.assignment());
        if (offsets.isEmpty()) {
            return;
        }
        try {
            kafkaConsumer.commitSync(offsets);
        } catch (KafkaException e) {
            if (e instanceof WakeupException || e instanceof InterruptException) {
                throw e;
            }
            LOG.warn("Offsets {} of {} not committed ({}); those records will be indexed again onto the same documents",
                    offsets, topic, e.getMessage());
        }
    }

    /** After an unexpected error: forget what is in memory and read again from the committed offsets. */
    private void recover(Consumer<String, byte[]> kafkaConsumer) {
        inFlight.clear();
        buffer.clear();
        setReady(null);
        Set<TopicPartition> assignment = kafkaConsumer.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = kafkaConsumer.committed(assignment);
        List<TopicPartition> fromStart = new ArrayList<>();
        for (TopicPartition partition : assignment) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null) {
                fromStart.add(partition);
            } else {
                kafkaConsumer.seek(partition, offset);
            }
        }
        kafkaConsumer.seekToBeginning(fromStart);
        kafkaConsumer.poll(backoff.next()); // partitions stay as they were (held or not); this only waits
    }

    private static ThreadFactory senderThreads(String topic) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "vigil-indexer-" + topic + "-bulk-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = kafka.clientConfig();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + ProcessHandle.current().pid());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // streams writes vigil.alerts / vigil.evidence in exactly-once transactions: never index an aborted record
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.bulkActions());
        return config;
    }

    /** Drops the records of partitions this consumer no longer owns; pauses new partitions during an outage. */
    private final class Rebalance implements ConsumerRebalanceListener {

        private final Consumer<String, byte[]> kafkaConsumer;

        Rebalance(Consumer<String, byte[]> kafkaConsumer) {
            this.kafkaConsumer = kafkaConsumer;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (held) {
                kafkaConsumer.pause(partitions);
            }
        }

        private void forget(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            buffer.forget(partitions);
            inFlight.forget(partitions);
            if (ready != null) {
                PendingBulk kept = ready.without(partitions);
                setReady(kept.isEmpty() ? null : kept);
            }
        }
    }
}
