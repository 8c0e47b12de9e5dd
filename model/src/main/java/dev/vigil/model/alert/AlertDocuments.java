package dev.vigil.model.alert;

import tools.jackson.databind.JsonNode;

/**
 * Where the alert document of the contract (design §5) keeps what every reader of {@code vigil.alerts} needs, for
 * the parsed tree and the record alike: one definition, so the indexer, the notifiers and the console agree on
 * which alert a record is.
 */
public final class AlertDocuments {

    private AlertDocuments() {
    }

    /** The alert id ({@code event.id}, also the OpenSearch document id), or null when missing, not text or blank. */
    public static String id(JsonNode document) {
        JsonNode id = document == null ? null : document.path("event").path("id");
        return id != null && id.isString() ? nonBlank(id.stringValue()) : null;
    }

    /** The same for an alert read as a record: null when it has no {@code event} or no usable id. */
    public static String id(Alert alert) {
        return alert == null || alert.event() == null ? null : nonBlank(alert.event().id());
    }

    private static String nonBlank(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
