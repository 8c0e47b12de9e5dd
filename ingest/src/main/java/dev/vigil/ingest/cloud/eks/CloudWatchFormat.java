package dev.vigil.ingest.cloud.eks;

import dev.vigil.ingest.cloud.CloudFormat;
import dev.vigil.ingest.cloud.CloudRecord;
import dev.vigil.model.audit.AuditFileReader;
import dev.vigil.model.json.VigilJson;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EKS control-plane audit logs as CloudWatch Logs hands them out: a subscription filter's payload
 * ({@code {"messageType": "DATA_MESSAGE", "logGroup", "logEvents": [{"id", "timestamp", "message"}]}}; a
 * {@code CONTROL_MESSAGE} holds no events), a Logs Insights result row ({@code @message}, {@code @log}), the output of
 * {@code aws logs get-log-events} / {@code filter-log-events} ({@code {"events": [{"message"}]}}), or a bare audit
 * event (a Firehose stream that extracts the messages). Each log message is one {@code audit.k8s.io/v1} Event as the
 * API server wrote it, read with the same per-item care as the webhook's ({@link AuditFileReader}).
 * <p>
 * The cluster is the {@code <name>} of EKS's log group {@code /aws/eks/<name>/cluster}, unless the log group is
 * mapped to a cluster explicitly; none when the payload names no log group.
 */
public final class CloudWatchFormat implements CloudFormat {

    /** The {@code --format} name. */
    public static final String NAME = "cloudwatch";

    private static final Pattern EKS_LOG_GROUP = Pattern.compile("/aws/eks/([^/]+)/cluster");

    private final Map<String, String> logGroupClusters;

    /** Clusters named by EKS's log groups only. */
    public CloudWatchFormat() {
        this(Map.of());
    }

    /** @param logGroupClusters log group name → cluster, taking precedence over the EKS naming rule */
    public CloudWatchFormat(Map<String, String> logGroupClusters) {
        this.logGroupClusters = Map.copyOf(logGroupClusters);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean probe(JsonNode item) {
        return item != null && item.isObject() && (isSubscriptionPayload(item) || item.has("@message")
                || isLogEventsExport(item));
    }

    private static boolean isSubscriptionPayload(JsonNode item) {
        return item.has("messageType") && (item.has("logEvents") || item.has("logGroup"));
    }

    private static boolean isLogEventsExport(JsonNode item) {
        JsonNode events = item.path("events");
        return events.isArray() && (item.has("searchedLogStreams") || item.has("nextForwardToken")
                || (!events.isEmpty() && events.get(0).has("message")));
    }

    @Override
    public List<CloudRecord> events(JsonNode item) {
        List<CloudRecord> records = new ArrayList<>();
        if (item == null || !item.isObject()) {
            records.add(CloudRecord.failed("not a CloudWatch Logs record: not a JSON object", null,
                    String.valueOf(item)));
        } else if (item.has("messageType")) {
            subscriptionPayload(item, records);
        } else if (item.has("@message")) {
            String logGroup = item.path("@log").asString("");
            // Logs Insights writes @log as "<account id>:<log group>".
            message(item.get("@message"), clusterOfLogGroup(logGroup.substring(logGroup.indexOf(':') + 1)), records);
        } else if (isLogEventsExport(item)) {
            String cluster = clusterOfLogGroup(item.path("logGroupName").asString(null));
            for (JsonNode event : item.get("events")) {
                message(event.get("message"), cluster, records);
            }
        } else if (item.has("auditID") || "Event".equals(item.path("kind").asString(""))) {
            // A message Firehose extracted from its CloudWatch envelope: the log group is gone.
            records.add(CloudRecord.event((ObjectNode) item, null, item.toString()));
        } else {
            records.add(CloudRecord.failed("not a CloudWatch Logs record (no messageType, @message or events, and "
                    + "not an audit event)", null, item.toString()));
        }
        return records;
    }

    private void subscriptionPayload(JsonNode payload, List<CloudRecord> records) {
        String type = payload.path("messageType").asString("");
        String cluster = clusterOfLogGroup(payload.path("logGroup").asString(null));
        if ("CONTROL_MESSAGE".equals(type)) {
            return; // CloudWatch Logs checks that the destination is reachable: nothing to ingest.
        }
        if (!"DATA_MESSAGE".equals(type)) {
            records.add(CloudRecord.failed("unknown CloudWatch Logs messageType '" + type + "'", cluster,
                    payload.toString()));
            return;
        }
        JsonNode logEvents = payload.get("logEvents");
        if (logEvents == null || !logEvents.isArray()) {
            records.add(CloudRecord.failed("a DATA_MESSAGE without a logEvents array", cluster, payload.toString()));
            return;
        }
        for (JsonNode logEvent : logEvents) {
            message(logEvent.get("message"), cluster, records);
        }
    }

    /** The events of one log message: normally exactly one; the whole message as the original of each. */
    private static void message(JsonNode message, String cluster, List<CloudRecord> records) {
        if (message == null || !message.isString()) {
            records.add(CloudRecord.failed("a log event without a string message", cluster, String.valueOf(message)));
            return;
        }
        String text = message.asString();
        int before = records.size();
        try (AuditFileReader reader = AuditFileReader.of(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "cloudwatch")) {
            while (reader.hasNext()) {
                AuditFileReader.Item item = reader.next();
                if (!item.isOk() || !(item.node() instanceof ObjectNode event)) {
                    // One failure holds the whole message: its parts would only repeat it.
                    records.add(CloudRecord.failed("the log message is not an audit event: "
                            + (item.isOk() ? "not a JSON object" : item.error()), cluster, text));
                    return;
                }
                records.add(CloudRecord.event(event, cluster, text));
            }
        } catch (IOException e) {
            records.add(CloudRecord.failed("cannot read the log message: " + e.getMessage(), cluster, text));
            return;
        }
        if (records.size() == before) {
            records.add(CloudRecord.failed("an empty log message", cluster, text));
        }
    }

    /**
     * The cluster a log group stands for: its configured mapping, else {@code <name>} of {@code /aws/eks/<name>/cluster},
     * else null.
     */
    public String clusterOfLogGroup(String logGroup) {
        if (logGroup == null || logGroup.isEmpty()) {
            return null;
        }
        String mapped = logGroupClusters.get(logGroup);
        if (mapped != null) {
            return mapped;
        }
        Matcher eks = EKS_LOG_GROUP.matcher(logGroup);
        return eks.matches() ? eks.group(1) : null;
    }

    /**
     * The cluster of a subscription payload, read only as far as its top-level {@code logGroup} (which CloudWatch
     * writes near the start): empty when the JSON names no log group or one of no known cluster, or is not JSON.
     */
    public Optional<String> peekCluster(InputStream payload) {
        try (JsonParser parser = VigilJson.mapper().createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("logGroup".equals(name) && value == JsonToken.VALUE_STRING) {
                    return Optional.ofNullable(clusterOfLogGroup(parser.getString()));
                }
                parser.skipChildren();
            }
            return Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }
}
