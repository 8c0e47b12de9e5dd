package dev.vigil.console.deadletters;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vigil.console.query.QueryParameters;
import dev.vigil.console.topics.RecentRecords;
import dev.vigil.model.audit.Timestamps;
import dev.vigil.model.json.VigilJson;
import dev.vigil.model.redact.SecretText;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/dead-letters}: what Vigil could not process, newest first, with counts by reason and by stage.
 * Payloads and reasons pass the same shape-based redaction as evidence text before they leave the server.
 */
final class DeadLetterView {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 1000;
    /** Newest records read per partition: the view is for looking, not for exporting the topic. */
    static final int MAX_PER_PARTITION = 5000;
    /** Longest payload shown; longer ones are cut (the topic keeps them whole). */
    static final int MAX_PAYLOAD = 64 * 1024;
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    record DeadLetterItem(String source, String reason, @JsonProperty("received_at") Instant receivedAt,
                          String cluster, String payload, @JsonProperty("payload_bytes") int payloadBytes,
                          @JsonProperty("payload_truncated") boolean payloadTruncated, int partition, long offset) {
    }

    record Count(String key, long count) {
    }

    record DeadLetters(String topic, Instant since, long scanned, boolean truncated, long total,
                       @JsonProperty("by_reason") List<Count> byReason, @JsonProperty("by_source") List<Count> bySource,
                       @JsonProperty("dead_letters") List<DeadLetterItem> deadLetters) {
    }

    private final RecentRecords reader;
    private final Clock clock;

    DeadLetterView(RecentRecords reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    DeadLetters list(String sinceText, String source, String reason, Integer size) {
        Instant since = since(sinceText, clock.instant());
        int limit = size == null ? DEFAULT_SIZE : size;
        if (limit < 1 || limit > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", not " + size);
        }
        String sourceFilter = lower(source);
        String reasonFilter = lower(reason);
        RecentRecords.Batch batch = reader.read(since, MAX_PER_PARTITION);
        List<DeadLetterItem> matching = new ArrayList<>();
        for (RecentRecords.Raw raw : batch.records()) {
            DeadLetterItem item = item(raw);
            if (contains(item.source(), sourceFilter) && contains(item.reason(), reasonFilter)) {
                matching.add(item);
            }
        }
        matching.sort(Comparator.comparing(DeadLetterItem::receivedAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(DeadLetterItem::partition).thenComparing(DeadLetterItem::offset, Comparator.reverseOrder()));
        return new DeadLetters(reader.topic(), since, batch.records().size(), batch.truncated(), matching.size(),
                counts(matching, item -> reasonKind(item.reason())), counts(matching, item -> stage(item.source())),
                matching.stream().limit(limit).toList());
    }

    /** A dead letter as the contract writes it; a record that is none still shows, with its raw text as payload. */
    static DeadLetterItem item(RecentRecords.Raw raw) {
        String text = raw.value() == null ? "" : new String(raw.value(), StandardCharsets.UTF_8);
        JsonNode letter;
        try {
            letter = VigilJson.mapper().readTree(text);
        } catch (RuntimeException e) {
            letter = null;
        }
        if (letter == null || !letter.isObject()) {
            return payloadItem(raw.key(), "not a dead-letter record", raw.timestamp(), null, text, raw);
        }
        Instant received = Timestamps.parse(string(letter.path("receivedAt"))).orElse(raw.timestamp());
        return payloadItem(string(letter.path("source")) == null ? raw.key() : string(letter.path("source")),
                string(letter.path("reason")), received, string(letter.path("cluster")),
                string(letter.path("payload")), raw);
    }

    private static DeadLetterItem payloadItem(String source, String reason, Instant received, String cluster,
                                              String payload, RecentRecords.Raw raw) {
        String text = payload == null ? "" : payload;
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        boolean cut = text.length() > MAX_PAYLOAD;
        String shown = cut ? SecretText.redact(text.substring(0, MAX_PAYLOAD)) : PayloadRedaction.redact(text);
        return new DeadLetterItem(source, reason == null ? null : SecretText.redact(reason), received, cluster, shown,
                bytes, cut, raw.partition(), raw.offset());
    }

    /** The reason without its particulars: up to the first colon, numbers as {@code #}. */
    static String reasonKind(String reason) {
        if (reason == null || reason.isBlank()) {
            return "(no reason)";
        }
        int colon = reason.indexOf(':');
        String head = colon > 0 ? reason.substring(0, colon) : reason;
        head = DIGITS.matcher(head.strip()).replaceAll("#");
        return head.length() > 120 ? head.substring(0, 120) + "…" : head;
    }

    /** The stage of a source: {@code ingest:webhook} → {@code ingest}. */
    static String stage(String source) {
        if (source == null || source.isBlank()) {
            return "(unknown)";
        }
        int colon = source.indexOf(':');
        return colon > 0 ? source.substring(0, colon) : source;
    }

    /** {@code since} as every read endpoint reads a time (an age, a date or an RFC 3339 time); blank is the default window. */
    static Instant since(String text, Instant now) {
        Instant since = QueryParameters.time("since", text, now);
        return since == null ? now.minus(DEFAULT_WINDOW) : since;
    }

    private static List<Count> counts(List<DeadLetterItem> items, java.util.function.Function<DeadLetterItem, String> key) {
        Map<String, Long> counts = new LinkedHashMap<>();
        items.forEach(item -> counts.merge(key.apply(item), 1L, Long::sum));
        return counts.entrySet().stream().map(entry -> new Count(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparing(Count::count).reversed().thenComparing(Count::key)).toList();
    }

    private static boolean contains(String value, String filter) {
        return filter == null || (value != null && value.toLowerCase(Locale.ROOT).contains(filter));
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    private static String string(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }
}
