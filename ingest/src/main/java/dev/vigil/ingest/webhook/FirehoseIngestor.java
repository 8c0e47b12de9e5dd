package dev.vigil.ingest.webhook;

import dev.vigil.ingest.audit.AuditItemCheck;
import dev.vigil.ingest.audit.EventBatch;
import dev.vigil.ingest.auth.IngestPrincipal;
import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.ingest.cloud.eks.CloudWatchFormat;
import dev.vigil.ingest.http.LimitedBody;
import dev.vigil.ingest.kafka.AuditRecordWriter;
import dev.vigil.ingest.kafka.DeadLetterWriter;
import dev.vigil.ingest.kafka.KafkaUnavailableException;
import dev.vigil.model.audit.AuditFileReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Turns one Firehose delivery of CloudWatch Logs records into Kafka records, in two passes. First every record's
 * cluster is determined (its log group, read only that far) and checked against the credentials: a delivery with
 * one record of a cluster they may not post as is refused whole, before anything reaches Kafka — Firehose retries a
 * refused delivery as it is, so accepting part of it would only repeat that part. Then each record is unpacked (gzip
 * as CloudWatch Logs sends it, or already decompressed by Firehose) and its events go the webhook's per-item way
 * ({@link EventBatch}); a record that cannot be unpacked or read is dead-lettered with its text, and its neighbours go
 * on.
 */
final class FirehoseIngestor {

    private final AuditRecordWriter audit;
    private final DeadLetterWriter deadLetters;
    private final CloudWatchFormat format;
    private final Duration ackTimeout;
    private final WebhookMetrics metrics;
    private final int maxRecordBytes;

    /** @param maxRecordBytes the most one record may inflate to, and the longest event kept whole */
    FirehoseIngestor(AuditRecordWriter audit, DeadLetterWriter deadLetters, CloudWatchFormat format,
                     Duration ackTimeout, WebhookMetrics metrics, int maxRecordBytes) {
        this.audit = audit;
        this.deadLetters = deadLetters;
        this.format = format;
        this.ackTimeout = ackTimeout;
        this.metrics = metrics;
        this.maxRecordBytes = maxRecordBytes;
    }

    /** Sends the delivery's events; returns what became of them once Kafka acknowledged every record. */
    EventBatch.Tally ingest(FirehoseDelivery delivery, IngestPrincipal principal, String requestId)
            throws ClusterNotAllowedException, KafkaUnavailableException, InterruptedException {
        Instant receivedAt = Instant.now();
        List<String> clusters = new ArrayList<>(delivery.records().size());
        for (FirehoseDelivery.Record record : delivery.records()) {
            String cluster = record.isOk() ? peekCluster(record.data()).orElse(principal.defaultCluster())
                    : principal.defaultCluster();
            if (!principal.mayPostAs(cluster)) {
                throw new ClusterNotAllowedException(cluster);
            }
            clusters.add(cluster);
        }
        EventBatch batch = new EventBatch(audit, deadLetters, AuditItemCheck.IdPolicy.REQUIRE, receivedAt);
        for (int i = 0; i < clusters.size() && !batch.failed(); i++) {
            FirehoseDelivery.Record record = delivery.records().get(i);
            String cluster = clusters.get(i);
            add(batch, record, cluster, principal, "ingest:firehose:" + cluster + ":" + requestId + ":record-"
                    + record.index());
        }
        metrics.received(batch);
        metrics.batch(principal.defaultCluster(), batch.items());
        batch.awaitAll(ackTimeout);
        metrics.outcomes(batch);
        return batch.total();
    }

    private void add(EventBatch batch, FirehoseDelivery.Record record, String cluster, IngestPrincipal principal,
                     String source) {
        if (!record.isOk()) {
            batch.reject(cluster, source, record.error(), record.text());
            return;
        }
        if (record.data().length == 0) {
            return; // Firehose permits empty records; they carry nothing.
        }
        byte[] json;
        try {
            json = inflate(record.data());
        } catch (IOException e) {
            batch.reject(cluster, source, "the record's data cannot be unpacked: " + e.getMessage(),
                    Base64.getEncoder().encodeToString(record.data()));
            return;
        }
        int events = 0;
        try (AuditFileReader reader = AuditFileReader.of(new ByteArrayInputStream(json), source, maxRecordBytes)) {
            while (reader.hasNext()) {
                AuditFileReader.Item item = reader.next();
                if (!item.isOk()) {
                    batch.reject(cluster, source, "the record is not a CloudWatch Logs payload: " + item.error(),
                            item.text());
                    continue;
                }
                for (CloudRecord event : format.events(item.node())) {
                    String eventCluster = event.cluster() != null ? event.cluster() : cluster;
                    String eventSource = source + ":event-" + ++events;
                    if (principal.mayPostAs(eventCluster)) {
                        batch.add(event, eventCluster, eventSource);
                    } else {
                        // Not seen by the first pass (an envelope naming its cluster elsewhere): never sent as events.
                        batch.reject(cluster, eventSource, "these credentials may not deliver audit events of "
                                + "cluster '" + eventCluster + "'", event.original());
                    }
                }
            }
        } catch (IOException e) {
            // Closing a reader over bytes in memory does not fail.
        }
    }

    /** The cluster a record's log group names, reading no further than the log group; empty when it names none. */
    private Optional<String> peekCluster(byte[] data) {
        try (InputStream in = new LimitedBody(unpacked(data), maxRecordBytes)) {
            return format.peekCluster(in);
        } catch (IOException e) {
            return Optional.empty(); // not gzip after all: the second pass dead-letters it
        }
    }

    private byte[] inflate(byte[] data) throws IOException {
        try (InputStream in = unpacked(data)) {
            byte[] json = in.readNBytes(maxRecordBytes + 1);
            if (json.length > maxRecordBytes) {
                throw new IOException("it inflates to more than " + maxRecordBytes + " bytes");
            }
            return json;
        }
    }

    /** The record's data, inflated when CloudWatch Logs' gzip is still on it. */
    private static InputStream unpacked(byte[] data) throws IOException {
        InputStream raw = new ByteArrayInputStream(data);
        boolean gzip = data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
        return gzip ? new GZIPInputStream(raw) : raw;
    }
}
