package dev.vigil.model.dlq;

import java.util.Locale;
import java.util.Set;

/**
 * The fixed set of reasons a dead letter is counted under ({@code vigil.dead.letters}, tag {@code reason}), mapped
 * from the free-text reasons of the writers in this one place, and the fixed stage a {@link DeadLetter#source()}
 * is counted under (tag {@code source}): neither a sender's input nor a cluster name can create a metric series.
 * A reason no rule knows is {@link #OTHER}; a new writer's reasons belong here.
 */
public enum DeadLetterCategory {
    /** Not JSON at all, or broken inside (syntax, a document whose brackets no longer match). */
    NOT_JSON("not-json"),
    /** JSON, but not an object that says it is an audit event. */
    NOT_AN_AUDIT_EVENT("not-an-audit-event"),
    /** An audit event the webhook cannot accept without an auditID. */
    NO_AUDIT_ID("no-audit-id"),
    /** An audit event with a field of the wrong type, an unparseable timestamp or a kind other than Event. */
    INVALID_EVENT("invalid-event"),
    /** The event was sent without an unreadable request/response object; the letter holds the original. */
    OBJECT_DROPPED("object-dropped"),
    /** Larger than an item or a Kafka record may be (the event was shrunk or not sent). */
    TOO_LARGE("too-large"),
    /** A managed cloud's record that names no cluster, or one its source may not deliver. */
    CLUSTER_REFUSED("cluster-refused"),
    /** A stream thread could not deserialize, process or write a record. */
    PROCESSING_FAILED("processing-failed"),
    /** A notifier gave up delivering an alert. */
    NOTIFICATION_FAILED("notification-failed"),
    /** OpenSearch refused a document. */
    INDEX_REJECTED("index-rejected"),
    /** Unreadable in some other way (a cloud envelope that cannot be decoded, a read error). */
    UNREADABLE("unreadable"),
    OTHER("other");

    /** The counter every stage counts the dead letters it wrote in, tagged {@code reason} and {@code source}. */
    public static final String METRIC = "vigil.dead.letters";
    /** Its description (the HELP text). */
    public static final String METRIC_DESCRIPTION =
            "Dead letters written to vigil.dlq, by reason category and the stage that wrote them";

    /** The stages a source is counted under, and the intakes or parts of a stage named in the source's second part. */
    private static final Set<String> STAGES = Set.of("ingest", "replay", "streams", "alerting");
    private static final Set<String> PARTS = Set.of("webhook", "firehose", "pubsub", "gke", "aks", "notify");

    private final String tag;

    DeadLetterCategory(String tag) {
        this.tag = tag;
    }

    /** The value of the {@code reason} tag. */
    public String tag() {
        return tag;
    }

    /** The category of a writer's reason text. */
    public static DeadLetterCategory of(String reason) {
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (r.startsWith("the event was sent without its unreadable objects")) {
            return OBJECT_DROPPED;
        }
        if (r.contains("too large") || r.startsWith("item larger than") || r.contains("exceeds the maximum")
                || r.contains("recordtoolarge")) {
            return TOO_LARGE;
        }
        if (r.startsWith("not valid json") || r.startsWith("cannot deserialize") || r.startsWith("not json")) {
            return r.startsWith("cannot deserialize") ? PROCESSING_FAILED : NOT_JSON;
        }
        if (r.startsWith("not an audit event")) {
            return NOT_AN_AUDIT_EVENT;
        }
        if (r.startsWith("no auditid")) {
            return NO_AUDIT_ID;
        }
        if (r.startsWith("not a json object") || r.startsWith("kind is ") || r.contains(": expected ")
                || r.contains("unparseable timestamp") || r.startsWith("auditid is empty")) {
            return INVALID_EVENT;
        }
        if (r.contains("may not deliver cluster") || r.contains("names no managed cluster")
                || r.contains("not allowed")) {
            return CLUSTER_REFUSED;
        }
        if (r.startsWith("processing failed") || r.startsWith("cannot write to") || r.startsWith("cannot serialize")) {
            return PROCESSING_FAILED;
        }
        if (r.contains(" notifier ") && r.contains("gave up")) {
            return NOTIFICATION_FAILED;
        }
        if (r.contains("opensearch") || r.contains("mapper_parsing") || r.contains("index")) {
            return INDEX_REJECTED;
        }
        if (r.startsWith("cannot read") || r.startsWith("cannot decode") || r.contains("unreadable")
                || r.startsWith("empty record")) {
            return UNREADABLE;
        }
        return OTHER;
    }

    /**
     * The stage of a source id ({@code ingest:webhook:prod:item-3} → {@code ingest:webhook},
     * {@code replay:audit.log:17} → {@code replay}, {@code streams:k8s.audit.events/0@42} → {@code streams},
     * {@code alerting:notify:soar:…} → {@code alerting:notify}), or {@code other}.
     */
    public static String sourceOf(String source) {
        String[] parts = source == null ? new String[] {""} : source.split(":", 3);
        if (!STAGES.contains(parts[0])) {
            return "other";
        }
        return parts.length > 1 && PARTS.contains(parts[1]) ? parts[0] + ":" + parts[1] : parts[0];
    }
}
