package dev.vigil.ingest.cloud;

import tools.jackson.databind.node.ObjectNode;

/**
 * One audit event recovered from a managed cloud's envelope (a CloudWatch Logs event, a Cloud Logging entry, an
 * Azure diagnostic record), or the reason it could not be.
 *
 * @param event    the {@code audit.k8s.io/v1} Event, or null when {@code error} is set
 * @param cluster  the cluster named by the envelope (log group, {@code resource.labels.cluster_name},
 *                 {@code resourceId}), or null when the envelope names none
 * @param original the record's original text, for the dead-letter topic
 * @param error    why no event could be recovered, or null
 */
public record CloudRecord(ObjectNode event, String cluster, String original, String error) {

    public static CloudRecord event(ObjectNode event, String cluster, String original) {
        return new CloudRecord(event, cluster, original, null);
    }

    public static CloudRecord failed(String reason, String cluster, String original) {
        return new CloudRecord(null, cluster, original, reason);
    }

    public boolean isOk() {
        return error == null;
    }
}
