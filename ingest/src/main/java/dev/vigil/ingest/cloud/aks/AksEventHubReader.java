package dev.vigil.ingest.cloud.aks;

import dev.vigil.ingest.audit.AuditItemCheck;
import dev.vigil.ingest.audit.EventBatch;
import dev.vigil.ingest.cloud.delivery.CloudMetrics;
import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.ingest.config.SourcesProperties;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import dev.vigil.ingest.kafka.KafkaUnavailableException;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads one event hub through its Kafka endpoint on a thread of its own: each polled batch of Event Hubs messages
 * ({@code {"records":[…]}} bodies, {@link AksFormat}) is written as audit events and dead letters, and its offsets
 * are committed only after Kafka acknowledged every record it produced. When Vigil's Kafka does not acknowledge in
 * time, the batch is read again from the same offsets after a pause; a record is never skipped.
 */
final class AksEventHubReader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AksEventHubReader.class);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final SourcesProperties.Aks source;
    private final Consumer<String, byte[]> consumer;
    private final AuditRecordWriter audit;
    private final DeadLetterWriter deadLetters;
    private final CloudMetrics metrics;
    private final Duration ackTimeout;
    private final Duration retryAfter;
    private final String sourceName;
    private final List<String> allowed;
    private final AksFormat format = new AksFormat();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    AksEventHubReader(SourcesProperties.Aks source, Consumer<String, byte[]> consumer, AuditRecordWriter audit,
                      DeadLetterWriter deadLetters, CloudMetrics metrics, Duration ackTimeout, Duration retryAfter) {
        this.source = source;
        this.consumer = consumer;
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.ackTimeout = ackTimeout;
        this.retryAfter = retryAfter;
        this.sourceName = "aks:" + source.name();
        this.allowed = source.allowedClusters();
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(List.of(source.topic()));
            while (running) {
                try {
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                    if (!records.isEmpty()) {
                        deliver(records);
                    }
                } catch (WakeupException e) {
                    // stop() woke the poll: the loop condition ends it.
                } catch (KafkaException e) {
                    // Authentication, authorisation, an unreachable namespace: keep trying, without a tight loop.
                    LOG.warn("Event hub {} ({}): {}; trying again in {} s", source.name(), source.topic(), e.toString(),
                            retryAfter.toSeconds());
                    pause();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.debug("Closing the consumer of event hub {}: {}", source.name(), e.toString());
            }
            stopped.countDown();
        }
    }

    private void deliver(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        long started = System.nanoTime();
        // The events are the API server's own, with their auditID; DERIVE only spares one a shipper lost.
        EventBatch batch = new EventBatch(audit, deadLetters, AuditItemCheck.IdPolicy.DERIVE, Instant.now());
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        for (ConsumerRecord<String, byte[]> message : records) {
            TopicPartition partition = new TopicPartition(message.topic(), message.partition());
            first.putIfAbsent(partition, message.offset());
            next.put(partition, new OffsetAndMetadata(message.offset() + 1));
            add(batch, message);
        }
        metrics.received(sourceName, batch);
        try {
            batch.awaitAll(ackTimeout);
            metrics.outcomes(sourceName, batch);
            EventBatch.Tally outcome = batch.total();
            consumer.commitSync(next);
            metrics.delivery(sourceName, "committed", Duration.ofNanos(System.nanoTime() - started));
            LOG.debug("Event hub {}: {} events accepted, {} rejected, offsets {} committed", source.name(),
                    outcome.accepted(), outcome.rejected(), next);
        } catch (KafkaUnavailableException e) {
            metrics.delivery(sourceName, "kafka-unavailable", Duration.ofNanos(System.nanoTime() - started));
            LOG.warn("Event hub {}: Kafka did not acknowledge a batch ({}); reading it again in {} s", source.name(),
                    e.getMessage(), retryAfter.toSeconds());
            first.forEach(consumer::seek);
            pause();
        } catch (KafkaException e) {
            // The commit failed (a rebalance took the partitions): the next owner reads the batch again; the
            // records it produces again carry the same auditID and stage, which every consumer treats as one.
            metrics.delivery(sourceName, "commit-failed", Duration.ofNanos(System.nanoTime() - started));
            LOG.warn("Event hub {}: offsets not committed ({}); the batch will be read again", source.name(),
                    e.toString());
        }
    }

    private void add(EventBatch batch, ConsumerRecord<String, byte[]> message) {
        String id = "p" + message.partition() + "-o" + message.offset();
        String text = new String(message.value() == null ? new byte[0] : message.value(), StandardCharsets.UTF_8);
        JsonNode body;
        try {
            body = VigilJson.tolerantMapper().readTree(text);
        } catch (JacksonException e) {
            route(batch, CloudRecord.failed("the Event Hubs message is not JSON: " + e.getOriginalMessage(), null,
                    text), id);
            return;
        }
        List<CloudRecord> events = format.events(body);
        for (int i = 0; i < events.size(); i++) {
            route(batch, events.get(i), events.size() == 1 ? id : id + "-r" + i);
        }
    }

    /** Records the event as its cluster when this event hub may deliver it, else dead-letters it. */
    private void route(EventBatch batch, CloudRecord record, String id) {
        String cluster = source.cluster() != null && !source.cluster().isBlank() ? source.cluster()
                : record.cluster() != null ? record.cluster()
                : allowed.size() == 1 ? allowed.get(0) : null;
        String letterSource = "ingest:" + sourceName + ":" + id;
        if (cluster == null) {
            batch.refuse(null, letterSource, "the record names no managed cluster (resourceId) and event hub "
                    + source.name() + " may deliver several: " + allowed, record.original());
        } else if (!allowed.contains(cluster)) {
            batch.refuse(cluster, letterSource, "event hub " + source.name() + " may not deliver cluster '" + cluster
                    + "' (vigil.sources.aks[…].clusters: " + allowed + ")", record.original());
        } else {
            batch.add(record, cluster, "ingest:" + sourceName + ":" + cluster + ":" + id);
        }
    }

    private void pause() throws InterruptedException {
        long until = System.nanoTime() + retryAfter.toNanos();
        while (running && System.nanoTime() < until) {
            TimeUnit.MILLISECONDS.sleep(Math.min(100, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }

    /** Ends the loop and waits until the consumer is closed. */
    void stop(Duration timeout) throws InterruptedException {
        running = false;
        consumer.wakeup();
        if (!stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("Event hub {}: the reader did not stop within {} s", source.name(), timeout.toSeconds());
        }
    }
}
