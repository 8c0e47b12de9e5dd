package dev.vigil.ingest.webhook;

import dev.vigil.ingest.audit.EventBatch;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;

/**
 * The meters of an HTTP intake, tagged with its {@code source} ({@code webhook}, {@code firehose}, …) so that every
 * intake reports the same series. Cluster tags are only ever set after authorisation, so their values come from the
 * configuration and an unauthenticated caller cannot create new time series.
 */
final class WebhookMetrics {

    /** The audit webhook's {@code source} tag. */
    static final String WEBHOOK = "webhook";

    private final MeterRegistry registry;
    private final String source;

    WebhookMetrics(MeterRegistry registry, String source) {
        this.registry = registry;
        this.source = source;
    }

    /** {@code vigil.ingest.events}: items received, accepted (acknowledged by Kafka) and rejected (dead-lettered). */
    void events(String cluster, String outcome, long count) {
        if (count > 0) {
            Counter.builder("vigil.ingest.events")
                    .description("Audit events received by an HTTP intake, by outcome")
                    .tag("source", source)
                    .tag("cluster", cluster)
                    .tag("outcome", outcome)
                    .register(registry)
                    .increment(count);
        }
    }

    /** Counts the items of {@code batch} as received, per cluster: once they are all added. */
    void received(EventBatch batch) {
        batch.tallies().forEach((cluster, tally) -> events(cluster, "received", tally.received()));
    }

    /** Counts what became of the items of {@code batch}, per cluster: once Kafka acknowledged all of them. */
    void outcomes(EventBatch batch) {
        batch.tallies().forEach((cluster, tally) -> {
            events(cluster, "accepted", tally.accepted());
            events(cluster, "rejected", tally.rejected());
        });
    }

    void batch(String cluster, long size) {
        DistributionSummary.builder("vigil.ingest.batch.size")
                .description("Items per request of an HTTP intake")
                .baseUnit("events")
                .tag("source", source)
                .tag("cluster", cluster)
                .register(registry)
                .record(size);
    }

    /**
     * {@code vigil.ingest.requests.refused}: requests turned away before their batch was read through, by reason
     * ({@code credential-limit} 429, {@code server-limit} 503, {@code body-read-timeout} 408).
     */
    void refused(String cluster, String reason) {
        Counter.builder("vigil.ingest.requests.refused")
                .description("HTTP intake requests refused for the credential's or the intake's limit, or a late body")
                .tag("source", source)
                .tag("cluster", cluster)
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    void request(String cluster, int status, Duration took) {
        Timer.builder("vigil.ingest.request")
                .description("HTTP intake request latency, body read to answer")
                .tag("source", source)
                .tag("cluster", cluster)
                .tag("status", Integer.toString(status))
                .publishPercentileHistogram()
                .register(registry)
                .record(took);
    }
}
