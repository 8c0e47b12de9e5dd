package dev.vigil.streams.kafka;

import dev.vigil.model.audit.AuditRecord;
import dev.vigil.model.audit.AuditRecordCodec;
import dev.vigil.model.audit.RequestSummary;
import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.json.Decoded;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads {@code k8s.audit.events} as bytes and decodes each record once with {@link AuditRecordCodec}; what cannot be
 * decoded goes to {@code vigil.dlq} with the reason and the original text.
 */
public final class AuditIntake {

    private AuditIntake() {
    }

    /**
     * The detection screen as the decoder asks it (the engine's {@code mayMatch}): false only when no rule can fire
     * on the event, asked with the summary a byte-level reader took from the record, else with the lazily decoded
     * record (which also tells the few attributes the summary does not carry).
     */
    public interface Screen {

        /** Passes everything: the decoder only decodes. */
        Screen NONE = of(summary -> true, record -> true);

        boolean mayMatch(RequestSummary summary);

        boolean mayMatch(AuditRecord record);

        static Screen of(Predicate<RequestSummary> bySummary, Predicate<AuditRecord> byRecord) {
            return new Screen() {
                @Override
                public boolean mayMatch(RequestSummary summary) {
                    return bySummary.test(summary);
                }

                @Override
                public boolean mayMatch(AuditRecord record) {
                    return byRecord.test(record);
                }
            };
        }
    }

    /** The decoded audit records of {@code topics.audit()}, in input order, keyed as they arrived. */
    public static KStream<String, AuditRecord> decoded(StreamsBuilder builder, StreamsTopics topics) {
        return decoded(builder, topics, null);
    }

    /**
     * {@link #decoded(StreamsBuilder, StreamsTopics)}, each record {@linkplain AuditRecordCodec#decodeChecked decoded}
     * with {@code objectCheck}: the objects it passes stay bytes (null: every record decoded whole).
     */
    public static KStream<String, AuditRecord> decoded(StreamsBuilder builder, StreamsTopics topics,
                                                       AuditRecordCodec.ObjectCheck objectCheck) {
        return DeadLetters.route(builder.stream(topics.audit().name(), topics.audit().consumed("audit-source"))
                .processValues(() -> new AuditDecoder(objectCheck), Named.as("audit-decode")), "audit", topics.dlq());
    }

    /**
     * The decoded audit records without dead letters: the detection application reads the same records as the
     * evidence application, and only the evidence application dead-letters what cannot be decoded, so that each bad
     * record is in {@code vigil.dlq} once. Decoded {@linkplain AuditRecordCodec#decodeLazily lazily}: most events are
     * decided by their envelope, and {@code requestObject}/{@code responseObject} are parsed only when a matched rule
     * or the alert of a firing one reads them — by the same parser over the same bytes as the evidence. The records
     * come without their Kafka key (null): what reads them keys its output anew.
     */
    public static KStream<String, AuditRecord> decodedWithoutDeadLetters(StreamsBuilder builder, StreamsTopics topics) {
        return decodedWithoutDeadLetters(builder, topics, Screen.NONE);
    }

    /**
     * {@link #decodedWithoutDeadLetters(StreamsBuilder, StreamsTopics)} passing on only the records whose request
     * summary the {@code screen} accepts (the detection application: those some rule can fire on), so that the others
     * cost no further processor.
     */
    public static KStream<String, AuditRecord> decodedWithoutDeadLetters(StreamsBuilder builder, StreamsTopics topics,
                                                                        Screen screen) {
        return decodedWithoutDeadLetters(builder, topics, screen, AcceptedAuditDecoder.NO_BYTE_READER);
    }

    /**
     * As above, with a reader that takes the summary straight from the record's bytes ({@code null} when unsure), so
     * that screened-out records are not even decoded lazily. The screen then knows only the summary: whether the
     * request impersonated someone and its user agent are unknown, so rules that read them (the bundled
     * {@code impersonation} on every resource, {@code service-account-unusual-client}) keep what a decoded record
     * would have shown them not to concern.
     */
    public static KStream<String, AuditRecord> decodedWithoutDeadLetters(
            StreamsBuilder builder, StreamsTopics topics, Screen screen, Function<byte[], RequestSummary> summaryOfBytes) {
        // One processor, not decode → filter → mapValues: each node costs a forward and a copy of the headers per
        // record. The key is read as bytes and not passed on: detection keys everything it writes anew (alert id,
        // rule and state key), and turning every record's key into a String was ~6 % of its stream thread.
        return builder.stream(topics.audit().name(),
                        Consumed.with(Serdes.ByteArray(), topics.audit().valueSerde()).withName("audit-source"))
                .process(() -> new AcceptedAuditDecoder(screen, summaryOfBytes), Named.as("audit-decode"));
    }

