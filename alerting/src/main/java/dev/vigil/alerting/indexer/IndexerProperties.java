package dev.vigil.alerting.indexer;

import dev.vigil.alerting.index.IndexTemplates;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the indexer batches and retries ({@code vigil.indexer.*}). Memory stays bounded by the bulks in flight per topic:
 * while that many are not acknowledged, consumption of its topic is paused.
 *
 * @param bulkActions      most documents in one bulk request
 * @param bulkSize         most bytes of documents in one bulk request
 * @param flushInterval    longest time an evidence document waits for its bulk to fill up
 * @param alertsFlushInterval longest time an alert waits for its bulk to fill up; 0 sends what one poll returned at
 *                        once, because a SOC waits for alerts (a bulk is still at most {@code bulkActions})
 * @param refreshAlerts    make alerts searchable as soon as their bulk is acknowledged ({@code refresh=true} on alert
 *                        bulks: one refresh of the small alert index per bulk) instead of at the index's next
 *                        periodic refresh
 * @param initialBackoff   first wait before a bulk (or its retryable items) is sent again
 * @param maxBackoff       longest wait between attempts while OpenSearch is unavailable or answers 429/5xx
 * @param alertsGroupId    Kafka consumer group of the {@code vigil.alerts} indexer
 * @param evidenceGroupId  Kafka consumer group of the {@code vigil.evidence} indexer
 * @param evidenceBulksInFlight most evidence bulks sent to OpenSearch and not yet committed (the next one is read
 *                        and decoded meanwhile and held ready, whatever the number); offsets are committed only up to
 *                        the oldest bulk not yet acknowledged (alerts: always one bulk at a time). 1 by default: on a
 *                        node that shares its cores, a second evidence bulk took the write thread the alerts' bulks
 *                        need (alert p99 0.8 s → 4–5 s); raise it for an OpenSearch cluster with cores to spare
 * @param evidenceShards   primary shards of each new daily evidence index ({@code vigil-audit-*}; the days already
 *                        created keep theirs): a shard is indexed by one write thread, more let the node index several
 *                        evidence bulks at once
 */
@ConfigurationProperties("vigil.indexer")
@Validated
public record IndexerProperties(
        @DefaultValue("1000") @Min(1) @Max(10_000) int bulkActions,
        @DefaultValue("5MB") @NotNull DataSize bulkSize,
        @DefaultValue("1s") @NotNull Duration flushInterval,
        @DefaultValue("0s") @NotNull Duration alertsFlushInterval,
        @DefaultValue("true") boolean refreshAlerts,
        @DefaultValue("200ms") @NotNull Duration initialBackoff,
        @DefaultValue("30s") @NotNull Duration maxBackoff,
        @DefaultValue("vigil-indexer-alerts") @NotBlank String alertsGroupId,
        @DefaultValue("vigil-indexer-evidence") @NotBlank String evidenceGroupId,
        @DefaultValue("1") @Min(1) @Max(16) int evidenceBulksInFlight,
        @DefaultValue("1") @Min(1) @Max(64) int evidenceShards) {

    public static IndexerProperties defaults() {
        return new IndexerProperties(1000, DataSize.ofMegabytes(5), Duration.ofSeconds(1), Duration.ZERO, true,
                Duration.ofMillis(200), Duration.ofSeconds(30), "vigil-indexer-alerts", "vigil-indexer-evidence", 1,
                IndexTemplates.DEFAULT_EVIDENCE_SHARDS);
    }

    /** How many bulks of the topic holding {@code kind} may be with OpenSearch at once. */
    int bulksInFlight(DocumentKind kind) {
        return kind == DocumentKind.ALERT ? 1 : evidenceBulksInFlight;
    }

    /** The flush interval of the topic holding {@code kind}. */
    Duration flushInterval(DocumentKind kind) {
        return kind == DocumentKind.ALERT ? alertsFlushInterval : flushInterval;
    }
}
