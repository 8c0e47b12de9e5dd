package dev.vigil.alerting.indexer;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.model.alert.AlertDocuments;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.Timestamps;
import tools.jackson.databind.JsonNode;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the indexer needs to know about the documents of one topic: their index family, their document id as the
 * contract defines it, the event time that picks the daily index, and whether updates carry a version.
 */
enum DocumentKind {

    /**
     * {@code vigil.alerts}: id {@code event.id}; dedup updates carry a growing {@code vigil.count}. A posture
     * finding ({@code vigil.status}) goes open → resolved → open (count + 1) → …, so its version is
     * {@code 2 × count − 1} while open and {@code 2 × count} once resolved: a late or re-delivered {@code open} can
     * never overwrite the {@code resolved} that followed it, and a reopening always wins over the resolution before.
     */
    ALERT(IndexFamily.ALERTS, "alert", List.of("vigil.evidence.details")) {
        @Override
        String id(JsonNode document) {
            return AlertDocuments.id(document);
        }

        @Override
        Long version(JsonNode document) {
            long count = document.path("vigil").path("count").asLong(0);
            if (count <= 0) {
                return null;
            }
            return switch (document.path("vigil").path("status").asString("")) {
                case "open" -> 2 * count - 1;
                case "resolved" -> 2 * count;
                default -> count;
            };
        }

        @Override
        Optional<Instant> fallbackTime(JsonNode document) {
            return time(document.path("vigil").path("first_seen"));
        }
    },

    /**
     * {@code vigil.evidence}: id {@code <cluster>/<auditID>-<stage>}, the same as {@code Evidence.documentId()}. The
     * cluster is part of it because an audit id is whatever the sender wrote: without it, one cluster's token could
     * overwrite another cluster's evidence. Computed from the fields, not taken from {@code event.id} or the Kafka
     * key, so a record written before the cluster became part of the id is indexed under the new id as well.
     */
    EVIDENCE(IndexFamily.EVIDENCE, "evidence", List.of("kubernetes.audit.requestObject",
            "kubernetes.audit.responseObject", "kubernetes.audit.annotations",
            "kubernetes.audit.responseStatus.details", "kubernetes.audit.user.extra",
            "kubernetes.audit.impersonatedUser.extra")) {
        @Override
        String id(JsonNode document) {
            JsonNode audit = document.path("kubernetes").path("audit");
            String auditId = text(audit.path("auditID"));
            return auditId == null ? null : AuditEvent.documentId(cluster(document), auditId, text(audit.path("stage")));
        }

        @Override
        Long version(JsonNode document) {
            return null;
        }

        @Override
        Optional<Instant> fallbackTime(JsonNode document) {
            JsonNode audit = document.path("kubernetes").path("audit");
            return time(audit.path("stageTimestamp")).or(() -> time(audit.path("requestReceivedTimestamp")));
        }

        @Override
        IndexItem rawItem(byte[] value, long recordTimestamp) {
            EvidenceFields fields = EvidenceFields.read(value);
            if (fields == null) {
                return null;
            }
            Instant time = time(fields.timestamp())
                    .or(() -> time(fields.stageTimestamp()))
                    .or(() -> time(fields.requestReceivedTimestamp()))
                    .orElseGet(() -> Instant.ofEpochMilli(recordTimestamp));
            return new IndexItem(family().indexFor(time),
                    AuditEvent.documentId(fields.cluster(), fields.auditId(), fields.stage()), null,
                    new RawJson(value), fields.cluster());
        }
    };

    /** Where a document keeps free-form fields OpenSearch could not index: stored, never indexed. */
    static final String UNINDEXED = "unindexed";
    static final String UNINDEXED_FIELDS = "unindexed_fields";

    private final IndexFamily family;
    private final String noun;
    private final List<String> freeFormFields;

    DocumentKind(IndexFamily family, String noun, List<String> freeFormFields) {
        this.family = family;
        this.noun = noun;
        this.freeFormFields = freeFormFields;
    }

    IndexFamily family() {
        return family;
    }

    String noun() {
        return noun;
    }

    /** The document id of the contract, or null when the document lacks the fields it is made of. */
    abstract String id(JsonNode document);

    abstract Long version(JsonNode document);

    /** The event time when {@code @timestamp} is missing. */
    abstract Optional<Instant> fallbackTime(JsonNode document);

    /**
     * The item of a record sent as its bytes ({@link RawJson}), its fields read without a tree; null when the record
     * must take the tree path: alerts always (few, and their version needs more of the document), evidence when
     * {@link EvidenceFields} does not answer.
     */
    IndexItem rawItem(byte[] value, long recordTimestamp) {
        return null;
    }

    Optional<Instant> eventTime(JsonNode document) {
        return time(document.path("@timestamp")).or(() -> fallbackTime(document));
    }

    /**
     * The document with its free-form fields (the {@code flat_object} ones) moved below {@code vigil.unindexed}, which
     * the templates store without indexing, and their paths listed in {@code vigil.unindexed_fields}; empty when the
     * document has none of them. Why: a {@code flat_object} leaf longer than Lucene's 32 766-byte term limit (a big
     * ConfigMap value, a {@code last-applied-configuration} annotation) or a non-object value rejects the whole
     * document, and evidence must stay searchable by everything else rather than leave the index.
     */
    Optional<JsonNode> withFreeFormUnindexed(JsonNode document) {
        ObjectNode copy = (ObjectNode) document.deepCopy();
        ObjectNode vigil = copy.path("vigil").isObject() ? (ObjectNode) copy.get("vigil") : copy.putObject("vigil");
        ObjectNode unindexed = vigil.putObject(UNINDEXED);
        ArrayNode moved = vigil.putArray(UNINDEXED_FIELDS);
        for (String path : freeFormFields) {
            String[] names = path.split("\\.");
            JsonNode parent = copy;
            for (int i = 0; i < names.length - 1; i++) {
                parent = parent.path(names[i]);
            }
            String leaf = names[names.length - 1];
            if (parent instanceof ObjectNode object && object.has(leaf)) {
                ObjectNode target = unindexed;
                for (int i = 0; i < names.length - 1; i++) {
                    target = target.has(names[i]) ? (ObjectNode) target.get(names[i]) : target.putObject(names[i]);
                }
                target.set(leaf, object.remove(leaf));
                moved.add(path);
            }
        }
        return moved.isEmpty() ? Optional.empty() : Optional.of(copy);
    }

    static String cluster(JsonNode document) {
        return text(document.path("orchestrator").path("cluster").path("name"));
    }

    private static Optional<Instant> time(JsonNode node) {
        return time(text(node));
    }

    private static Optional<Instant> time(String text) {
        return text == null ? Optional.empty() : Timestamps.parse(text);
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
    }
}
