package dev.vigil.bench.measure;

import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.streams.kafka.TopicSpec;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;

/**
 * What Kafka Streams costs before Vigil does anything: the audit topic read with the detection application's serdes
 * and configuration by a topology that drops every record ({@code source → filter}), optionally after
 * {@link AuditRecordCodec#decodeLazily lazily decoding} each value as the detection application does. The
 * detection application's CPU per event minus this floor is Vigil's own work.
 */
final class FrameworkFloor {

    private FrameworkFloor() {
    }

    /** {@code source → filter(false)}, with the lazy decode inside the filter when {@code decode} is set. */
    static Topology topology(TopicSpec<String, byte[]> audit, boolean decode) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(audit.name(), audit.consumed("floor-source"))
                .filter((key, value) -> decode && !AuditRecordCodec.decodeLazily(value).isOk(),
                        Named.as("floor-drop"));
        return builder.build();
    }
}
