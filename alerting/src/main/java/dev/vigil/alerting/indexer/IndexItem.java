package dev.vigil.alerting.indexer;

import tools.jackson.databind.JsonNode;

/**
 * One document to index: the daily index, the document id of the contract and the document itself — the record's
 * bytes as they came ({@link RawJson}, evidence) or a tree (alerts, and any document the indexer had to change).
 *
 * @param version  external version ({@code vigil.count} of an alert) so that an older update never overwrites a newer
 *                 one; null for documents that never change (evidence)
 * @param document a {@link RawJson} or a {@link JsonNode}: what the client's mapper writes into the bulk body
 * @param cluster  {@code orchestrator.cluster.name}, for a dead letter
 */
record IndexItem(String index, String id, Long version, Object document, String cluster) {

    IndexItem {
        if (!(document instanceof RawJson || document instanceof JsonNode)) {
            throw new IllegalArgumentException("a document is raw JSON or a tree, not " + document);
        }
    }

    /** The document as a tree; decodes raw bytes (only a rejected document needs this). */
    JsonNode tree() {
        return document instanceof RawJson raw ? raw.tree() : (JsonNode) document;
    }

    /** The same item with another document (the tree of a changed one). */
    IndexItem with(JsonNode changed) {
        return new IndexItem(index, id, version, changed, cluster);
    }
}
