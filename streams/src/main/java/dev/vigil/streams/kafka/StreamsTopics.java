package dev.vigil.streams.kafka;

import dev.vigil.model.alert.Alert;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.evidence.Evidence;
import dev.vigil.model.kafka.JsonSerde;
import dev.vigil.model.kafka.Topics;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics of the contract with the serdes {@code streams} uses for them. Topics fed from outside Vigil
 * ({@code k8s.audit.events}, {@code k8s.watch.events}) are read as raw bytes and decoded explicitly, so bad data
 * becomes a dead letter instead of a deserialization exception.
 */
public record StreamsTopics(
        TopicSpec<String, byte[]> audit,
        TopicSpec<String, byte[]> watch,
        TopicSpec<String, Alert> alerts,
        TopicSpec<String, Evidence> evidence,
        TopicSpec<String, DeadLetter> dlq) {

    public static StreamsTopics of(Topics topics) {
        return new StreamsTopics(
                new TopicSpec<>(topics.audit(), Serdes.String(), Serdes.ByteArray()),
                new TopicSpec<>(topics.watch(), Serdes.String(), Serdes.ByteArray()),
                new TopicSpec<>(topics.alerts(), Serdes.String(), JsonSerde.of(Alert.class)),
                new TopicSpec<>(topics.evidence(), Serdes.String(), JsonSerde.of(Evidence.class)),
                new TopicSpec<>(topics.dlq(), Serdes.String(), JsonSerde.of(DeadLetter.class)));
    }

    public static StreamsTopics defaults() {
        return of(Topics.defaults());
    }
}
