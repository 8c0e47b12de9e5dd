package dev.vigil.ingest.webhook;

/** The answer to one webhook batch: events Kafka acknowledged, and items that went to the dead-letter topic. */
record BatchResult(long accepted, long rejected) {
}
