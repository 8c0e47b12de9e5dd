package dev.vigil.streams.kafka;

import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.dlq.DeadLetterCategory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;

/** Routes rejected intake to {@code vigil.dlq} (keyed by source id, as the contract says) and passes the rest on. */
public final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * Splits decoded records into accepted values, returned, and dead letters, written to {@code dlq}.
     * {@code name} prefixes the processor names, e.g. {@code audit-rejected}, {@code audit-dlq}.
     */
    public static <T> KStream<String, T> route(KStream<String, Intake<T>> decoded, String name,
                                               TopicSpec<String, DeadLetter> dlq) {
        Map<String, KStream<String, Intake<T>>> branches = decoded.split(Named.as(name + "-"))
                .branch((key, intake) -> intake instanceof Intake.Rejected<T>, Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));
        branches.get(name + "-rejected")
                .map((key, intake) -> {
                    DeadLetter letter = ((Intake.Rejected<T>) intake).letter();
                    count(Metrics.globalRegistry, letter);
                    return KeyValue.pair(letter.source(), letter);
                }, Named.as(name + "-dead-letter"))
                .to(dlq.name(), dlq.produced(name + "-dlq"));
        return branches.get(name + "-accepted")
                .mapValues(intake -> ((Intake.Accepted<T>) intake).value(), Named.as(name + "-accepted-value"));
    }

    /**
     * Counts one dead letter in {@code vigil.dead.letters} (reason category, source stage). Stream threads are not
     * Spring beans, so they count in Micrometer's global registry, which Spring Boot binds its registries to. Under
     * exactly-once a record processed again after an aborted transaction is counted again.
     */
    static void count(MeterRegistry registry, DeadLetter letter) {
        Counter.builder(DeadLetterCategory.METRIC)
                .description(DeadLetterCategory.METRIC_DESCRIPTION)
                .tag("reason", DeadLetterCategory.of(letter.reason()).tag())
                .tag("source", DeadLetterCategory.sourceOf(letter.source()))
                .register(registry)
                .increment();
    }

    /** The contract's source id of a record read by this stage: {@code streams:<topic>/<partition>@<offset>}. */
    public static String source(String topic, int partition, long offset) {
        return "streams:" + topic + "/" + partition + "@" + offset;
    }

    public static String source(Optional<RecordMetadata> metadata) {
        return metadata.map(m -> source(m.topic(), m.partition(), m.offset())).orElse("streams:unknown");
    }

    /**
     * The {@code cluster} field of a record that could not be decoded, when it is JSON with one; read only on the
     * failure path, so the extra parse costs nothing for good data.
     */
    public static String clusterOf(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            JsonNode cluster = VigilJson.mapper().readTree(value).path("cluster");
            return cluster.isString() ? cluster.stringValue() : null;
        } catch (JacksonException notJson) {
            return null;
        }
    }
}
