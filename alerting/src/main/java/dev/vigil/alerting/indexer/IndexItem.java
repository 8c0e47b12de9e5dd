package dev.vigil.alerting.indexer;

import tools.jackson.databind.JsonNode;

/**
 * One document to index: the daily index, the document id of the contract and the document itself (the tree read
 * from Kafka, sent as it is).
 *
 * @param version external version ({@code vigil.count} of an alert) so that an older update never overwrites a newer
 *                one; null for documents that never change (evidence)
 * @param cluster {@code orchestrator.cluster.name}, for a dead letter
 */
record IndexItem(String index, String id, Long version, JsonNode document, String cluster) {
}
