package dev.vigil.ingest.replay;

import dev.vigil.ingest.audit.AuditItemCheck;
import dev.vigil.ingest.audit.AuditItemCheck.Accepted;
import dev.vigil.ingest.audit.AuditItemCheck.Rejected;
import dev.vigil.ingest.cloud.CloudFormat;
import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.ingest.config.IngestProperties;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.audit.DroppedObjects;
import dev.vigil.model.dlq.DeadLetter;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends the items of audit files to Kafka with a bounded number of records in flight, so that memory stays flat
 * whatever the file size: good events to {@code k8s.audit.events} (events without {@code auditID} under their
 * derived id — file logs from shippers often lack it), bad items to {@code vigil.dlq} as
 * {@code replay:<file>:<line>}. Stops at the first record Kafka refuses, since the rest would fail the same way.
 * A managed cloud's export ({@link ReplayFormat}) is unpacked item by item into its events, recorded as the cluster
 * the payload names unless {@code --cluster} is given.
 */
final class Replayer {

    private final AuditRecordWriter audit;
    private final DeadLetterWriter deadLetters;
    private final ReplayFormat format;
    private final String clusterOverride;
    private final ReplayStats stats;
    private final int maxInFlight;
    private final Semaphore inFlight;

    /**
     * @param clusterOverride the cluster every event is recorded as ({@code --cluster}), or null to take it from the
     *                        payload of a cloud format, {@value #DEFAULT_CLUSTER} when the payload names none
     */
    Replayer(AuditRecordWriter audit, DeadLetterWriter deadLetters, ReplayFormat format, String clusterOverride,
             ReplayStats stats, int maxInFlight) {
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.format = format;
        this.clusterOverride = clusterOverride;
        this.stats = stats;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    /** The cluster of events whose payload names none, without {@code --cluster}. */
    static final String DEFAULT_CLUSTER = "local";

    /**
     * Sends every item of {@code reader}; {@code afterItem} runs after each (progress). With {@code --format auto}
     * the first readable item decides the file's format.
     *
     * @return false when Kafka failed and replaying should stop
     */
    boolean replay(AuditFileReader reader, String file, Runnable afterItem) throws InterruptedException {
        long lastLine = 0;
        long eventOfLine = 0;
        Optional<CloudFormat> cloud = format.fixed();
        boolean decided = !format.isAuto();
        while (stats.kafkaFailure() == null && reader.hasNext()) {
            AuditFileReader.Item item = reader.next();
            if (item.line() > lastLine) {
                stats.linesRead(item.line() - lastLine);
                lastLine = item.line();
                eventOfLine = 0;
            }
            if (!decided && item.isOk()) {
                cloud = CloudFormats.probe(item.node());
                decided = true;
                stats.format(file, cloud.map(CloudFormat::name).orElse(ReplayFormat.NATIVE));
            }
            if (cloud.isEmpty() || !item.isOk()) {
                String cluster = clusterOverride != null ? clusterOverride : DEFAULT_CLUSTER;
                send(AuditItemCheck.check(item, AuditItemCheck.IdPolicy.DERIVE), cluster,
                        source(file, item.line(), ++eventOfLine), file, item.line());
            } else {
                for (CloudRecord record : cloud.get().events(item.node())) {
                    sendCloud(record, source(file, item.line(), ++eventOfLine), file, item.line());
                }
            }
            afterItem.run();
        }
        return stats.kafkaFailure() == null;
    }

    private static String source(String file, long line, long eventOfLine) {
        return "replay:" + file + ":" + line + (eventOfLine > 1 ? "#" + eventOfLine : "");
    }

    private void sendCloud(CloudRecord record, String source, String file, long line) throws InterruptedException {
        String cluster = clusterOverride != null ? clusterOverride
                : record.cluster() != null ? record.cluster() : DEFAULT_CLUSTER;
        if (!cluster.matches(IngestProperties.CLUSTER_NAME)) {
            String reason = "the payload names cluster '" + cluster + "', which is not a valid cluster name; give "
                    + "--cluster";
            send(new AuditItemCheck.Rejected(reason, record.original()), DEFAULT_CLUSTER, source, file, line);
            return;
        }
        send(AuditItemCheck.check(record, AuditItemCheck.IdPolicy.DERIVE), cluster, source, file, line);
    }

    private void send(AuditItemCheck.Verdict verdict, String cluster, String source, String file, long line)
            throws InterruptedException {
        Instant receivedAt = Instant.now();
        stats.cluster(cluster);
        if (verdict instanceof Accepted event) {
            track(() -> audit.send(cluster, event.auditID(), event.event(), event.text(), receivedAt, source)
                    .thenApply(delivery -> {
                        if (delivery == AuditRecordWriter.Delivery.DEAD_LETTERED) {
                            stats.rejected(file, line, "too large for a Kafka record");
                        }
                        return delivery;
                    }), true);
            if (event.droppedFrom() != null) {
                String reason = "the event was sent without its unreadable objects "
                        + DroppedObjects.of(event.event());
                stats.rejected(file, line, reason);
                track(() -> deadLetters.send(new DeadLetter(source, reason, event.droppedFrom(), receivedAt,
                        cluster)), false);
            }
        } else if (verdict instanceof Rejected bad) {
            stats.rejected(file, line, bad.reason());
            track(() -> deadLetters.send(new DeadLetter(source, bad.reason(), bad.payload(), receivedAt, cluster)),
                    false);
        }
    }

    private void track(Supplier<CompletableFuture<?>> send, boolean event) throws InterruptedException {
        inFlight.acquire();
        send.get().whenComplete((result, error) -> {
            inFlight.release();
            if (error != null) {
                stats.failed(error);
            } else if (event && result != AuditRecordWriter.Delivery.DEAD_LETTERED) {
                stats.sent();
            } else {
                stats.deadLettered();
            }
        });
    }

    /** Waits until every record sent so far was acknowledged or failed; false on timeout. */
    boolean awaitInFlight(Duration timeout) throws InterruptedException {
        if (!inFlight.tryAcquire(maxInFlight, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        inFlight.release(maxInFlight);
        return true;
    }
}
