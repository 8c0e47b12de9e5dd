package dev.vigil.alerting.index;

import dev.vigil.alerting.opensearch.OpenSearchRest;
import dev.vigil.alerting.opensearch.OpenSearchRest.JsonResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Retention without the ISM plugin: deletes the daily indices whose whole day lies beyond the retention of their
 * family, judged by the date in the index name (the event time), and says so in the log.
 */
public final class ExpiredIndexDeleter {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiredIndexDeleter.class);

    private final OpenSearchRest rest;
    private final RetentionProperties retention;

    public ExpiredIndexDeleter(OpenSearchRest rest, RetentionProperties retention) {
        this.rest = rest;
        this.retention = retention;
    }

    /** Deletes what has expired at {@code now} and returns the names of the deleted indices. */
    public List<String> deleteExpired(Instant now) {
        List<String> deleted = new ArrayList<>();
        for (IndexFamily family : IndexFamily.values()) {
            List<String> expired = dailyIndices(family).stream()
                    .filter(index -> family.expired(index, retention.of(family), now))
                    .sorted()
                    .toList();
            if (expired.isEmpty()) {
                continue;
            }
            JsonResponse answer = rest.delete("/" + String.join(",", expired));
            if (!answer.ok()) {
                LOG.warn("Retention: could not delete {}: {} {}", expired, answer.status(), answer.error());
                continue;
            }
            LOG.info("Retention: deleted {} (events older than {} days; OpenSearch has no index-management "
                    + "plugin, so Vigil applies the retention itself)", expired, retention.of(family).toDays());
            deleted.addAll(expired);
        }
        return deleted;
    }

    private List<String> dailyIndices(IndexFamily family) {
        JsonResponse answer = rest.get("/_cat/indices/" + family.pattern(),
                Map.of("format", "json", "h", "index", "expand_wildcards", "open,closed"));
        if (!answer.ok()) {
            throw new IllegalStateException("cannot list " + family.pattern() + ": " + answer.status() + " "
                    + answer.error());
        }
        List<String> names = new ArrayList<>();
        for (JsonNode row : answer.body()) {
            String name = row.path("index").asString("");
            if (family.dayOf(name).isPresent()) {
                names.add(name);
            }
        }
        return names;
    }
}
