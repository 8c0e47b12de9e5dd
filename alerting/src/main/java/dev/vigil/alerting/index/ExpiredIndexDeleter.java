package dev.vigil.alerting.index;

import dev.vigil.alerting.opensearch.OpenSearchRest;
import dev.vigil.alerting.opensearch.OpenSearchRest.JsonResponse;
import dev.vigil.model.json.VigilJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Retention without the ISM plugin. A daily index is deleted only when both hold: every event its day can hold is
 * older than the retention of its family (the date in its name), and Vigil received nothing into it for the
 * retention — judged by the later of the index's creation and its newest {@code event.created} (the time Vigil
 * wrote the document). So a replay of last year's logs is kept for the full retention from the replay on, not
 * deleted within the hour because the events themselves are old.
 */
public final class ExpiredIndexDeleter {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiredIndexDeleter.class);

    /** Set by Vigil on every alert and evidence document when it writes it (for evidence: when ingest received it). */
    static final String RECEIVED_FIELD = "event.created";

    private final OpenSearchRest rest;
    private final RetentionProperties retention;

    public ExpiredIndexDeleter(OpenSearchRest rest, RetentionProperties retention) {
        this.rest = rest;
        this.retention = retention;
    }

    /** A daily index with its creation time. */
    record DailyIndex(String name, Instant created) {
    }

    /** Deletes what has expired at {@code now} and returns the names of the deleted indices. */
    public List<String> deleteExpired(Instant now) {
        List<String> deleted = new ArrayList<>();
        for (IndexFamily family : IndexFamily.values()) {
            Duration keep = retention.of(family);
            List<String> expired = new ArrayList<>();
            for (DailyIndex index : dailyIndices(family)) {
                if (!family.expired(index.name(), keep, now)) {
                    continue;
                }
                Optional<Instant> received = lastReceived(index);
                if (received.isEmpty()) {
                    continue;
                }
                Instant lastReceived = received.get();
                if (lastReceived.plus(keep).isAfter(now)) {
                    LOG.debug("Retention: keeping {}: its events are older than {} days, but Vigil received data into"
                            + " it at {}", index.name(), keep.toDays(), lastReceived);
                    continue;
                }
                expired.add(index.name());
                LOG.info("Retention: deleting {}: its events and the last data Vigil received into it ({}) are older"
                        + " than the retention of {} days", index.name(), lastReceived, keep.toDays());
            }
            if (expired.isEmpty()) {
                continue;
            }
            expired.sort(null);
            JsonResponse answer = rest.delete("/" + String.join(",", expired));
            if (!answer.ok()) {
                LOG.warn("Retention: could not delete {}: {} {}", expired, answer.status(), answer.error());
                continue;
            }
            LOG.info("Retention: deleted {} (OpenSearch has no index-management plugin, so Vigil applies the"
                    + " retention itself)", expired);
            deleted.addAll(expired);
        }
        return deleted;
    }

    /**
     * The later of the index's creation and the newest time Vigil wrote a document into it; empty when that cannot
     * be read (a closed index, a failing node): not provably old, so the index is kept this time.
     */
    private Optional<Instant> lastReceived(DailyIndex index) {
        ObjectNode query = VigilJson.mapper().createObjectNode().put("size", 0);
        query.putObject("aggs").putObject("received").putObject("max").put("field", RECEIVED_FIELD);
        JsonResponse answer = rest.post("/" + index.name() + "/_search", query);
        if (!answer.ok()) {
            LOG.warn("Retention: keeping {} for now: cannot read the newest {} in it: {} {}", index.name(),
                    RECEIVED_FIELD, answer.status(), answer.error());
            return Optional.empty();
        }
        JsonNode value = answer.body().path("aggregations").path("received").path("value");
        Instant newest = value.isNumber() ? Instant.ofEpochMilli(value.asLong()) : Instant.EPOCH;
        return Optional.of(newest.isAfter(index.created()) ? newest : index.created());
    }

    private List<DailyIndex> dailyIndices(IndexFamily family) {
        JsonResponse answer = rest.get("/_cat/indices/" + family.pattern(),
                Map.of("format", "json", "h", "index,creation.date", "expand_wildcards", "open,closed"));
        if (!answer.ok()) {
            throw new IllegalStateException("cannot list " + family.pattern() + ": " + answer.status() + " "
                    + answer.error());
        }
        List<DailyIndex> indices = new ArrayList<>();
        for (JsonNode row : answer.body()) {
            String name = row.path("index").asString("");
            if (family.dayOf(name).isPresent()) {
                indices.add(new DailyIndex(name, Instant.ofEpochMilli(row.path("creation.date").asLong(0))));
            }
        }
        return indices;
    }
}
