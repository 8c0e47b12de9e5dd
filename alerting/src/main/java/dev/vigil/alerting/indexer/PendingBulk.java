package dev.vigil.alerting.indexer;

import dev.vigil.model.dlq.DeadLetter;
import dev.vigil.model.json.VigilJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of Kafka records on its way into OpenSearch: every record is indexed, or dead-lettered, before the batch
 * is complete and its offsets may be committed. Items that OpenSearch asked to retry stay pending; records that
 * cannot be documents or that OpenSearch rejected for good wait for their dead letter to be acknowledged.
 */
final class PendingBulk {

    private enum State { TO_INDEX, TO_DEAD_LETTER, DONE }

    /** One record of the batch and what is left to do with it. */
    static final class Entry {
        private final ConsumerRecord<String, byte[]> record;
        private IndexItem item;
        private State state;
        private String reason;
        private String firstRejection;

        private Entry(ConsumerRecord<String, byte[]> record, IndexItem item, State state, String reason) {
            this.record = record;
            this.item = item;
            this.state = state;
            this.reason = reason;
        }

        IndexItem item() {
            return item;
        }

        /** {@code alerting:<topic>/<partition>@<offset>}: the key and {@code source} of a dead letter. */
        String source() {
            return "alerting:" + record.topic() + "/" + record.partition() + "@" + record.offset();
        }

        DeadLetter deadLetter(Clock clock) {
            String payload = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
            return new DeadLetter(source(), reason, payload, Instant.now(clock),
                    item == null ? null : item.cluster());
        }
    }

    private final DocumentKind kind;
    private final List<Entry> entries;
    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

    private PendingBulk(DocumentKind kind, List<Entry> entries) {
        this.kind = kind;
        this.entries = entries;
        for (Entry entry : entries) {
            nextOffsets.merge(new TopicPartition(entry.record.topic(), entry.record.partition()),
                    entry.record.offset() + 1, Math::max);
        }
    }

    static PendingBulk of(List<ConsumerRecord<String, byte[]>> records, DocumentKind kind) {
        List<Entry> entries = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            entries.add(decode(record, kind));
        }
        return new PendingBulk(kind, entries);
    }

    private static Entry decode(ConsumerRecord<String, byte[]> record, DocumentKind kind) {
        if (record.value() == null) {
            return new Entry(record, null, State.DONE, null); // a tombstone carries no document
        }
        IndexItem raw = kind.rawItem(record.value(), record.timestamp());
        if (raw != null) {
            return new Entry(record, raw, State.TO_INDEX, null); // the bytes go out as they came, no tree
        }
        // everything else (alerts, and records the field reader does not answer for) is decoded into a tree
        JsonNode document;
        try {
            document = VigilJson.mapper().readTree(record.value());
        } catch (RuntimeException e) {
            return new Entry(record, null, State.TO_DEAD_LETTER, "not a JSON " + kind.noun() + " document: "
                    + e.getMessage());
        }
        if (document == null || !document.isObject()) {
            return new Entry(record, null, State.TO_DEAD_LETTER, "not a JSON object: " + kind.noun() + " expected");
        }
        String id = kind.id(document);
        if (id == null) {
            String idFields = kind == DocumentKind.ALERT ? "event.id" : "kubernetes.audit.auditID";
            return new Entry(record, null, State.TO_DEAD_LETTER,
                    kind.noun() + " document without the fields of its id (" + idFields + ")");
        }
        Instant time = kind.eventTime(document).orElseGet(() -> Instant.ofEpochMilli(record.timestamp()));
        IndexItem item = new IndexItem(kind.family().indexFor(time), id, kind.version(document), document,
                DocumentKind.cluster(document));
        return new Entry(record, item, State.TO_INDEX, null);
    }

    List<Entry> toIndex() {
        return entries.stream().filter(entry -> entry.state == State.TO_INDEX).toList();
    }

    List<Entry> toDeadLetter() {
        return entries.stream().filter(entry -> entry.state == State.TO_DEAD_LETTER).toList();
    }

    void indexed(Entry entry) {
        entry.state = State.DONE;
    }

    /**
     * OpenSearch refused the document for good. The first time, when it has free-form fields, it is sent once more
     * with them stored unindexed ({@link DocumentKind#withFreeFormUnindexed}) and true is returned; otherwise it
     * waits for its dead letter, whose reason names both refusals.
     */
    boolean rejected(Entry entry, String reason) {
        if (entry.firstRejection == null) {
            var fallback = kind.withFreeFormUnindexed(entry.item.tree());
            if (fallback.isPresent()) {
                entry.firstRejection = reason;
                entry.item = entry.item.with(fallback.get());
                return true;
            }
        }
        entry.state = State.TO_DEAD_LETTER;
        entry.reason = entry.firstRejection == null ? reason
                : reason + " (also with its free-form fields unindexed; first refusal: " + entry.firstRejection + ")";
        return false;
    }

    void deadLettered(Entry entry) {
        entry.state = State.DONE;
    }

    boolean complete() {
        return entries.stream().allMatch(entry -> entry.state == State.DONE);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return entries.size();
    }

    /** The offsets to commit once the batch is complete: the next offset of every partition in it. */
    Map<TopicPartition, OffsetAndMetadata> offsets() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        nextOffsets.forEach((partition, next) -> offsets.put(partition, new OffsetAndMetadata(next)));
        return offsets;
    }

    /** Forgets the records of partitions this consumer lost: their new owner reads them again from the last commit. */
    PendingBulk without(Collection<TopicPartition> partitions) {
        return new PendingBulk(kind, entries.stream()
                .filter(entry -> !partitions.contains(
                        new TopicPartition(entry.record.topic(), entry.record.partition())))
                .toList());
    }
}
