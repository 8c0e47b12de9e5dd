package dev.vigil.alerting.indexer;

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
 * How the indexer batches and retries ({@code vigil.indexer.*}). Memory stays bounded by one bulk per topic: while a
 * bulk is not acknowledged, consumption of its topic is paused.
 *
 * @param bulkActions      most documents in one bulk request
 * @param bulkSize         most bytes of documents in one bulk request
 * @param flushInterval    longest time a document waits for its bulk to fill up
 * @param initialBackoff   first wait before a bulk (or its retryable items) is sent again
 * @param maxBackoff       longest wait between attempts while OpenSearch is unavailable or answers 429/5xx
 * @param alertsGroupId    Kafka consumer group of the {@code vigil.alerts} indexer
 * @param evidenceGroupId  Kafka consumer group of the {@code vigil.evidence} indexer
 */
@ConfigurationProperties("vigil.indexer")
@Validated
public record IndexerProperties(
        @DefaultValue("1000") @Min(1) @Max(10_000) int bulkActions,
        @DefaultValue("5MB") @NotNull DataSize bulkSize,
        @DefaultValue("1s") @NotNull Duration flushInterval,
        @DefaultValue("200ms") @NotNull Duration initialBackoff,
        @DefaultValue("30s") @NotNull Duration maxBackoff,
        @DefaultValue("vigil-indexer-alerts") @NotBlank String alertsGroupId,
        @DefaultValue("vigil-indexer-evidence") @NotBlank String evidenceGroupId) {

    public static IndexerProperties defaults() {
        return new IndexerProperties(1000, DataSize.ofMegabytes(5), Duration.ofSeconds(1), Duration.ofMillis(200),
                Duration.ofSeconds(30), "vigil-indexer-alerts", "vigil-indexer-evidence");
    }
}
