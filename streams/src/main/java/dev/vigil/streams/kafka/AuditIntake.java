package dev.vigil.streams.kafka;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.json.Decoded;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

import java.time.Instant;

/**
 * Reads {@code k8s.audit.events} as bytes and decodes each record once with {@link AuditRecordCodec}; what cannot be
 * decoded goes to {@code vigil.dlq} with the reason and the original text.
 */
public final class AuditIntake {

    private AuditIntake() {
    }

    /** The decoded audit records of {@code topics.audit()}, in input order, keyed as they arrived. */
    public static KStream<String, AuditRecord> decoded(StreamsBuilder builder, StreamsTopics topics) {
        return DeadLetters.route(intake(builder, topics, false), "audit", topics.dlq());
    }

    /**
     * The decoded audit records without dead letters: the detection application reads the same records as the
     * evidence application, and only the evidence application dead-letters what cannot be decoded, so that each bad
     * record is in {@code vigil.dlq} once. Decoded {@linkplain AuditRecordCodec#decodeLazily lazily}: most events are
     * decided by their envelope, and {@code requestObject}/{@code responseObject} are parsed only when a matched rule
     * or the alert of a firing one reads them — by the same parser over the same bytes as the evidence.
     */
    public static KStream<String, AuditRecord> decodedWithoutDeadLetters(StreamsBuilder builder, StreamsTopics topics) {
        return intake(builder, topics, true)
                .filter((key, intake) -> intake instanceof Intake.Accepted<AuditRecord>, Named.as("audit-accepted"))
                .mapValues(intake -> ((Intake.Accepted<AuditRecord>) intake).value(), Named.as("audit-accepted-value"));
    }

    private static KStream<String, Intake<AuditRecord>> intake(StreamsBuilder builder, StreamsTopics topics,
                                                               boolean lazily) {
        return builder.stream(topics.audit().name(), topics.audit().consumed("audit-source"))
                .processValues(() -> new AuditDecoder(lazily), Named.as("audit-decode"));
    }

    /** Decodes one record; a record without the {@code receivedAt} envelope field gets its Kafka timestamp. */
    static final class AuditDecoder implements FixedKeyProcessor<String, byte[], Intake<AuditRecord>> {

        private final boolean lazily;
        private FixedKeyProcessorContext<String, Intake<AuditRecord>> context;

        /** @param lazily leave the request and response objects unread until used ({@link AuditRecord#whole()}) */
        AuditDecoder(boolean lazily) {
            this.lazily = lazily;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Intake<AuditRecord>> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            Instant timestamp = Instant.ofEpochMilli(record.timestamp());
            Decoded<AuditRecord> decoded = lazily ? AuditRecordCodec.decodeLazily(record.value())
                    : AuditRecordCodec.decode(record.value());
            Intake<AuditRecord> intake;
            if (decoded instanceof Decoded.Failed<AuditRecord> failed) {
                intake = Intake.rejected(new DeadLetter(DeadLetters.source(context.recordMetadata()), failed.reason(),
                        failed.original(), timestamp, DeadLetters.clusterOf(record.value())));
            } else {
                intake = Intake.accepted(withReceivedAt(decoded.value(), timestamp));
            }
            context.forward(record.withValue(intake));
        }

        private static AuditRecord withReceivedAt(AuditRecord record, Instant timestamp) {
            return record.receivedAt() != null ? record : record.withEnvelope(record.cluster(), timestamp);
        }
    }
}
