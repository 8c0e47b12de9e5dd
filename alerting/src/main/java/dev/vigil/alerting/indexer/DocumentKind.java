package dev.vigil.alerting.indexer;

import dev.vigil.alerting.index.IndexFamily;
import dev.vigil.model.audit.AuditEvent;
import dev.vigil.model.audit.Timestamps;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Optional;

/**
 * What the indexer needs to know about the documents of one topic: their index family, their document id as the
 * contract defines it, the event time that picks the daily index, and whether updates carry a version.
 */
enum DocumentKind {

    /** {@code vigil.alerts}: id {@code event.id}; dedup updates carry a growing {@code vigil.count}. */
    ALERT(IndexFamily.ALERTS, "alert") {
        @Override
        String id(JsonNode document) {
            return text(document.path("event").path("id"));
        }

        @Override
        Long version(JsonNode document) {
            long count = document.path("vigil").path("count").asLong(0);
            return count > 0 ? count : null;
        }

        @Override
        Optional<Instant> fallbackTime(JsonNode document) {
            return time(document.path("vigil").path("first_seen"));
        }
    },

    /** {@code vigil.evidence}: id {@code auditID-stage}, the same as {@code Evidence.documentId()}. */
    EVIDENCE(IndexFamily.EVIDENCE, "evidence") {
        @Override
        String id(JsonNode document) {
            JsonNode audit = document.path("kubernetes").path("audit");
            String auditId = text(audit.path("auditID"));
            return auditId == null ? null : AuditEvent.documentId(auditId, text(audit.path("stage")));
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
    };

    private final IndexFamily family;
    private final String noun;

    DocumentKind(IndexFamily family, String noun) {
        this.family = family;
        this.noun = noun;
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

    Optional<Instant> eventTime(JsonNode document) {
        return time(document.path("@timestamp")).or(() -> fallbackTime(document));
    }

    static String cluster(JsonNode document) {
        return text(document.path("orchestrator").path("cluster").path("name"));
    }

    private static Optional<Instant> time(JsonNode node) {
        String text = text(node);
        return text == null ? Optional.empty() : Timestamps.parse(text);
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
    }
}
