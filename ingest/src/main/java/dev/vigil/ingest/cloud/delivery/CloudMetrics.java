package dev.vigil.ingest.cloud.delivery;

import dev.vigil.ingest.audit.EventBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The meters of the managed clusters' pulled and pushed sources, by source ({@code gke}, {@code aks:<name>}) and
 * cluster; their records take the webhook's path ({@link EventBatch}). As for the webhook, a cluster tag is only set
 * to a cluster the configuration allowed, so a sender cannot create new time series; records refused for their
 * cluster count under {@value #UNKNOWN}.
 */
public final class CloudMetrics {

    /** The cluster tag of records not attributed to an allowed cluster. */
    public static final String UNKNOWN = EventBatch.UNATTRIBUTED;

    private final MeterRegistry registry;

    public CloudMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code vigil.ingest.cloud.events}: records received, accepted (acknowledged by Kafka), rejected (dead-lettered). */
    public void events(String source, String cluster, String outcome, long count) {
        if (count > 0) {
            Counter.builder("vigil.ingest.cloud.events")
                    .description("Audit records received from a managed cluster's delivery, by outcome")
                    .tag("source", source)
                    .tag("cluster", cluster)
                    .tag("outcome", outcome)
                    .register(registry)
                    .increment(count);
        }
    }

    /** Counts the records of {@code batch} as received, per cluster: once they are all added. */
    public void received(String source, EventBatch batch) {
        batch.tallies().forEach((cluster, tally) -> events(source, cluster, "received", tally.received()));
    }

    /** Counts what became of the records of {@code batch}, per cluster: once Kafka acknowledged all of them. */
    public void outcomes(String source, EventBatch batch) {
        batch.tallies().forEach((cluster, tally) -> {
            events(source, cluster, "accepted", tally.accepted());
            events(source, cluster, "rejected", tally.rejected());
        });
    }

    /** {@code vigil.ingest.cloud.delivery}: one push request or one polled batch, until answered or committed. */
    public void delivery(String source, String outcome, Duration took) {
        Timer.builder("vigil.ingest.cloud.delivery")
                .description("Managed cluster deliveries (a push request, a polled batch) from receipt to answer or commit")
                .tag("source", source)
                .tag("outcome", outcome)
                .register(registry)
                .record(took);
    }

    /** {@code vigil.ingest.cloud.refused}: deliveries refused before anything was written, by reason. */
    public void refused(String source, String reason) {
        Counter.builder("vigil.ingest.cloud.refused")
                .description("Managed cluster deliveries refused (unauthenticated, cluster not allowed, …)")
                .tag("source", source)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
