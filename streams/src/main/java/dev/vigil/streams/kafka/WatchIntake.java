package dev.vigil.streams.kafka;

import dev.vigil.model.audit.Timestamps;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.watch.WatchEvent;
import dev.vigil.model.watch.WatchEventType;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;

/**
 * Reads {@code k8s.watch.events} as bytes and decodes them leniently (type in any case, cluster from the key when the
 * value lacks it, the Kafka timestamp when {@code observedAt} is missing); what cannot be used goes to the DLQ.
 */
public final class WatchIntake {

    private WatchIntake() {
    }

    public static KStream<String, WatchEvent> decoded(StreamsBuilder builder, StreamsTopics topics) {
        KStream<String, Intake<WatchEvent>> decoded = builder
                .stream(topics.watch().name(), topics.watch().consumed("watch-source"))
                .processValues(WatchDecoder::new, Named.as("watch-decode"));
        return DeadLetters.route(decoded, "watch", topics.dlq());
    }

    /** Decodes one watch record, or says why it cannot be used. */
    static final class WatchDecoder implements FixedKeyProcessor<String, byte[], Intake<WatchEvent>> {

        private FixedKeyProcessorContext<String, Intake<WatchEvent>> context;

        @Override
        public void init(FixedKeyProcessorContext<String, Intake<WatchEvent>> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            Instant timestamp = Instant.ofEpochMilli(record.timestamp());
            Intake<WatchEvent> intake;
            try {
                intake = Intake.accepted(decode(record.key(), record.value(), timestamp));
            } catch (InvalidWatchEvent e) {
                String text = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
                intake = Intake.rejected(new DeadLetter(DeadLetters.source(context.recordMetadata()), e.getMessage(),
                        text, timestamp, clusterFromKey(record.key())));
            }
            context.forward(record.withValue(intake));
        }
    }

    static WatchEvent decode(String key, byte[] value, Instant recordTime) {
        if (value == null) {
            throw new InvalidWatchEvent("empty record");
        }
        JsonNode node;
        try {
            node = VigilJson.mapper().readTree(value);
        } catch (JacksonException e) {
            throw new InvalidWatchEvent("not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new InvalidWatchEvent("not a JSON object");
        }
        JsonNode object = node.get("object");
        if (object == null || !object.isObject()) {
            throw new InvalidWatchEvent("object: expected a Kubernetes object");
        }
        JsonNode cluster = node.get("cluster");
        String clusterName = cluster != null && cluster.isString() ? cluster.stringValue() : clusterFromKey(key);
        if (clusterName == null || clusterName.isEmpty()) {
            throw new InvalidWatchEvent("cluster: missing in the value and the key");
        }
        JsonNode observed = node.get("observedAt");
        Instant observedAt = observed != null && observed.isString()
                ? Timestamps.parse(observed.stringValue()).orElse(recordTime) : recordTime;
        return new WatchEvent(clusterName, type(node.get("type")), object, observedAt);
    }

    private static WatchEventType type(JsonNode type) {
        if (type == null || !type.isString()) {
            throw new InvalidWatchEvent("type: expected ADDED, MODIFIED or DELETED");
        }
        try {
            return WatchEventType.valueOf(type.stringValue().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidWatchEvent("type: unsupported watch event type '" + type.stringValue() + "'");
        }
    }

    /** The {@code <cluster>} part of a {@code <cluster>/<kind>/<namespace>/<name>} key. */
    static String clusterFromKey(String key) {
        if (key == null) {
            return null;
        }
        int slash = key.indexOf('/');
        return slash > 0 ? key.substring(0, slash) : null;
    }

    /** Why a watch record cannot be used; only unwinds {@link #decode} to the processor. */
    static final class InvalidWatchEvent extends RuntimeException {
        InvalidWatchEvent(String message) {
            super(message, null, false, false);
        }
    }
}
