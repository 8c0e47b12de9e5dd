package dev.vigil.ingest.cloud.gke;

import dev.vigil.ingest.cloud.CloudFormat;
import dev.vigil.ingest.cloud.CloudRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * GKE's Cloud Audit Logs: one Cloud Logging {@code LogEntry} of {@code k8s.io} per item, as a Pub/Sub message of a
 * log sink carries it ({@code message.data}) and as a Cloud Logging JSON export holds it (a JSON array of entries, or
 * one entry per line in a Cloud Storage sink's files). The cluster is the entry's
 * {@code resource.labels.cluster_name}. Mapping: {@link GkeAuditMapping}.
 */
public final class GkeFormat implements CloudFormat {

    @Override
    public String name() {
        return "gke";
    }

    @Override
    public boolean probe(JsonNode item) {
        if (item == null || !item.isObject()) {
            return false;
        }
        JsonNode payload = item.path("protoPayload");
        return payload.path("serviceName").asString("").equals("k8s.io")
                || payload.path("methodName").asString("").startsWith("io.k8s.")
                || item.path("resource").path("type").asString("").equals("k8s_cluster");
    }

    @Override
    public List<CloudRecord> events(JsonNode item) {
        String original = item == null ? "" : item.toString();
        String cluster = cluster(item);
        try {
            ObjectNode event = GkeAuditMapping.toEvent(item);
            return List.of(CloudRecord.event(event, cluster, original));
        } catch (IllegalArgumentException e) {
            return List.of(CloudRecord.failed(e.getMessage(), cluster, original));
        }
    }

    /** {@code resource.labels.cluster_name}, or null. */
    static String cluster(JsonNode entry) {
        if (entry == null) {
            return null;
        }
        String name = entry.path("resource").path("labels").path("cluster_name").asString("");
        return name.isEmpty() ? null : name;
    }
}
