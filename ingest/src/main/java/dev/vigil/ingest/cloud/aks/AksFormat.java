package dev.vigil.ingest.cloud.aks;

import dev.vigil.ingest.cloud.CloudFormat;
import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * AKS control-plane audit logs as Azure Monitor diagnostic settings deliver them: an Event Hubs message (and an
 * export to a storage account) is {@code {"records":[…]}}; each record of category {@code kube-audit} or
 * {@code kube-audit-admin} holds one API server audit event as JSON text in {@code properties.log}. A single record
 * (one line of a storage account's JSON lines) is read too. The cluster is the last segment of the record's
 * {@code resourceId} ({@code …/providers/Microsoft.ContainerService/managedClusters/<name>}), in lower case:
 * Azure writes resource ids in upper case and resource names are case-insensitive.
 */
public final class AksFormat implements CloudFormat {

    /** The diagnostic categories that carry audit events. */
    static final Set<String> AUDIT_CATEGORIES = Set.of("kube-audit", "kube-audit-admin");
    private static final String MANAGED_CLUSTERS = "/managedclusters/";

    @Override
    public String name() {
        return "aks";
    }

    @Override
    public boolean probe(JsonNode item) {
        if (item == null || !item.isObject()) {
            return false;
        }
        JsonNode first = item.path("records").isArray() ? item.path("records").path(0) : item;
        return AUDIT_CATEGORIES.contains(first.path("category").asString(""))
                || first.path("resourceId").asString("").toLowerCase(Locale.ROOT).contains(MANAGED_CLUSTERS);
    }

    @Override
    public List<CloudRecord> events(JsonNode item) {
        if (item == null || !item.isObject()) {
            return List.of(CloudRecord.failed("an Azure diagnostic log body must be a JSON object",
                    null, String.valueOf(item)));
        }
        JsonNode records = item.get("records");
        if (records == null) {
            return List.of(record(item));
        }
        if (!records.isArray()) {
            return List.of(CloudRecord.failed("records is not an array", null, item.toString()));
        }
        List<CloudRecord> events = new ArrayList<>(records.size());
        records.forEach(record -> events.add(record(record)));
        return events;
    }

    private static CloudRecord record(JsonNode record) {
        String original = record.toString();
        if (!record.isObject()) {
            return CloudRecord.failed("a diagnostic record must be a JSON object", null, original);
        }
        String cluster = cluster(record.path("resourceId").asString(""));
        String category = record.path("category").asString("");
        if (!AUDIT_CATEGORIES.contains(category)) {
            return CloudRecord.failed("category '" + category + "' is not an audit log (kube-audit, "
                    + "kube-audit-admin); leave it out of the diagnostic setting that feeds Vigil", cluster, original);
        }
        JsonNode log = record.path("properties").path("log");
        if (!log.isString()) {
            return CloudRecord.failed("the record has no properties.log text", cluster, original);
        }
        JsonNode event;
        try {
            event = VigilJson.tolerantMapper().readTree(log.asString());
        } catch (JacksonException e) {
            return CloudRecord.failed("properties.log is not JSON: " + e.getOriginalMessage(), cluster, original);
        }
        if (!(event instanceof ObjectNode object)) {
            return CloudRecord.failed("properties.log is not a JSON object", cluster, original);
        }
        return CloudRecord.event(object, cluster, original);
    }

    /** The managed cluster's name from a resource id, lower-cased, or null. */
    static String cluster(String resourceId) {
        String lower = resourceId.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf(MANAGED_CLUSTERS);
        if (at < 0) {
            return null;
        }
        String name = lower.substring(at + MANAGED_CLUSTERS.length());
        int slash = name.indexOf('/');
        name = slash < 0 ? name : name.substring(0, slash);
        return name.isEmpty() ? null : name;
    }
}
