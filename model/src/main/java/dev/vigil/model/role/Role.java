package dev.vigil.model.role;

/** A part of Vigil that one process can run; the stage modules' auto-configurations are guarded by these names. */
public enum Role {
    /** Audit webhook, audit-file replay and Kubernetes watcher: everything that produces to Kafka. */
    INGEST,
    /** The Kafka Streams topologies: normalisation, redaction, rules, dedup. */
    STREAMS,
    /** Indexing into OpenSearch, the query API and the notifiers. */
    ALERTING,
    /** The web console. */
    CONSOLE;

    /** Whether the role reads or writes OpenSearch (and so needs one to be reachable). */
    public boolean usesOpenSearch() {
        return this == ALERTING || this == CONSOLE;
    }
}
