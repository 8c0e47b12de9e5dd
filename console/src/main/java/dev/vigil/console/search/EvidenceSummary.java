package dev.vigil.console.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * One search result: what an analyst scans in a timeline row (when, who, what, on which object, the answer, from
 * where, the sentence), with the whole redacted evidence document for the expanded row.
 *
 * @param id       the evidence document's id (cluster, audit id and stage)
 * @param object   the request's {@code objectRef} (resource, subresource, namespace, name, apiGroup), null for
 *                 non-resource requests
 * @param document the stored evidence document (redacted by streams before it was written)
 */
record EvidenceSummary(String id, String time, String cluster, String user, String verb, JsonNode object,
                       @JsonProperty("response_code") Integer responseCode, @JsonProperty("source_ip") String sourceIp,
                       String message, @JsonProperty("audit_id") String auditId, String stage,
                       @JsonProperty("user_agent") String userAgent, JsonNode document) {

    static EvidenceSummary of(String id, JsonNode document) {
        JsonNode audit = document.path("kubernetes").path("audit");
        JsonNode code = audit.path("responseStatus").path("code");
        JsonNode object = audit.path("objectRef");
        return new EvidenceSummary(id, text(document.path("@timestamp")),
                text(document.path("orchestrator").path("cluster").path("name")),
                firstText(document.path("user").path("name"), audit.path("user").path("username")),
                text(audit.path("verb")), object.isObject() ? object : null,
                code.isIntegralNumber() ? code.intValue() : null,
                firstText(document.path("source").path("ip"), audit.path("sourceIPs").path(0)),
                text(document.path("message")), text(audit.path("auditID")), text(audit.path("stage")),
                firstText(document.path("user_agent").path("original"), audit.path("userAgent")), document);
    }

    private static String firstText(JsonNode first, JsonNode second) {
        String text = text(first);
        return text != null ? text : text(second);
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asString() : null;
    }
}
