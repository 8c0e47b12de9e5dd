package dev.vigil.alerting.indexer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The indexer's meters, tagged by topic: documents by outcome, retried items, whether consumption is paused, and the
 * documents of the bulk held ready for OpenSearch while the bulks in flight leave no room for it.
 */
final class IndexerMetrics {

    private final Counter indexed;
    private final Counter superseded;
    private final Counter deadLettered;
    private final Counter retried;
    private final Counter freeFormUnindexed;

    IndexerMetrics(MeterRegistry registry, String topic, BooleanSupplier paused, IntSupplier ready) {
        indexed = outcome(registry, topic, "indexed");
        superseded = outcome(registry, topic, "superseded");
        deadLettered = outcome(registry, topic, "dead_lettered");
        retried = Counter.builder("vigil.indexer.retries").description("Items sent again after a 429/5xx answer")
                .tag("topic", topic).register(registry);
        freeFormUnindexed = Counter.builder("vigil.indexer.unindexed.fallbacks")
                .description("Documents sent again with their free-form fields stored unindexed after a refusal")
                .tag("topic", topic).register(registry);
        Gauge.builder("vigil.indexer.paused", () -> paused.getAsBoolean() ? 1 : 0)
                .description("1 while consumption waits for OpenSearch").tag("topic", topic).register(registry);
        Gauge.builder("vigil.indexer.ready", ready::getAsInt)
                .description("Documents read and decoded, waiting for a bulk in flight to be committed")
                .tag("topic", topic).register(registry);
    }

    void indexed() {
        indexed.increment();
    }

    void superseded() {
        superseded.increment();
    }

    void deadLettered() {
        deadLettered.increment();
    }

    void freeFormUnindexed() {
        freeFormUnindexed.increment();
    }

    void retried() {
        retried.increment();
    }

    private static Counter outcome(MeterRegistry registry, String topic, String outcome) {
        return Counter.builder("vigil.indexer.documents").description("Kafka records the indexer finished with")
                .tag("topic", topic).tag("outcome", outcome).register(registry);
    }
}
