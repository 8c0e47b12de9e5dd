package dev.vigil.ingest.cloud;

import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * How a managed cloud wraps Kubernetes audit events, shared by its push endpoint and by
 * {@code vigil replay --format NAME}: given one item of the cloud's delivery or export, the events inside it.
 * Implementations are stateless and never throw for bad input (a bad record becomes a failed {@link CloudRecord}).
 */
public interface CloudFormat {

    /** The {@code --format} name: {@code cloudwatch}, {@code gke} or {@code aks}. */
    String name();

    /** Whether {@code item}, the first item of a file, looks like this format ({@code --format auto}). */
    boolean probe(JsonNode item);

    /** The audit events in one item (a file line / array element / document), in order. */
    List<CloudRecord> events(JsonNode item);
}