    /**
     * The detection application's decoder: screens each record by its {@link RequestSummary} (from the bytes when the
     * byte reader is sure, else from the lazily decoded event), decodes lazily and forwards only what decodes (the
     * evidence application dead-letters the rest) and passes the screen; a record without the {@code receivedAt}
     * envelope field gets its Kafka timestamp. Counts the records the screen drops
     * ({@link #SCREENED_OUT}).
     */
    static final class AcceptedAuditDecoder implements Processor<byte[], byte[], String, AuditRecord> {

        /**
         * The records the screen dropped: {@code screened-out-total} and {@code -rate} of entity {@code audit-decode}
         * in the Kafka Streams metrics (scope {@value #METRICS_SCOPE}).
         */
        static final String SCREENED_OUT = "screened-out";
        static final String METRICS_SCOPE = "vigil-detection";
        /** No byte-level reader: every record's summary comes from its decoded event. */
        static final Function<byte[], RequestSummary> NO_BYTE_READER = bytes -> null;

        private final Screen screen;
        private final Function<byte[], RequestSummary> summaryOfBytes;
        private ProcessorContext<String, AuditRecord> context;
        private Sensor screenedOut;

        AcceptedAuditDecoder(Screen screen, Function<byte[], RequestSummary> summaryOfBytes) {
            this.screen = screen;
            this.summaryOfBytes = summaryOfBytes;
        }

        @Override
        public void init(ProcessorContext<String, AuditRecord> context) {
            this.context = context;
            this.screenedOut = screenedOutSensor(context);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            RequestSummary summary = record.value() == null ? null : summaryOfBytes.apply(record.value());
            if (summary != null && !screen.mayMatch(summary)) {
                countScreenedOut();
                return;
            }
            if (!(AuditRecordCodec.decodeLazily(record.value()) instanceof Decoded.Ok<AuditRecord> ok)
                    || ok.value().event() == null) {
                return;
            }
            if (summary == null && !screen.mayMatch(ok.value())) {
                countScreenedOut();
                return;
            }
            context.forward(new Record<>(null, AuditDecoder.withReceivedAt(ok.value(), record.timestamp()),
                    record.timestamp(), record.headers()));
        }

        private void countScreenedOut() {
            if (screenedOut != null) {
                screenedOut.record();
            }
        }

        /** Null where the context offers no metrics (a bare processor in a unit test). */
        private static Sensor screenedOutSensor(ProcessorContext<String, AuditRecord> context) {
            StreamsMetrics metrics = context.metrics();
            return metrics == null ? null : metrics.addRateTotalSensor(METRICS_SCOPE, "audit-decode", SCREENED_OUT,
                    Sensor.RecordingLevel.INFO);
        }
    }

    /**
     * Decodes one record fully (evidence), {@link AuditRecordCodec#decode}'s result by the cheaper
     * {@link AuditRecordCodec#decodeStreaming}, or {@link AuditRecordCodec#decodeChecked} when given a check; a
     * record without the {@code receivedAt} envelope field gets its Kafka timestamp.
     */
    static final class AuditDecoder implements FixedKeyProcessor<String, byte[], Intake<AuditRecord>> {

        private final AuditRecordCodec.ObjectCheck objectCheck;
        private FixedKeyProcessorContext<String, Intake<AuditRecord>> context;

        AuditDecoder(AuditRecordCodec.ObjectCheck objectCheck) {
            this.objectCheck = objectCheck;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Intake<AuditRecord>> context) {
            this.context = context;
        }

        @Override
        public void process(FixedKeyRecord<String, byte[]> record) {
            Decoded<AuditRecord> decoded = objectCheck == null ? AuditRecordCodec.decodeStreaming(record.value())
                    : AuditRecordCodec.decodeChecked(record.value(), objectCheck);
            Intake<AuditRecord> intake;
            if (decoded instanceof Decoded.Failed<AuditRecord> failed) {
                intake = Intake.rejected(new DeadLetter(DeadLetters.source(context.recordMetadata()), failed.reason(),
                        failed.original(), Instant.ofEpochMilli(record.timestamp()),
                        DeadLetters.clusterOf(record.value())));
            } else {
                intake = Intake.accepted(withReceivedAt(decoded.value(), record.timestamp()));
            }
            context.forward(record.withValue(intake));
        }

        static AuditRecord withReceivedAt(AuditRecord record, long timestamp) {
            return record.receivedAt() != null ? record
                    : record.withEnvelope(record.cluster(), Instant.ofEpochMilli(timestamp));
        }
    }
}
