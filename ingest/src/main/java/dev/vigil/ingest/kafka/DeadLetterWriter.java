package dev.vigil.ingest.kafka;

import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.dlq.DeadLetterCategory;
import io.micrometer.core.instrument.Counter;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes what ingest could not accept to {@code vigil.dlq}, keyed by the dead letter's source, so that bad input
 * is never dropped silently: the reason and the original text stay inspectable and replayable. A dead letter larger
 * than a Kafka record may be is split into parts, each a record of its own ({@code <source>#part-<k>-of-<n>}, the
 * reason saying which part): the payloads of the parts in order are the original text, so nothing is lost and no
 * dead letter is refused for its size. Each letter Kafka acknowledged is counted once (whatever its parts) in
 * {@code vigil.dead.letters}, tagged {@code reason} ({@link DeadLetterCategory}) and {@code source} (the stage).
 */
public final class DeadLetterWriter {

    /** Room for the key, headers and record overhead next to the value. */
    private static final int RECORD_OVERHEAD = 1024;
    /** JSON escapes a character into at most six bytes ({@code \u0000}). */
    private static final int MAX_ESCAPED_BYTES_PER_CHAR = 6;

    private final IngestProducer producer;
    private final String topic;

    public DeadLetterWriter(IngestProducer producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /** Sends one dead letter (in parts when it is too large for one record); completes when Kafka acknowledged all. */
    public CompletableFuture<Void> send(DeadLetter letter) {
        byte[] value = VigilJson.writeBytes(letter);
        if (fits(letter, value)) {
            return producer.send(record(letter, value)).thenRun(() -> counted(letter));
        }
        List<CompletableFuture<?>> sends = new ArrayList<>();
        for (DeadLetter part : parts(letter)) {
            sends.add(producer.send(record(part, VigilJson.writeBytes(part))));
        }
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).thenRun(() -> counted(letter));
    }

    private void counted(DeadLetter letter) {
        Counter.builder(DeadLetterCategory.METRIC)
                .description(DeadLetterCategory.METRIC_DESCRIPTION)
                .tag("reason", DeadLetterCategory.of(letter.reason()).tag())
                .tag("source", DeadLetterCategory.sourceOf(letter.source()))
                .register(producer.registry())
                .increment();
    }

    /** The parts of a letter too large for one record, each small enough whatever its payload's characters. */
    List<DeadLetter> parts(DeadLetter letter) {
        String payload = letter.payload() == null ? "" : letter.payload();
        int fixed = VigilJson.writeBytes(new DeadLetter(letter.source() + "#part-0000000-of-0000000",
                letter.reason() + " (part 0000000 of 0000000)", "", letter.receivedAt(), letter.cluster())).length;
        int room = producer.maxRecordSize() - RECORD_OVERHEAD - fixed;
        if (room < MAX_ESCAPED_BYTES_PER_CHAR * 64) {
            throw new IllegalArgumentException("the dead letter's source and reason alone nearly fill a record: " + fixed
                    + " bytes");
        }
        int chars = room / MAX_ESCAPED_BYTES_PER_CHAR;
        List<String> chunks = new ArrayList<>();
        for (int start = 0; start < payload.length(); ) {
            int end = Math.min(payload.length(), start + chars);
            if (end < payload.length() && Character.isHighSurrogate(payload.charAt(end - 1))) {
                end--; // keep a surrogate pair in one part
            }
            chunks.add(payload.substring(start, end));
            start = end;
        }
        List<DeadLetter> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            String which = (i + 1) + "-of-" + chunks.size();
            parts.add(new DeadLetter(letter.source() + "#part-" + which,
                    letter.reason() + " (part " + (i + 1) + " of " + chunks.size() + ")", chunks.get(i),
                    letter.receivedAt(), letter.cluster()));
        }
        return parts;
    }

    private boolean fits(DeadLetter letter, byte[] value) {
        return value.length + letter.source().length() * 4L + RECORD_OVERHEAD <= producer.maxRecordSize();
    }

    private ProducerRecord<String, byte[]> record(DeadLetter letter, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, letter.source(), value);
        if (letter.cluster() != null) {
            record.headers().add(IngestProducer.CLUSTER_HEADER, letter.cluster().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
